import Foundation

// Decoding the file's bytes before either reader sees them. Kept apart from parsing because the
// question here is only "is this UTF-8, and if not, what is it", so the clerk is told how to
// re-save the file (Excel on a Chinese Windows writes GB18030 unless told otherwise).

extension CatalogImport {
    /// The NSStringEncoding of kCFStringEncodingGB_18030_2000. CFStringConvertEncodingToNSStringEncoding
    /// is not exported to Swift on Linux, but Foundation decodes this raw value on both platforms.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// UTF-8 (with or without Excel's BOM), or an issue that says what the file really is.
    static func decodeText(_ data: Data) -> Result<String, CatalogIssue> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let bad = firstInvalidUTF8(bytes) else {
            return .success(String(decoding: bytes, as: UTF8.self))
        }
        let line = bytes[..<bad].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(CatalogIssue(line: 1, field: "", message: "文件是 UTF-16 编码，请另存为 UTF-8"))
        }
        if String(data: Data(bytes), encoding: gb18030) != nil {
            return .failure(CatalogIssue(line: line, field: "",
                                         message: "文件是 GB18030 编码，请另存为 UTF-8（Excel：另存为“CSV UTF-8（逗号分隔）”）"))
        }
        return .failure(CatalogIssue(line: line, field: "", message: "含无效的 UTF-8 字节（第\(bad + 1)字节），请另存为 UTF-8"))
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var it = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let s): offset += s.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
