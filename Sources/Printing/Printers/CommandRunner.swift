import Foundation

/// Runs a command (lp, lpstat) with a time limit and returns what it printed. CUPS's messages are
/// parsed, so the commands run in the C locale; the Chinese the clerk reads is ours.
struct CommandRunner: Sendable {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
        var text: String { (stderr + "\n" + stdout).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    var timeout: TimeInterval = 10

    func run(_ executable: String, _ arguments: [String], input: Data? = nil) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C"; env["LANG"] = "C"; env["LANGUAGE"] = "C"
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        do { try process.run() } catch {
            return Result(status: -1, stdout: "", stderr: "无法运行 \(executable)：\(error.localizedDescription)", timedOut: false)
        }
        if let input {
            // Written from another thread: a large PDF would otherwise fill the pipe and deadlock
            // against lp reading it while we wait.
            let handle = inPipe.fileHandleForWriting
            DispatchQueue.global().async {
                try? handle.write(contentsOf: input)
                try? handle.close()
            }
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var stdoutData = Data(), stderrData = Data()
        group.enter(); DispatchQueue.global().async { stdoutData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { stderrData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self), timedOut: timedOut)
    }

    /// The first directory on PATH (or the usual CUPS places) holding `name`.
    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin", "/bin"]
        return dirs.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
