import Foundation

/// One year's notice in the holiday-cn format (`{year, papers, days: [{name, date, isOffDay}]}`),
/// as an administrator imports it when the State Council publishes a new year. The whole file is
/// checked in one pass and every problem is reported with its entry and field, so the
/// administrator fixes the file once; nothing is imported unless the file is clean.
public struct HolidayCNFile: Equatable, Sendable {
    public let year: Int
    public let days: [WorkCalendar.Day]          // date order
    public var holidays: [WorkCalendar.Day] { days.filter { $0.isOffDay } }
    public var makeUpWorkdays: [WorkCalendar.Day] { days.filter { !$0.isOffDay } }

    public static func parse(_ data: Data) throws -> HolidayCNFile {
        guard data.count <= ImportBounds.calendarFileBytes else {
            throw ImportBounds.Refusal.tooLarge("", bytes: data.count, limit: ImportBounds.calendarFileBytes)
        }
        try ImportBounds.checkJSONDepth(data)
        let text = try decodeText(data)
        let root: HolidayJSON
        do { root = try JSONDecoder().decode(HolidayJSON.self, from: Data(text.utf8)) } catch {
            throw CalendarFileError.notJSON
        }
        guard case .object(let top) = root else { throw CalendarFileError.notJSON }
        var issues: [CalendarFileIssue] = []

        var year: Int?
        switch top["year"] {
        case .none: issues.append(.init(field: "year", message: "缺少年份"))
        case .number(let n)? where n == n.rounded() && (1900...2999).contains(n): year = Int(n)
        default: issues.append(.init(field: "year", message: "应为四位数年份，例如 2027"))
        }
        guard case .array(let entries)? = top["days"] else {
            issues.append(.init(field: "days", message: top["days"] == nil ? "缺少日期列表" : "应为列表 [...]"))
            throw CalendarFileError.invalid(issues)
        }
        if entries.isEmpty { throw CalendarFileError.noDays(year: year) }

        var days: [WorkCalendar.Day] = []
        var firstIndex: [String: Int] = [:]
        for (i, entry) in entries.enumerated() {
            guard case .object(let o) = entry else {
                issues.append(.init(index: i, message: "应为 {\"name\", \"date\", \"isOffDay\"} 形式的对象")); continue
            }
            let before = issues.count
            var name = "", date = "", off = false
            switch o["name"] {
            case .string(let s)? where !s.trimmingCharacters(in: .whitespaces).isEmpty: name = s
            case .string?: issues.append(.init(index: i, field: "name", message: "节日名称不能为空"))
            case nil: issues.append(.init(index: i, field: "name", message: "缺少节日名称"))
            default: issues.append(.init(index: i, field: "name", message: "应为文字，例如 \"春节\""))
            }
            switch o["date"] {
            case .string(let s)?:
                if let d = CivilDay(s) {
                    date = s
                    // holiday-cn may put the previous December's days in this year's file; any
                    // other year in here means the wrong file or a typo.
                    if let y = year, d.year != y, !(d.year == y - 1 && d.month == 12) {
                        issues.append(.init(index: i, field: "date", message: "\(s) 不属于\(y)年的安排（只有上一年12月的日期可以放在本年文件中）"))
                    } else if let k = firstIndex[s] {
                        issues.append(.init(index: i, field: "date", message: "\(s) 与第\(k + 1)条（days[\(k)]）重复"))
                    } else {
                        firstIndex[s] = i
                    }
                } else {
                    issues.append(.init(index: i, field: "date", message: "“\(s.prefix(20))”不是有效日期：应为 YYYY-MM-DD，例如 2027-10-01"))
                }
            case nil: issues.append(.init(index: i, field: "date", message: "缺少日期"))
            default: issues.append(.init(index: i, field: "date", message: "应为文字形式的日期，例如 \"2027-10-01\""))
            }
            switch o["isOffDay"] {
            case .bool(let b)?: off = b
            case nil: issues.append(.init(index: i, field: "isOffDay", message: "缺少是否放假（true 放假，false 调休上班）"))
            default: issues.append(.init(index: i, field: "isOffDay", message: "应为 true（放假）或 false（调休上班），不加引号"))
            }
            // Every make-up workday ever announced is a Saturday or Sunday; a weekday here is a typo.
            if issues.count == before, !off, let d = CivilDay(date), !d.isWeekend {
                issues.append(.init(index: i, field: "isOffDay", message: "\(date)（\(CivilDay.weekdayName(d.weekday))）本来就是工作日，不会是调休上班日：请核对日期或 isOffDay"))
            }
            if issues.count == before { days.append(WorkCalendar.Day(date: date, isOffDay: off, name: name)) }
        }
        if !issues.isEmpty { throw CalendarFileError.invalid(issues) }
        guard let y = year else { throw CalendarFileError.invalid(issues) }
        return HolidayCNFile(year: y, days: days.sorted { $0.date < $1.date })
    }

    /// What an import prints: per holiday, the days off as ranges and the make-up workdays.
    public func summaryLines() -> [String] {
        var lines = ["\(year)年节假日安排：放假\(holidays.count)天，调休上班\(makeUpWorkdays.count)天"]
        var names: [String] = []
        for d in days where !names.contains(d.name) { names.append(d.name) }
        for name in names {
            let mine = days.filter { $0.name == name }
            var parts: [String] = []
            let off = mine.filter { $0.isOffDay }.compactMap { CivilDay($0.date) }
            if !off.isEmpty { parts.append("放假 " + ranges(off).joined(separator: "、") + "（\(off.count)天）") }
            let on = mine.filter { !$0.isOffDay }.compactMap { CivilDay($0.date) }
            if !on.isEmpty { parts.append("调休上班 " + on.map { "\($0.text)（\(CivilDay.weekdayName($0.weekday))）" }.joined(separator: "、")) }
            lines.append("  \(name)：" + parts.joined(separator: "；"))
        }
        return lines
    }

    private func ranges(_ ds: [CivilDay]) -> [String] {
        var out: [String] = []
        var start = ds[0], end = ds[0]
        for d in ds.dropFirst() {
            if d.dayNumber == end.dayNumber + 1 { end = d; continue }
            out.append(start == end ? start.text : "\(start.text) 至 \(end.text)")
            start = d; end = d
        }
        out.append(start == end ? start.text : "\(start.text) 至 \(end.text)")
        return out
    }

    /// Calendar files come from a browser download or from someone's editor; a GB18030 (GBK) file
    /// saved by Windows Notepad as "ANSI" is the usual mistake, so name it instead of "bad JSON".
    static func decodeText(_ data: Data) throws -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw CalendarFileError.notUTF8(likelyEncoding: "UTF-16")
        }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        throw CalendarFileError.notUTF8(likelyEncoding: looksLikeGB18030(bytes) ? "GB18030（GBK）" : nil)
    }

    /// Every non-ASCII byte belongs to a well-formed GB18030 two- or four-byte sequence.
    static func looksLikeGB18030(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count {
            if b[i] < 0x80 { i += 1; continue }
            guard (0x81...0xFE).contains(b[i]), i + 1 < b.count else { return false }
            if (0x40...0xFE).contains(b[i + 1]), b[i + 1] != 0x7F { i += 2; continue }
            guard (0x30...0x39).contains(b[i + 1]), i + 3 < b.count,
                  (0x81...0xFE).contains(b[i + 2]), (0x30...0x39).contains(b[i + 3]) else { return false }
            i += 4
        }
        return true
    }
}

extension CivilDay {
    static func weekdayName(_ w: Int) -> String { ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][(w - 1) % 7] }
}

/// One problem in a calendar file: which entry (0-based index as in the file) and which field.
public struct CalendarFileIssue: Equatable, Sendable, CustomStringConvertible {
    public var index: Int?
    public var field: String?
    public var message: String
    public init(index: Int? = nil, field: String? = nil, message: String) {
        self.index = index; self.field = field; self.message = message
    }
    public var description: String {
        var at = index.map { "第\($0 + 1)条（days[\($0)]）" } ?? ""
        if let field { at += at.isEmpty ? "字段 \(field)" : "的 \(field)" }
        return at.isEmpty ? message : "\(at)：\(message)"
    }
}

public enum CalendarFileError: Error, Equatable, Sendable, LocalizedError {
    case notUTF8(likelyEncoding: String?)
    case notJSON
    case noDays(year: Int?)
    case invalid([CalendarFileIssue])

    public var errorDescription: String? {
        switch self {
        case .notUTF8(let enc?):
            return "文件不是 UTF-8 编码，看起来是\(enc)编码：请用文本编辑器另存为 UTF-8 后再导入。未导入任何数据"
        case .notUTF8(nil):
            return "文件不是 UTF-8 编码，无法识别其编码：请另存为 UTF-8 后再导入。未导入任何数据"
        case .notJSON:
            return "文件不是有效的 JSON（应为 holiday-cn 格式：{\"year\": 2027, \"days\": [{\"name\", \"date\", \"isOffDay\"}]}）。未导入任何数据"
        case .noDays(let y):
            return "该文件没有任何日期：可能尚未发布\(y.map { "（\($0)年）" } ?? "")。请在国务院办公厅发布通知、数据更新后再导入。未导入任何数据"
        case .invalid(let issues):
            return "文件有\(issues.count)处错误，未导入任何数据：\n" + issues.map { "  " + $0.description }.joined(separator: "\n")
        }
    }
}

/// A JSON value that keeps true/false apart from numbers (JSONSerialization does not on Linux),
/// so `"isOffDay": 1` is reported instead of silently read as true.
enum HolidayJSON: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([HolidayJSON]), object([String: HolidayJSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([HolidayJSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: HolidayJSON].self)) }
    }
}
