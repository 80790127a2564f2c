import HallCore

/// Which printer each kind of document goes to (the issue's "a printer per document kind in the
/// configuration"). Keys, most specific first: a kind's raw value (`oneTimeCorrection`,
/// `acceptance`, `refusal`, `materialsReceipt`, `queueTicket`), then `notice` for the four formal
/// notices or `ticket` for queue tickets, then `default`. Without any, notices go to the spool
/// folder as A4 PDF and tickets as 80 mm ESC/POS, so a hall with no printer still works.
public struct PrinterRoutes: Sendable, Equatable {
    public var routes: [String: PrinterSpec]
    public var spoolDirectory: String

    /// `settings` maps the keys above to printer texts ("cups:HP_A4", "device:/dev/usb/lp0?paper=58mm").
    public init(spoolDirectory: String, settings: [String: String] = [:]) throws {
        self.spoolDirectory = spoolDirectory
        var routes: [String: PrinterSpec] = [:]
        let known = Set(DocumentKind.allCases.map(\.rawValue) + ["notice", "ticket", "default"])
        for (key, text) in settings {
            guard known.contains(key) else {
                throw PrintingError.badPrinterSpec("未知的文书类别“\(key)”，可用：\(known.sorted().joined(separator: "、"))")
            }
            routes[key] = try PrinterSpec(parsing: text)
        }
        self.routes = routes
    }

    public func spec(for kind: DocumentKind) -> PrinterSpec {
        let group = kind == .queueTicket ? "ticket" : "notice"
        if let spec = routes[kind.rawValue] ?? routes[group] ?? routes["default"] { return spec }
        return PrinterSpec(.spool(directory: spoolDirectory), paper: kind == .queueTicket ? .thermal80 : .a4)
    }
}
