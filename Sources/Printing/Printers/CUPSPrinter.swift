import Foundation

/// A CUPS queue, through the command-line clients every Debian desktop has (`lp`, `lpstat`).
///
/// Before submitting, the printer's state is asked: a missing printer, a stopped (disabled)
/// printer or one refusing jobs is reported as failed with CUPS's reason, and nothing is left in
/// a CUPS queue where nobody looks. After `lp` the job is watched for `confirmWithin` seconds:
/// finished → printed; still waiting → queued (CUPS prints it when it can).
public struct CUPSPrinter: Printer {
    public var queue: String
    /// `lp -h`: host[:port] or the path of a CUPS domain socket; nil for the system's CUPS.
    public var server: String?
    public var confirmWithin: TimeInterval
    var runner = CommandRunner()

    public init(queue: String, server: String? = nil, confirmWithin: TimeInterval = 3) {
        self.queue = queue; self.server = server; self.confirmWithin = confirmWithin
    }

    private var serverArgs: [String] { server.map { ["-h", $0] } ?? [] }

    public func send(_ data: Data, format: PrintFormat, title: String) -> PrintOutcome {
        guard let lp = CommandRunner.locate("lp") else {
            return .failed("未安装 CUPS 客户端（缺少 lp 命令，请安装 cups-client）")
        }
        if let problem = printerProblem() { return .failed(problem) }
        // ESC/POS goes to a raw queue untouched; a PDF goes through the queue's filters.
        let options = format == .escpos ? ["-o", "raw"] : ["-o", "media=A4"]
        let result = runner.run(lp, serverArgs + ["-d", queue, "-t", title] + options, input: data)
        if result.timedOut { return .failed(runner.timeoutMessage(lp)) }
        guard result.status == 0, let jobId = Self.requestId(result.stdout) else {
            return .failed(Self.describeLPError(result.text, queue: queue))
        }
        let deadline = Date().addingTimeInterval(confirmWithin)
        repeat {
            let outcome = status(jobId: jobId)
            if outcome.status != .queued { return outcome }
            usleep(100_000)
        } while Date() < deadline
        return status(jobId: jobId)
    }

    /// Where a submitted job is now: finished (printed), still waiting (queued, with the printer's
    /// reason when it is stopped), or gone from CUPS altogether (failed).
    public func status(jobId: String) -> PrintOutcome {
        guard let lpstat = CommandRunner.locate("lpstat") else { return .failed("未安装 CUPS 客户端（缺少 lpstat 命令）") }
        let waiting = runner.run(lpstat, serverArgs + ["-o", queue])
        if Self.listsJob(waiting.stdout, jobId) {
            let reason = printerProblem().map { "\($0)，恢复后自动打印" } ?? "等待打印"
            return PrintOutcome(status: .queued, reason: reason, jobId: jobId)
        }
        let done = runner.run(lpstat, serverArgs + ["-W", "completed", "-o", queue])
        if Self.listsJob(done.stdout, jobId) { return PrintOutcome(status: .printed, jobId: jobId) }
        return PrintOutcome(status: .failed, reason: "CUPS 中找不到作业 \(jobId)（已被删除或打印服务已重置）", jobId: jobId)
    }

    /// Why this printer cannot take a job now, or nil when it can.
    public func printerProblem() -> String? {
        guard let lpstat = CommandRunner.locate("lpstat") else { return "未安装 CUPS 客户端（缺少 lpstat 命令）" }
        let state = runner.run(lpstat, serverArgs + ["-p", queue])
        if state.timedOut { return runner.timeoutMessage(lpstat) }
        if state.status != 0 || state.stdout.isEmpty { return Self.describeLPError(state.text, queue: queue) }
        if state.stdout.contains(" disabled ") {
            return "打印机 \(queue) 已停止" + Self.bracketed(Self.reasonLines(state.stdout))
        }
        let accepting = runner.run(lpstat, serverArgs + ["-a", queue])
        if accepting.stdout.contains("not accepting") {
            return "打印机 \(queue) 拒绝接收作业" + Self.bracketed(Self.reasonLines(accepting.stdout))
        }
        return nil
    }

    // MARK: reading CUPS's answers (C locale)

    /// "request id is PDF-12 (1 file(s))" → "PDF-12"
    static func requestId(_ text: String) -> String? {
        guard let r = text.range(of: "request id is ") else { return nil }
        let id = text[r.upperBound...].prefix { !$0.isWhitespace }
        return id.isEmpty ? nil : String(id)
    }

    static func listsJob(_ listing: String, _ jobId: String) -> Bool {
        listing.split(separator: "\n").contains { $0.split(separator: " ").first.map(String.init) == jobId }
    }

    /// The indented lines lpstat prints under a printer: the reason it was stopped.
    static func reasonLines(_ text: String) -> String {
        text.split(separator: "\n").filter { $0.hasPrefix("\t") || $0.hasPrefix(" ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "；")
    }

    static func bracketed(_ s: String) -> String { s.isEmpty ? "" : "（\(s)）" }

    static func describeLPError(_ text: String, queue: String) -> String {
        let raw = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        let lower = raw.lowercased()
        let chinese: String
        if lower.contains("does not exist") || lower.contains("invalid destination") || lower.contains("unknown destination") {
            chinese = "没有名为 \(queue) 的打印机"
        } else if lower.contains("not accepting") {
            chinese = "打印机 \(queue) 拒绝接收作业"
        } else if lower.contains("unable to connect") || lower.contains("connection refused") || lower.contains("no such file")
                    || lower.contains("bad file descriptor") || lower.contains("scheduler is not running") {
            chinese = "无法连接打印服务（CUPS 未运行？）"
        } else if lower.contains("forbidden") || lower.contains("not authorized") {
            chinese = "无权向打印机 \(queue) 提交作业"
        } else {
            chinese = "打印机 \(queue) 无法接收作业"
        }
        return chinese + bracketed(raw)
    }
}
