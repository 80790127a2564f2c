import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// CLOCK_MONOTONIC is system-wide on Linux, so start/end stamps from different worker
/// processes can be compared directly.
func monoNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func msSince(_ start: UInt64) -> Double { Double(monoNanos() - start) / 1e6 }

/// Latency summary in milliseconds (nearest-rank percentiles).
struct Stats {
    let sorted: [Double]
    init(_ values: [Double]) { sorted = values.sorted() }
    var count: Int { sorted.count }
    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
    var median: Double { percentile(50) }
    var p99: Double { percentile(99) }
    var maximum: Double { sorted.last ?? .nan }
}

func ms(_ v: Double) -> String {
    if v.isNaN { return "—" }
    return v < 1 ? String(format: "%.3f ms", v) : (v < 100 ? String(format: "%.2f ms", v) : String(format: "%.0f ms", v))
}

/// "×2.31": measured divided by baseline.
func ratio(_ measured: Double, _ baseline: Double) -> String {
    guard baseline > 0, !measured.isNaN, !baseline.isNaN else { return "—" }
    return String(format: "×%.2f", measured / baseline)
}

func met(_ ok: Bool) -> String { ok ? "met" : "**missed**" }

func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// A markdown table.
func table(_ header: [String], _ rows: [[String]]) -> String {
    var out = "| " + header.joined(separator: " | ") + " |\n"
    out += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
    for r in rows { out += "| " + r.joined(separator: " | ") + " |\n" }
    return out
}

/// This very binary, so benchmarks can start fresh worker processes of themselves.
func selfExecutable() -> String {
    var buf = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buf, buf.count - 1)
    if n > 0 { return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return Bundle.main.executablePath ?? CommandLine.arguments[0]
}

/// Command-line options as `--name value` pairs.
struct Options {
    let values: [String: String]
    init(_ args: ArraySlice<String>) {
        var v: [String: String] = [:]
        var it = args.makeIterator()
        while let a = it.next() { if a.hasPrefix("--") { v[String(a.dropFirst(2))] = it.next() ?? "" } }
        values = v
    }
    func string(_ k: String) -> String { guard let s = values[k] else { fatalError("missing --\(k)") }; return s }
    func int(_ k: String, _ d: Int? = nil) -> Int {
        if let s = values[k], let n = Int(s) { return n }
        guard let d else { fatalError("missing --\(k)") }
        return d
    }
}

/// A worker process of this binary, talking line by line over pipes: it prints "ready", waits
/// for "go" on stdin (so all workers start together), then prints its results and exits.
final class WorkerProcess {
    let process = Process()
    private let input = Pipe(), output = Pipe()
    private var buffer = Data()

    init(_ args: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: selfExecutable())
        process.arguments = args
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// The next line the worker prints (nil at end of output).
    func readLine() -> String? {
        while true {
            if let nl = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
                buffer = Data(buffer[buffer.index(after: nl)...])
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self) }
            buffer.append(chunk)
        }
    }

    func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

    /// All remaining lines, after the worker exits.
    func finish() -> [String] {
        var lines: [String] = []
        while let l = readLine() { lines.append(l) }
        process.waitUntilExit()
        if process.terminationStatus != 0 { log("worker \(process.arguments ?? []) exited \(process.terminationStatus)") }
        return lines
    }
}

/// Worker side of the protocol.
func workerReadyAndWait() {
    print("ready")
    fflush(nil)   // all C streams: Swift 6 forbids touching the `stdout` global
    _ = Swift.readLine()
}
