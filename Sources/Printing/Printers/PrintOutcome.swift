import Foundation

/// What happened to a job, as the clerk is told.
public enum PrintStatus: String, Codable, Sendable {
    /// Handed over and finished: CUPS completed it, the device took every byte, or the spool
    /// folder holds the file.
    case printed
    /// In the CUPS queue, not yet printed: it will print without anyone retrying.
    case queued
    /// Nothing was printed. The job stays in the store and can be retried.
    case failed

    public var label: String {
        switch self {
        case .printed: return "已打印"
        case .queued: return "已送入打印队列"
        case .failed: return "打印失败"
        }
    }
}

public struct PrintOutcome: Equatable, Sendable {
    public var status: PrintStatus
    /// Why, in Chinese with CUPS's own words in brackets ("没有名为 X 的打印机（lp: …）").
    public var reason: String?
    /// CUPS request id (PDF-12), to ask lpstat later.
    public var jobId: String?
    /// The file a spool folder wrote.
    public var file: String?

    public init(status: PrintStatus, reason: String? = nil, jobId: String? = nil, file: String? = nil) {
        self.status = status; self.reason = reason; self.jobId = jobId; self.file = file
    }

    public static func failed(_ reason: String) -> PrintOutcome { PrintOutcome(status: .failed, reason: reason) }

    /// One line for the status bar: "已送入打印队列（PDF-12）" / "打印失败：打印机已停止（…）".
    public var message: String { text(showingFile: true) }

    /// The same line for a clerk's screen: where a spool file went is for the log, not the window.
    public var screenMessage: String { text(showingFile: false) }

    private func text(showingFile: Bool) -> String {
        var text = status.label
        if let jobId { text += "（作业 \(jobId)）" }
        if let file { text += showingFile ? "：\(file)" : "（存入打印文件夹）" }
        if let reason { text += "：\(reason)" }
        return text
    }
}

/// Where bytes go. Each kind says honestly how far the job got.
public protocol Printer: Sendable {
    func send(_ data: Data, format: PrintFormat, title: String) -> PrintOutcome
}

public enum PrintFormat: String, Codable, Sendable {
    case pdf, escpos
    var fileExtension: String { self == .pdf ? "pdf" : "bin" }
}
