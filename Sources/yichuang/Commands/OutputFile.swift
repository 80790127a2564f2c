import ArgumentParser
import Foundation
import HallStore
#if canImport(Glibc)
import Glibc
#endif

/// `--out` of `report` and `ratings export`. The file is written whole beside the target and
/// renamed over it, so a reader never sees half a report. Renaming replaces whatever the name
/// points at, so only a missing name or a regular file is accepted: a symlink, FIFO or device node
/// (run as root, `--out /dev/full` used to replace the device with a CSV) is refused, and the user
/// who wants a pipe or the screen leaves out `--out`. An existing file keeps its mode and owner.
enum OutputFile {
    static let help = "输出文件（默认打印到屏幕）。新文件权限为 600，覆盖已有文件时保留其权限；"
        + "只写普通文件：目标是符号链接、管道或设备时拒绝（要输出到管道或屏幕，请不给 --out）"

    static func write(_ text: String, to path: String) throws { try write(bytes: Array(text.utf8), to: path) }

    static func write(bytes: [UInt8], to path: String) throws {
        var st = stat()
        var mode: mode_t = 0o600
        var owner: (uid_t, gid_t)?
        if lstat(path, &st) == 0 {
            let kind = st.st_mode & S_IFMT
            guard kind == S_IFREG else {
                throw StoreError.invalidInput("输出文件 \(path) 是\(kindName(kind))，不是普通文件：为免替换它，未写入；"
                    + "要输出到管道或屏幕，请不给 --out")
            }
            mode = st.st_mode & 0o7777
            owner = (st.st_uid, st.st_gid)
        } else if errno != ENOENT {
            throw failure(path, errno)
        }
        let dir = (path as NSString).deletingLastPathComponent
        var template = Array(((dir.isEmpty ? "." : dir) + "/.yichuang-out-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure(path, errno) }
        let temp = String(cString: template)
        do {
            defer { close(fd) }
            try writeAll(bytes, to: fd, path: path)
            if let owner, owner != (geteuid(), getegid()) { _ = fchown(fd, owner.0, owner.1) }   // only root can; others keep theirs
            guard fchmod(fd, mode) == 0, fsync(fd) == 0 else { throw failure(path, errno) }
        } catch {
            unlink(temp)
            throw error
        }
        guard rename(temp, path) == 0 else {
            let e = errno
            unlink(temp)
            throw failure(path, e)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, errno)
            }
            offset += n
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> Error {
        if code == ENOSPC || code == EDQUOT { return StoreError.diskFull }
        // strerror is English: each cause a user can fix is named in Chinese.
        let why: String
        switch code {
        case ENOENT, ENOTDIR: why = "所在目录不存在"
        case EACCES, EPERM: why = "没有写权限"
        case EROFS: why = "文件系统只读"
        case EISDIR: why = "这是一个目录"
        default: why = "系统错误（错误号 \(code)）"
        }
        return StoreError.invalidInput("无法写入输出文件 \(path)：\(why)")
    }

    private static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFLNK: return "符号链接"
        case S_IFIFO: return "管道（FIFO）"
        case S_IFCHR, S_IFBLK: return "设备文件"
        case S_IFDIR: return "目录"
        case S_IFSOCK: return "套接字"
        default: return "特殊文件"
        }
    }
}
