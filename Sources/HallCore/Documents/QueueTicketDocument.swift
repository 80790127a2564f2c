import Foundation

/// What a queue ticket says, as plain values (the store's IssuedTicket maps onto it).
public struct TicketFacts: Sendable {
    public var hallName: String
    public var ticketId: String
    public var number: String
    public var serviceName: String
    public var priority: TicketPriority
    public var peopleAhead: Int
    public var issuedAt: Date
    /// Only when the desk checked an ID (age for the green channel); always printed masked.
    public var residentId: String?
    public var calendar: HallCalendar
    /// From `QueueForecast`: nil prints no estimate (no open window, or no service time yet today).
    public var estimatedWaitSeconds: Double?
    /// An appointment's slot, printed so the holder knows when it is called first.
    public var slotStart: Date?

    public init(hallName: String, ticketId: String, number: String, serviceName: String, priority: TicketPriority = .normal,
                peopleAhead: Int, issuedAt: Date, residentId: String? = nil, calendar: HallCalendar = HallCalendar()) {
        self.hallName = hallName; self.ticketId = ticketId; self.number = number; self.serviceName = serviceName
        self.priority = priority; self.peopleAhead = peopleAhead; self.issuedAt = issuedAt; self.residentId = residentId
        self.calendar = calendar
    }
}

extension NoticeBuilder {
    /// 排队号票: number, service, people ahead, time and a QR code. No name is printed, and an ID
    /// number only masked: a ticket is left lying around the hall.
    public static func queueTicket(_ t: TicketFacts) -> Document {
        var service = t.serviceName
        if t.priority != .normal { service += "（\(t.priority.label)）" }
        var body: [DocumentBlock] = [
            .emphasis(t.number),
            .note(service),
            .note("您前面还有 \(t.peopleAhead) 人等候"),
        ]
        if let s = t.estimatedWaitSeconds { body.append(.note(Self.waitText(s))) }
        if let slot = t.slotStart { body.append(.note("预约时段 \(t.calendar.hourMinute(slot)) 起，到时优先叫号")) }
        body.append(.note("取号时间 \(t.calendar.dayKey(t.issuedAt)) \(t.calendar.hourMinute(t.issuedAt))"))
        if let id = DocumentPrivacy.residentId(t.residentId) { body.append(.note("身份证 \(id)")) }
        return Document(kind: .queueTicket, issuer: t.hallName, title: "排队号票", body: body,
                        qrPayload: DocumentQR.ticket(ticketId: t.ticketId, number: t.number, day: t.calendar.dayKey(t.issuedAt)),
                        footer: ["请留意叫号屏和语音提示，听到叫号请到指定窗口办理。", "过号请到导服台咨询。"])
    }
}

extension NoticeBuilder {
    /// "预计等候约 12 分钟", whole minutes rounded up; under a minute the call is imminent.
    /// Public: the desk screen and `yichuang ticket` say it in the same words as the paper.
    public static func waitText(_ seconds: Double) -> String {
        seconds < 60 ? "预计很快叫到您" : "预计等候约 \(Int((seconds / 60).rounded(.up))) 分钟"
    }
}

/// What the QR codes carry: identifiers only, never personal data, so a lost paper leaks nothing
/// and the hall can still look the paper up by scanning it.
public enum DocumentQR {
    /// YC1:T:<day>:<number>:<ticket id>
    public static func ticket(ticketId: String, number: String, day: String) -> String {
        "YC1:T:\(day):\(number):\(ticketId)"
    }

    /// YC1:D:<文号>:<办件编号>:<document id>: the store fills it in when it numbers the notice.
    public static func notice(number: String, caseNumber: String, documentId: String) -> String {
        "YC1:D:\(number):\(caseNumber):\(documentId)"
    }
}
