import Foundation

/// The default printer: a folder. The demo and a hall without a printer still get every
/// document as a file (PDF for A4, .bin ESC/POS for thermal) that can be printed later.
public struct SpoolPrinter: Printer {
    public var directory: String

    public init(directory: String) { self.directory = directory }

    public func send(_ data: Data, format: PrintFormat, title: String) -> PrintOutcome {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let name = Self.fileName(title: title, ext: format.fileExtension, existing: { fm.fileExists(atPath: "\(directory)/\($0)") })
            let path = "\(directory)/\(name)"
            // Written beside and renamed, so a reader of the folder never sees half a file.
            let temp = "\(directory)/.\(name).part"
            try data.write(to: URL(fileURLWithPath: temp))
            try fm.moveItem(atPath: temp, toPath: path)
            return PrintOutcome(status: .printed, reason: nil, file: path)
        } catch {
            return .failed("无法写入输出目录 \(directory)：\(error.localizedDescription)")
        }
    }

    /// "YC202603020001-一次性告知书.pdf", with characters a file system dislikes replaced and a
    /// counter when the name is taken (a reprint never overwrites the original's file).
    static func fileName(title: String, ext: String, existing: (String) -> Bool) -> String {
        let unsafe = Set("/\\:*?\"<>|\0")
        var base = String(title.map { unsafe.contains($0) || $0.isNewline ? "_" : $0 }.prefix(80))
        if base.isEmpty || base.hasPrefix(".") { base = "document" + base }
        var name = "\(base).\(ext)", n = 2
        while existing(name) { name = "\(base)-\(n).\(ext)"; n += 1 }
        return name
    }
}
