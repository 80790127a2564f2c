import Foundation

// Small text helpers the readers and the validator share. They live together (and are internal
// to HallCore rather than file-private) because the CSV reader, the JSON reader and the field
// checks all need the same full-width folding and the same trimming, so one cell reads the same
// whichever format it came in. CatalogSearch uses `halfwidth` as well.

extension CatalogImport {
    /// Full-width digits and letters from a Chinese input method, as ASCII.
    static func halfwidth(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) || $0.value == 0x3000 }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0xFF01...0xFF5E).contains(u.value) { out.append(Unicode.Scalar(u.value - 0xFEE0)!) }
            else if u.value == 0x3000 { out.append(" ") }
            else { out.append(u) }
        }
        return String(out)
    }

    /// "1.5 MB", "12 KB": a size in messages about the file and field limits.
    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : bytes >= 1024 ? String(format: "%.0f KB", Double(bytes) / 1024) : "\(bytes) 字节"
    }
}

extension String {
    /// Foundation's trimmingCharacters(in:) is slow on Linux and almost every cell has nothing to
    /// trim; 20,000 rows × 28 columns made it the larger part of an import.
    var trimmedFast: String {
        let u = unicodeScalars
        guard let first = u.first, let last = u.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        guard let start = u.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = u.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(u[start...end])
    }
}
