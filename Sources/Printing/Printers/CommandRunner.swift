import Foundation
import Subprocess

/// Runs a command (lp, lpstat) with a time limit and returns what it printed. CUPS's messages are
/// parsed, so the commands run in the C locale; the Chinese the clerk reads is ours.
///
/// Through swift-subprocess (issue 17): the command gets a process group of its own, and the time
/// limit cancels the run, which ends that whole group (SIGTERM, then SIGKILL half a second later).
/// The hand-made runner it replaces terminated only the command itself: a `lp` wrapper script whose
/// child kept the output pipe open (a hung backend, a `sleep`) kept the clerk waiting as long as
/// that child lived, and the child stayed behind.
/// Public for the call board's voice, which runs its command the same way (HallApp/Voice).
public struct CommandRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
        var text: String { (stderr + "\n" + stdout).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    public var timeout: TimeInterval = 10
    /// Set on top of the inherited environment: CUPS's tools in the C locale by default.
    public var environment: [String: String] = ["LC_ALL": "C", "LANG": "C", "LANGUAGE": "C"]

    public init(timeout: TimeInterval = 10, environment: [String: String]? = nil) {
        self.timeout = timeout
        if let environment { self.environment = environment }
    }
    /// What CUPS's tools print is a few lines; more is not theirs to say.
    static let outputLimit = 1 << 20

    /// Blocks the calling thread (the printing paths are synchronous) while the run goes on in
    /// a task of its own.
    public func run(_ executable: String, _ arguments: [String], input: Data? = nil) -> Result {
        final class Box: @unchecked Sendable { var result: Result? }
        let box = Box(), done = DispatchSemaphore(value: 0)
        Task.detached {
            box.result = await self.runAsync(executable, arguments, input: input)
            done.signal()
        }
        done.wait()
        return box.result!
    }

    func runAsync(_ executable: String, _ arguments: [String], input: Data?) async -> Result {
        let limit = timeout
        return await withTaskGroup(of: Result?.self) { group in
            group.addTask { await self.launch(executable, arguments, input: input) }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int(limit * 1000)))
                return nil   // the time limit: nil cancels the run below
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            if let first { return first }
            // Cancelled: swift-subprocess tears the group down; wait until it has.
            while let next = await group.next() { _ = next }
            return Result(status: -1, stdout: "", stderr: "", timedOut: true)
        }
    }

    private func launch(_ executable: String, _ arguments: [String], input: Data?) async -> Result {
        var options = PlatformOptions()
        options.processGroupID = 0   // a group of its own, so the teardown reaches what it started
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(500))]
        let environment = Environment.inherit.updating(Dictionary(uniqueKeysWithValues: self.environment.map { (Environment.Key(stringLiteral: $0.key), Optional($0.value)) }))
        do {
            let result = if let input {
                try await Subprocess.run(.path(.init(executable)), arguments: Arguments(arguments), environment: environment,
                                         platformOptions: options, input: .data(input),
                                         output: .string(limit: Self.outputLimit), error: .string(limit: Self.outputLimit))
            } else {
                try await Subprocess.run(.path(.init(executable)), arguments: Arguments(arguments), environment: environment,
                                         platformOptions: options, input: .none,
                                         output: .string(limit: Self.outputLimit), error: .string(limit: Self.outputLimit))
            }
            let status: Int32
            switch result.terminationStatus {
            case .exited(let code): status = code
            case .signaled(let signal): status = 128 + signal
            }
            return Result(status: status, stdout: result.standardOutput ?? "", stderr: result.standardError ?? "",
                          timedOut: Task.isCancelled)
        } catch {
            if Task.isCancelled { return Result(status: -1, stdout: "", stderr: "", timedOut: true) }
            return Result(status: -1, stdout: "", stderr: "无法运行 \(executable)：\(error)", timedOut: false)
        }
    }

    /// The Chinese for a command that did not finish in time.
    func timeoutMessage(_ executable: String) -> String {
        "\((executable as NSString).lastPathComponent) 在 \(Int(timeout)) 秒内没有结束，已终止（连同它启动的进程）：请检查打印服务（CUPS）是否正常"
    }

    /// The first directory on PATH (or the usual CUPS places) holding `name`.
    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin", "/bin"]
        return dirs.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
