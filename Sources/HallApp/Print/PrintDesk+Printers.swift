import Foundation
import HallCore
import Printing

/// The printers page: where each kind of document prints on this machine, and a test page to it.
extension PrintDesk: PrinterRouting {
    public func printerRoutes() -> [PrinterRoute] {
        DocumentKind.allCases.map { kind in
            let group = kind == .queueTicket ? "ticket" : "notice"
            let key = [kind.rawValue, group, "default"].first { routes.routes[$0] != nil }
            return PrinterRoute(kind: kind, printer: routes.spec(for: kind).label, key: key)
        }
    }

    public func printTestPage(_ kind: DocumentKind, hallName: String, at time: String) -> (failed: Bool, message: String) {
        let spec = routes.spec(for: kind)
        let page = Document(kind: kind, issuer: hallName, title: "打印测试页",
                            fields: [DocumentField("文书", kind.label), DocumentField("打印到", spec.label), DocumentField("时间", time)],
                            // A ticket prints no title: its big line says what the slip is.
                            body: (kind == .queueTicket ? [.emphasis("测试页")] : []) + [.paragraph("这是一张测试页：\(kind.label)将打印到这台打印机。字迹清楚、没有缺字、纸张大小正确，即可正常使用。")])
        let result = printer.print(page, to: spec)
        return (result.outcome.status == .failed, "测试页（\(kind.label)）：\(result.message)")
    }
}
