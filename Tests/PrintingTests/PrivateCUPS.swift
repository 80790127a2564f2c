import Foundation
import XCTest

/// A real cupsd of the test's own, in a temporary folder: its own cupsd.conf and cups-files.conf,
/// listening only on a Unix socket in that folder (no TCP port, nothing shared with a system
/// CUPS), with one virtual PDF printer from Debian's printer-driver-cups-pdf.
///
/// Why root: cups-pdf switches to the job owner's user id to write its PDF and refuses to run
/// otherwise, and it reads its configuration only from /etc/cups/cups-pdf-<name>.conf, so the
/// test writes a private one there (removed on stop) pointing the output at its temporary
/// folder. CI and the development machines run as root; elsewhere the CUPS tests are skipped.
final class PrivateCUPS {
    let dir: URL
    let socket: String
    let queue: String
    let output: URL
    private let process: Process
    private let instance: String
    private var configFile: String { "/etc/cups/cups-pdf-\(instance).conf" }

    static let cupsd = "/usr/sbin/cupsd"
    static let backend = "/usr/lib/cups/backend/cups-pdf"
    static let ppd = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"

    init(queue: String = "YCPDF") throws {
        guard getuid() == 0 else { throw XCTSkip("需要 root：cups-pdf 只在 root 运行的 cupsd 下输出 PDF") }
        for file in [Self.cupsd, Self.backend, Self.ppd, "/usr/sbin/lpadmin", "/usr/bin/lp"] where !FileManager.default.fileExists(atPath: file) {
            throw XCTSkip("缺少 \(file)：请运行 scripts/setup.sh（cups、printer-driver-cups-pdf）")
        }
        instance = "yctest\(getpid())x\(Int.random(in: 1000...9999))"
        self.queue = queue
        dir = URL(fileURLWithPath: "/tmp/yc-cups-\(instance)")
        output = dir.appendingPathComponent("out")
        socket = dir.appendingPathComponent("cups.sock").path
        let fm = FileManager.default
        for sub in ["spool", "tmp", "cache", "state", "log", "out", "ppd"] {
            try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        // Filters run as the unprivileged lp user and need the temp folder.
        try fm.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: dir.appendingPathComponent("tmp").path)
        let d = dir.path
        try """
        ServerRoot \(d)
        RequestRoot \(d)/spool
        TempDir \(d)/tmp
        CacheDir \(d)/cache
        StateDir \(d)/state
        AccessLog \(d)/log/access_log
        ErrorLog \(d)/log/error_log
        PageLog \(d)/log/page_log
        ServerBin /usr/lib/cups
        DataDir /usr/share/cups
        SystemGroup root

        """.write(toFile: "\(d)/cups-files.conf", atomically: true, encoding: .utf8)
        try """
        Listen \(socket)
        LogLevel warn
        Browsing No
        WebInterface No
        DefaultAuthType None
        <Location />
          Order allow,deny
          Allow all
        </Location>
        <Policy default>
          <Limit All>
            Order allow,deny
            Allow all
          </Limit>
        </Policy>

        """.write(toFile: "\(d)/cupsd.conf", atomically: true, encoding: .utf8)
        try """
        Out \(output.path)
        AnonDirName \(output.path)
        Spool \(d)/spool
        Log \(d)/log

        """.write(toFile: "/etc/cups/cups-pdf-\(instance).conf", atomically: true, encoding: .utf8)

        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.cupsd)
        process.arguments = ["-f", "-c", "\(d)/cupsd.conf", "-s", "\(d)/cups-files.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !fm.fileExists(atPath: socket) && Date() < deadline { usleep(50_000) }
        guard fm.fileExists(atPath: socket) else { stop(); throw XCTSkip("私有 cupsd 未能启动") }
        // Poppler's Cairo renderer keeps the text of our PDF through CUPS's PostScript step
        // (the default loses CJK text to outlines), as Debian's cups-pdf README advises.
        try admin(["-p", queue, "-E", "-v", "cups-pdf:/\(instance)", "-P", Self.ppd, "-o", "pdftops-renderer-default=pdftocairo"])
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: configFile)
        try? FileManager.default.removeItem(at: dir)
    }

    /// lpadmin / cupsdisable / cupsenable against this server.
    func admin(_ args: [String], tool: String = "/usr/sbin/lpadmin") throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-h", socket] + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("\(tool) \(args.joined(separator: " ")) 失败") }
    }

    /// The PDFs cups-pdf has written so far.
    func pdfs() -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: output, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "pdf" }
    }

    /// Waits for cups-pdf to finish its PDFs (it writes through Ghostscript, a second or two):
    /// there are `count` of them and their sizes have stopped changing.
    func waitForPDF(count: Int = 1, timeout: TimeInterval = 30) -> [URL] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [Int] = []
        while Date() < deadline {
            let found = pdfs()
            let sizes = found.map { ((try? FileManager.default.attributesOfItem(atPath: $0.path))?[.size] as? Int) ?? 0 }
            if found.count >= count, sizes == last, !sizes.contains(0) { return found }
            last = sizes
            usleep(250_000)
        }
        return pdfs()
    }
}
