import Foundation
import HallCore
import Printing

/// The day's summary is not a numbered document of a case: it goes to its printer route
/// (`daySummary`, then `notice`, `default`, the spool folder) as `yichuang close-day --print` does.
extension PrintDesk: DaySummaryPrinter {
    public var daySummaryPrinter: String { routes.spec(for: .daySummary).label }

    public func printDaySummary(_ document: Document) -> (failed: Bool, message: String) {
        let result = printer.print(document, to: routes.spec(for: .daySummary))
        return (result.outcome.status == .failed, result.message)
    }

    public func writeDaySummaryPDF(_ document: Document, to file: URL) throws -> [String] {
        let rendered = try printer.render(document, for: .a4)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try rendered.data.write(to: file, options: .atomic)
        return rendered.warnings
    }
}
