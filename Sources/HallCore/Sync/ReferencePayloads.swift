import Foundation

/// What the centre publishes in its pull buckets, and how halls read it. Both sides use these
/// names and shapes, so a change here is a change of the sync contract.
public enum ReferenceEntity {
    /// catalog bucket: one matter by 实施编码, payload `Matter` JSON.
    public static let matter = "matter"
    /// catalog bucket: one 一件事 by code, payload `MatterBundle` JSON.
    public static let bundle = "bundle"
    /// calendar bucket: one year's announced days, payload `CalendarYear` JSON.
    public static let calendarYear = "calendar-year"
    /// hall:<id> bucket: an online booking, payload `OnlineAppointment`; a deletion cancels it.
    public static let appointment = "appointment"
    /// hall:<id> bucket: the hall's queue rules set by the centre, payload `QueuePolicy` JSON.
    public static let queuePolicy = "queue-policy"
    /// hall:<id> bucket: the hall's rating rules set by the centre, payload `RatingPolicy` JSON.
    public static let ratingPolicy = "rating-policy"
    /// hall:<id> bucket: a step of a bad-rating task decided at the centre (typically the review
    /// of an appeal), payload `RectificationDecision`.
    public static let rectificationDecision = "rectification-decision"
}

/// A rectification step decided at the centre: the centre owns these fields of the task, the hall
/// owns its callback and fix (ARCHITECTURE.md: each field has one owner).
public struct RectificationDecision: Codable, Equatable, Sendable {
    public var taskId: String
    public var action: RectificationAction
    /// Who decided, as shown in the task's history (e.g. "市政务服务中心 9001").
    public var decidedBy: String
    public init(taskId: String, action: RectificationAction, decidedBy: String) {
        self.taskId = taskId; self.action = action; self.decidedBy = decidedBy
    }
}

/// One year of the State Council's holiday notice, as the centre publishes it.
public struct CalendarYear: Codable, Equatable, Sendable {
    public var year: Int
    public var days: [WorkCalendar.Day]
    public init(year: Int, days: [WorkCalendar.Day]) { self.year = year; self.days = days }
}

/// An appointment taken by the online booking system and routed to a hall by the centre. The
/// check-in code is issued by the centre, 8 digits, so it can never collide with the 6-digit
/// codes a hall gives to bookings it takes by phone.
public struct OnlineAppointment: Codable, Equatable, Sendable {
    public var bookingId: String
    /// Service letter or name as the hall knows it (e.g. "A" or "综合受理").
    public var service: String
    public var name: String
    public var phone: String
    public var slotStart: Date
    public var slotMinutes: Int
    public var checkInCode: String
    public init(bookingId: String, service: String, name: String, phone: String, slotStart: Date, slotMinutes: Int, checkInCode: String) {
        self.bookingId = bookingId; self.service = service; self.name = name; self.phone = phone
        self.slotStart = slotStart; self.slotMinutes = slotMinutes; self.checkInCode = checkInCode
    }

    /// Why a booking cannot be taken, in Chinese, or nil. Checked by the centre before it
    /// publishes and again by the hall before it stores (the hall trusts no payload blindly).
    public var problem: String? {
        let n = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if bookingId.isEmpty || bookingId.count > 100 { return "预约编号应为1到100个字符" }
        if n.isEmpty || n.count > 50 { return "预约人姓名应为1到50个字" }
        if n.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return "预约人姓名含有控制字符" }
        if service.isEmpty || service.count > 50 { return "业务类别不能为空" }
        let digits = phone.filter { !$0.isWhitespace && $0 != "-" }
        if digits.count < 7 || digits.count > 20 || !digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return "联系电话应为7到20位数字" }
        if !(5...240).contains(slotMinutes) { return "预约时段应为5到240分钟" }
        if checkInCode.count != 8 || !checkInCode.allSatisfy({ $0.isASCII && $0.isNumber }) { return "签到码应为8位数字" }
        return nil
    }
}

/// JSON as both sides write it: sorted keys and dates as seconds since 1970, so the same
/// content always has the same bytes (the centre publishes only what actually changed).
public enum ReferenceJSON {
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .secondsSince1970
        return e
    }()
    public static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return d
    }()
    public static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }
}
