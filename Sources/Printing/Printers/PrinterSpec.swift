import Foundation

/// Where one kind of document goes, as written in the configuration:
///
///     spool:/var/lib/yichuang/spool            (the default: a folder, no printer needed)
///     cups:HP_LaserJet                         (A4 PDF through `lp -d HP_LaserJet`)
///     cups:Thermal80?paper=80mm                (ESC/POS through a raw CUPS queue)
///     device:/dev/usb/lp0?paper=58mm           (ESC/POS straight to the device file)
///     cups:PDF?server=/tmp/cups/cups.sock      (a CUPS server other than the system's)
public struct PrinterSpec: Equatable, Sendable, CustomStringConvertible {
    public enum Connection: Equatable, Sendable {
        case spool(directory: String)
        case cups(queue: String, server: String?)
        case device(path: String)
    }

    public var connection: Connection
    public var paper: Paper

    public init(_ connection: Connection, paper: Paper? = nil) {
        self.connection = connection
        if let paper { self.paper = paper } else if case .device = connection { self.paper = .thermal80 } else { self.paper = .a4 }
    }

    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else {
            throw PrintingError.badPrinterSpec("“\(text)”应写成 spool:目录、cups:打印机名 或 device:设备文件")
        }
        let scheme = trimmed[..<colon].lowercased()
        var rest = String(trimmed[trimmed.index(after: colon)...])
        var options: [String: String] = [:]
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                options[kv[0].lowercased()] = kv.count > 1 ? kv[1] : ""
            }
            rest = String(rest[..<q])
        }
        guard !rest.isEmpty else { throw PrintingError.badPrinterSpec("“\(text)”缺少目录、打印机名或设备文件") }
        var paper: Paper?
        if let p = options["paper"] {
            guard let parsed = Paper(rawValue: p.lowercased()) else {
                throw PrintingError.badPrinterSpec("纸张“\(p)”无效，可用：a4、58mm、80mm")
            }
            paper = parsed
        }
        switch scheme {
        case "spool": self.init(.spool(directory: rest), paper: paper)
        case "cups": self.init(.cups(queue: rest, server: options["server"]), paper: paper)
        case "device": self.init(.device(path: rest), paper: paper)
        default: throw PrintingError.badPrinterSpec("“\(scheme)”不是可用的打印方式（spool、cups、device）")
        }
    }

    /// The same text `init(parsing:)` reads; what a print job records as its printer.
    public var description: String {
        var base: String, options: [String] = []
        let defaultPaper: Paper
        switch connection {
        case .spool(let dir): base = "spool:\(dir)"; defaultPaper = .a4
        case .cups(let queue, let server):
            base = "cups:\(queue)"; defaultPaper = .a4
            if let server { options.append("server=\(server)") }
        case .device(let path): base = "device:\(path)"; defaultPaper = .thermal80
        }
        if paper != defaultPaper { options.insert("paper=\(paper.rawValue)", at: 0) }
        return options.isEmpty ? base : base + "?" + options.joined(separator: "&")
    }

    /// What the clerk sees: "CUPS 打印机 HP_LaserJet（A4）".
    public var label: String {
        switch connection {
        case .spool(let dir): return "输出目录 \(dir)（\(paper.label)）"
        case .cups(let queue, _): return "CUPS 打印机 \(queue)（\(paper.label)）"
        case .device(let path): return "打印机设备 \(path)（\(paper.label)）"
        }
    }

    public func makePrinter() -> Printer {
        switch connection {
        case .spool(let dir): return SpoolPrinter(directory: dir)
        case .cups(let queue, let server): return CUPSPrinter(queue: queue, server: server)
        case .device(let path): return DevicePrinter(path: path)
        }
    }
}
