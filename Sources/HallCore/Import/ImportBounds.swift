import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Bounds every import file meets before it is parsed (issue 16, big imports): a file is read
/// only if it is a regular file no larger than its limit, decided from fstat before a byte is
/// read, so a huge file costs nothing; JSON is refused when nested deeper than any real catalog
/// or calendar, before a decoder recurses into it.
public enum ImportBounds {
    /// holiday-cn files are a few KB; a megabyte is already a wrong file.
    public static let calendarFileBytes = 1 << 20
    /// A catalog's matters nest about six levels (file, matters, matter, materials, material, …).
    public static let maxJSONDepth = 32

    public enum Refusal: Error, Equatable, LocalizedError {
        case unreadable(String)
        case notRegularFile(String)
        case tooLarge(String, bytes: Int, limit: Int)
        case tooDeep(depth: Int, limit: Int)

        public var errorDescription: String? {
            switch self {
            case .unreadable(let name): return "无法读取文件 \(name)：文件不存在或没有读取权限"
            case .notRegularFile(let name): return "\(name) 不是普通文件（设备、管道或目录），未导入任何内容"
            case .tooLarge(let name, let bytes, let limit):
                return "文件\(name.isEmpty ? "" : " \(name) ")过大（\(CatalogImport.sizeText(bytes))），上限 \(CatalogImport.sizeText(limit))，未导入任何内容"
            case .tooDeep(let depth, let limit):
                return "JSON 嵌套过深（至少\(depth)层，上限\(limit)层）：不是目录或节假日文件，未导入任何内容"
            }
        }
    }

    /// Reads `path` whole if it is a regular file of at most `limit` bytes. A file that grows
    /// while being read is cut at limit + 1 bytes and refused.
    public static func read(_ path: String, limit: Int) throws -> Data {
        let name = URL(fileURLWithPath: path).lastPathComponent
        // O_NONBLOCK: opening a FIFO without a writer must not wait; fstat decides what it is.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Refusal.unreadable(name) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Refusal.unreadable(name) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw Refusal.notRegularFile(name) }
        guard Int(st.st_size) <= limit else { throw Refusal.tooLarge(name, bytes: Int(st.st_size), limit: limit) }
        let data = (try? handle.read(upToCount: limit + 1)) ?? nil
        guard let data else { return Data() }
        guard data.count <= limit else { throw Refusal.tooLarge(name, bytes: data.count, limit: limit) }
        return data
    }

    /// Throws when brackets outside strings nest deeper than `limit` (one pass, no recursion).
    public static func checkJSONDepth(_ data: Data, limit: Int = maxJSONDepth) throws {
        var depth = 0, inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { throw Refusal.tooDeep(depth: depth, limit: limit) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }
}
