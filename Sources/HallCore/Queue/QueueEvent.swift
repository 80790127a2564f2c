import Foundation

/// Append-only facts about tickets and windows. Metrics are derived from these.
public enum QueueEventKind: String, Codable, Sendable, CaseIterable {
    case issued, called, recalled, noShow, requeued, held, calledBack, transferred, finished
    case walkUp, paused, resumed, signedIn, signedOut
    case dayClosed            // 日结: a ticket still open at the close of its day

    public var label: String {
        switch self {
        case .issued: return "取号"
        case .called: return "叫号"
        case .recalled: return "重呼"
        case .noShow: return "过号"
        case .requeued: return "过号重排"
        case .held: return "挂起"
        case .calledBack: return "回呼"
        case .transferred: return "转窗"
        case .finished: return "办结"
        case .walkUp: return "无号办理"
        case .paused: return "暂停"
        case .resumed: return "恢复"
        case .signedIn: return "登录"
        case .signedOut: return "退出"
        case .dayClosed: return "日结关闭"
        }
    }
}

public struct QueueEvent: Codable, Equatable, Sendable {
    public var id: String
    public var kind: QueueEventKind
    public var at: Date
    public var ticketId: String?
    public var ticketNumber: String?
    public var serviceId: String?
    public var windowNumber: Int?
    public var clerkId: String?
    public var waitSeconds: Double?   // on `called`: called − entered queue
    public var detail: String?
    public init(id: String, kind: QueueEventKind, at: Date, ticketId: String? = nil, ticketNumber: String? = nil,
                serviceId: String? = nil, windowNumber: Int? = nil, clerkId: String? = nil,
                waitSeconds: Double? = nil, detail: String? = nil) {
        self.id = id; self.kind = kind; self.at = at; self.ticketId = ticketId; self.ticketNumber = ticketNumber
        self.serviceId = serviceId; self.windowNumber = windowNumber; self.clerkId = clerkId
        self.waitSeconds = waitSeconds; self.detail = detail
    }
}

/// "请 A001 号 到 3 号窗口 办理" — the board text and the voice line are the same words.
public func announcementText(ticketNumber: String, windowNumber: Int) -> String {
    "请 \(ticketNumber) 号 到 \(windowNumber) 号窗口 办理"
}

/// The voice line spells the ticket number so a TTS engine reads "A 零 零 一" not "A one".
public func spokenAnnouncement(ticketNumber: String, windowNumber: Int) -> String {
    let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    let spelled = ticketNumber.map { c -> String in
        if let d = c.wholeNumberValue, c.isASCII { return digits[d] }
        return String(c)
    }.joined(separator: " ")
    return "请 \(spelled) 号，到 \(windowNumber) 号窗口办理"
}
