import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A thermal printer on a device file (/dev/usb/lp0): the ESC/POS bytes are written straight
/// to it. A device that is unplugged or out of paper stops accepting bytes; the write gives up
/// after `timeout` instead of hanging the desk.
public struct DevicePrinter: Printer {
    public var path: String
    public var timeout: TimeInterval

    public init(path: String, timeout: TimeInterval = 5) { self.path = path; self.timeout = timeout }

    public func send(_ data: Data, format: PrintFormat, title: String) -> PrintOutcome {
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failed(Self.describe(errno, path: path)) }
        defer { close(fd) }
        let bytes = [UInt8](data)
        var written = 0
        let deadline = Date().addingTimeInterval(timeout)
        while written < bytes.count {
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let wait = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            if poll(&pfd, 1, wait) <= 0 {
                return .failed("打印机 \(path) 在\(Int(timeout))秒内没有接收数据（未开机、缺纸或卡纸？），已发送\(written)/\(bytes.count)字节")
            }
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return .failed(Self.describe(errno, path: path))
            }
            written += n
        }
        return PrintOutcome(status: .printed, reason: "已发送到 \(path)")
    }

    static func describe(_ code: Int32, path: String) -> String {
        let system = String(cString: strerror(code))
        switch code {
        case ENOENT: return "找不到打印机设备 \(path)（打印机未连接？）（\(system)）"
        case EACCES, EPERM: return "没有权限写入打印机设备 \(path)：请把运行用户加入 lp 组（\(system)）"
        case EBUSY: return "打印机设备 \(path) 正被其他程序占用（\(system)）"
        case ENODEV, ENXIO, EIO: return "打印机设备 \(path) 无响应（已断开或缺纸？）（\(system)）"
        default: return "无法写入打印机设备 \(path)（\(system)）"
        }
    }
}
