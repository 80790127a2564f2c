import AsyncHTTPClient
import Foundation
import NIOCore

/// What a failed exchange with the centre means, in Chinese, for the operator and the status
/// line. The library's own text (`HTTPClientError.remoteConnectionClosed`, `errno: 111`) goes
/// to the log only.
enum TransportFailure {
    static func describe(_ error: any Error) -> String {
        if let e = error as? HTTPClientError {
            switch e {
            case .remoteConnectionClosed: return "连接被中途断开（中心停止或网络中断）"
            case .connectTimeout: return "连接中心超时（网络不通或地址有误）"
            case .deadlineExceeded, .readTimeout, .writeTimeout: return "中心长时间没有应答"
            case .invalidURL, .emptyHost, .emptyScheme: return "中心地址格式不对"
            case .cancelled: return "请求被取消"
            default: break
            }
        }
        if let code = errnoCode(error) {
            switch code {
            case ECONNREFUSED: return "中心拒绝连接（中心服务未运行或端口有误）"
            case ECONNRESET, EPIPE: return "连接被中心重置"
            case EHOSTUNREACH, ENETUNREACH, ENETDOWN: return "网络不通，无法到达中心"
            case ETIMEDOUT: return "连接中心超时"
            default: break
            }
        }
        let text = String(reflecting: error)
        if text.contains("NIOConnectionError") || text.contains("resolve") {
            return "无法连接中心（主机名无法解析或网络不通）"
        }
        return "网络错误，无法与中心通信"
    }

    /// The errno inside the error, however deep NIO wrapped it.
    private static func errnoCode(_ error: any Error) -> Int32? {
        if let io = error as? IOError { return io.errnoCode }
        // Wrapped (NIOConnectionError lists one failure per address): NIO's text says "(errno: 111)".
        let text = String(reflecting: error)
        if let r = text.range(of: "errno: ") {
            return Int32(text[r.upperBound...].prefix { $0.isNumber })
        }
        return nil
    }
}
