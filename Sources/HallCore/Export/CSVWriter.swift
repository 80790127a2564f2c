import Foundation

/// The one CSV form every export of the hall uses (queue report, ratings export): what a
/// spreadsheet on a Chinese Windows PC opens correctly, and what RFC 4180 readers accept.
///
/// - UTF-8 with a byte-order mark: without it Excel there reads the file as GBK and garbles
///   every Chinese character.
/// - CRLF after every record (RFC 4180).
/// - A field holding `,`, `"`, CR or LF is quoted, `"` doubled; a bare CR or LF would otherwise
///   start a new record in the reader.
/// - A field starting with `=`, `+`, `-` or `@` gets a leading `'`, so text an applicant typed
///   (a rating's comment, a name) can never run as a spreadsheet formula.
public enum CSVWriter {
    public static let byteOrderMark = "\u{FEFF}"

    /// The whole file: BOM, header, rows, each record ended by CRLF.
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = byteOrderMark
        for record in [header] + rows { out += row(record) + "\r\n" }
        return out
    }

    /// One record without its line end.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    public static func field(_ value: String) -> String {
        var v = value
        if let first = v.first, "=+-@".contains(first) { v = "'" + v }
        // Unicode scalars, not Characters: "\r\n" is one Character and `contains("\n")` on a
        // Character view would miss it.
        if v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            v = "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}
