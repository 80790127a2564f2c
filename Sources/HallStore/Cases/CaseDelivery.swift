import Foundation
import HallCore

/// 结果送达方式 chosen at acceptance (issue 14, must-deliver 4): window pickup, mail to an
/// address, or electronic. Stored on the case, printed on the 受理通知书 and shown by `case show`.
public struct CaseDelivery: Codable, Equatable, Sendable {
    public var method: ResultDelivery
    /// The mailing address; only for `.mail`.
    public var address: String?

    /// Checks and cleans what the clerk gave: mail needs an address, the others take none.
    public init(_ method: ResultDelivery, address raw: String? = nil) throws {
        let address = raw.map(FieldValidation.clean) ?? ""
        switch method {
        case .mail:
            guard !address.isEmpty else { throw StoreError.invalidInput("邮寄送达须填写邮寄地址") }
            guard address.count <= 200 else { throw StoreError.invalidInput("邮寄地址过长（最多200字）") }
            self.method = method; self.address = address
        case .windowPickup, .electronic:
            guard address.isEmpty else { throw StoreError.invalidInput("只有邮寄送达需要填写地址（本次为\(method.label)）") }
            self.method = method; self.address = nil
        }
    }

    /// As printed and shown: "邮寄送达（…地址…）", "窗口领取", "电子送达".
    public var label: String { method.line(address: address) }

    /// Accepts the words a clerk or script would type: window|mail|electronic or the Chinese.
    public static func method(named text: String) throws -> ResultDelivery {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "window", "windowpickup", "pickup", "窗口领取", "窗口": return .windowPickup
        case "mail", "post", "邮寄送达", "邮寄": return .mail
        case "electronic", "online", "电子送达", "电子": return .electronic
        default: throw StoreError.invalidInput("送达方式“\(text)”无法识别：请用 window（窗口领取）、mail（邮寄送达）或 electronic（电子送达）")
        }
    }
}
