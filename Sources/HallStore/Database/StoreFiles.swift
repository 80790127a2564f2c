import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The store holds PIN hashes, raters' phones and full ID numbers: its folder is 0700 and its files
/// 0600 whatever the caller's umask. SQLite gives the -wal and -shm files the mode of the database
/// file, so creating the database file 0600 before SQLite sees it covers all three.
public enum StoreFiles {
    /// The files SQLite keeps next to a store.
    static func companions(of path: String) -> [String] {
        [path, path + "-wal", path + "-shm", path + "-journal"]
    }

    /// Creates the missing folders of `path` (0700 each) and an empty database file (0600).
    static func prepare(_ path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try makePrivateDirectory(dir) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd >= 0 {
            _ = fchmod(fd, 0o600)
            close(fd)
        } else if errno != EEXIST {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Creates `dir` and any missing parents, each 0700. Existing folders are left as they are:
    /// they may be shared ones (/tmp, /srv) that are not ours to change.
    public static func makePrivateDirectory(_ dir: String) throws {
        var st = stat()
        if stat(dir, &st) == 0 { return }
        let parent = (dir as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != dir { try makePrivateDirectory(parent) }
        if mkdir(dir, 0o700) != 0, errno != EEXIST {
            throw StoreError.cannotOpen(path: dir, reason: "无法创建目录：\(String(cString: strerror(errno)))")
        }
        _ = chmod(dir, 0o700)
    }

    /// Removes group and other permissions from the store's files that this user owns; returns a
    /// Chinese warning for each loose file it could not tighten (owned by someone else).
    @discardableResult
    public static func tighten(_ path: String) -> [String] {
        var warnings: [String] = []
        for file in companions(of: path) {
            var st = stat()
            guard lstat(file, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            let mode = st.st_mode & 0o7777
            guard mode & 0o077 != 0 else { continue }
            if st.st_uid != geteuid() || chmod(file, mode & 0o700) != 0 {
                warnings.append("数据库文件 \(file) 的权限为 \(String(mode, radix: 8))，其他用户可以读取；"
                    + "请以文件所有者身份运行 chmod 600 \(file)")
            }
        }
        return warnings
    }

    /// True when the filesystem holding `path` has less than 1 MiB left for this user: too little
    /// for SQLite to grow its -shm (32 KiB) and -wal files.
    public static func isOnFullDisk(_ path: String) -> Bool {
        var fs = statvfs()
        var dir = (path as NSString).deletingLastPathComponent
        if dir.isEmpty { dir = "." }
        guard statvfs(dir, &fs) == 0 else { return false }
        return UInt64(fs.f_bavail) * UInt64(fs.f_frsize) < 1 << 20
    }
}
