import Foundation

/// Why a sync round stopped. The messages are what the operator sees (Chinese); the log gets the
/// same text plus the underlying error.
public enum SyncClientError: Error, LocalizedError, Equatable {
    /// The token is unknown or revoked: retrying cannot help until an administrator issues a new one.
    case unauthorized(String)
    /// The centre could not be reached or answered with a server error: retry later.
    case unavailable(String)
    /// The centre refused the request as malformed: a bug or a version mismatch.
    case refused(String)
    /// This program writes a schema the centre no longer accepts: upgrade it. The outbox is untouched.
    case upgradeRequired(String)
    /// The token belongs to another hall than this node's, or this device is filed under another
    /// hall: nothing was stored, and retrying cannot help until the token is put right.
    case wrongHall(String)

    public var errorDescription: String? {
        switch self {
        case .unauthorized(let m): "中心拒绝了站点令牌：\(m)"
        case .unavailable(let m): "无法连接中心：\(m)"
        case .refused(let m): "中心拒绝了请求：\(m)"
        case .upgradeRequired(let m): "需要升级：\(m)"
        case .wrongHall(let m): "中心拒绝了本节点的数据（未存入任何数据）：\(m)"
        }
    }

    public var isRetryable: Bool { if case .unavailable = self { true } else { false } }
}
