import Foundation

/// Checks one form answer by its field kind, the way clerks really type (full-width digits from an
/// input method, lower-case x, 2026/3/5 or 2026年3月5日), and returns the value to store: the
/// normalised form when it is valid, or a precise Chinese message when it is not.
public enum FieldValidation {
    public enum Outcome: Equatable, Sendable {
        case empty
        case valid(String)          // normalised value to store
        case invalid(String)        // what is wrong, for the screen
    }

    /// The longest answer a field takes (the store refuses more).
    public static let maxLength = 200

    public static func check(_ field: FormField, _ raw: String, today: Date, calendar: HallCalendar = HallCalendar()) -> Outcome {
        let trimmed = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{3000}")))
        if trimmed.isEmpty { return .empty }
        if trimmed.count > maxLength { return .invalid("\(field.label)过长（最多\(maxLength)字）") }
        switch field.kind {
        case .text, .address:
            return .valid(trimmed)
        case .residentId:
            switch ResidentIDValidator.validate(trimmed, today: today, calendar: calendar) {
            case .success(let id): return .valid(id.value)
            case .failure(let e): return .invalid(naming(e.localizedDescription, subject: "身份证号码", label: field.label))
            }
        case .creditCode:
            switch CreditCodeValidator.validate(trimmed) {
            case .success(let code): return .valid(code.value)
            case .failure(let e): return .invalid(naming(e.localizedDescription, subject: "统一社会信用代码", label: field.label))
            }
        case .phone:
            return phone(trimmed, label: field.label)
        case .date:
            return date(trimmed, label: field.label, calendar: calendar)
        case .number:
            return number(trimmed, label: field.label)
        case .choice(let options):
            return options.contains(trimmed) ? .valid(trimmed) : .invalid("\(field.label)只能选：" + options.joined(separator: "、"))
        }
    }

    /// "身份证号码第3位…" said of the field it is about: "母亲身份证号码第3位…".
    static func naming(_ message: String, subject: String, label: String) -> String {
        guard message.hasPrefix(subject) else { return "\(label)：\(message)" }
        return label.hasSuffix(subject) ? label + message.dropFirst(subject.count) : "\(label)：\(message)"
    }

    /// 11-digit mobile numbers (1[3-9]…), or landlines with a 0-led area code: 010-12345678,
    /// 0571 8888 6666, with an optional extension (-123 / 转123).
    static func phone(_ raw: String, label: String) -> Outcome {
        let s = CatalogImport.halfwidth(raw).replacingOccurrences(of: "转", with: "-")
        let digitsOnly = s.filter { $0.isASCII && $0.isNumber }
        guard s.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "-" || $0 == " " || $0 == "+" }) else {
            return .invalid("\(label)只能含数字和“-”")
        }
        var digits = digitsOnly
        if s.hasPrefix("+86") || s.hasPrefix("86") && digits.count == 13 { digits = String(digits.dropFirst(2)) }
        if digits.first == "1" {
            guard digits.count == 11 else { return .invalid("\(label)：手机号应为11位，现为\(digits.count)位") }
            guard let second = digits.dropFirst().first, "3456789".contains(second) else { return .invalid("\(label)：手机号第二位应为3到9") }
            return .valid(digits)
        }
        if digits.first == "0" {
            let parts = s.split(whereSeparator: { $0 == "-" || $0 == " " }).map(String.init)
            let body = parts.count >= 2 ? parts[0] + parts[1] : digits
            guard (10...12).contains(body.count) else { return .invalid("\(label)：固定电话应为区号加7到8位号码") }
            return .valid(parts.count >= 2 ? parts.joined(separator: "-") : digits)
        }
        return .invalid("\(label)：手机号以1开头，固定电话以区号0开头")
    }

    /// yyyy-MM-dd, yyyyMMdd, yyyy/M/d, yyyy.M.d, yyyy年M月d日 → yyyy-MM-dd.
    static func date(_ raw: String, label: String, calendar: HallCalendar) -> Outcome {
        let s = CatalogImport.halfwidth(raw)
        var parts: [String]
        if s.count == 8, s.allSatisfy({ $0.isASCII && $0.isNumber }) {
            parts = [String(s.prefix(4)), String(s.dropFirst(4).prefix(2)), String(s.suffix(2))]
        } else {
            parts = s.split(whereSeparator: { "-/.年月日 ".contains($0) }).map(String.init)
        }
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[0].count == 4 else {
            return .invalid("\(label)：日期格式应为 2026-03-05")
        }
        let key = String(format: "%04d-%02d-%02d", y, m, d)
        guard (1850...2200).contains(y), calendar.date(fromDayKey: key) != nil else { return .invalid("\(label)：没有\(y)年\(m)月\(d)日这一天") }
        return .valid(key)
    }

    static func number(_ raw: String, label: String) -> Outcome {
        let s = CatalogImport.halfwidth(raw).replacingOccurrences(of: ",", with: "")
        guard let value = Decimal(string: s), s.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }), !s.hasPrefix(".") else {
            return .invalid("\(label)应为数字（不含单位）")
        }
        return .valid("\(value)")
    }
}

/// One problem of the form that stops acceptance: the field, its label, and the same Chinese
/// message the form shows for it. The one-time notice lists these beside the materials.
public struct FormProblem: Codable, Equatable, Sendable {
    public var key: String
    public var label: String
    public var message: String
    public init(key: String, label: String, message: String) { self.key = key; self.label = label; self.message = message }
}

/// What still stops a form from being accepted: required answers missing or invalid, and the
/// agent's ID when an agent (代办人) is named. Form order.
public func formProblems(_ fields: [FormField], _ form: [String: String], today: Date,
                         calendar: HallCalendar = HallCalendar()) -> [FormProblem] {
    var out: [FormProblem] = []
    let hasAgent = !(form["agent.name"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    for f in fields {
        switch FieldValidation.check(f, form[f.key] ?? "", today: today, calendar: calendar) {
        case .empty:
            if f.required || (hasAgent && f.key.hasPrefix("agent.")) { out.append(FormProblem(key: f.key, label: f.label, message: "请填写\(f.label)")) }
        case .invalid(let why): out.append(FormProblem(key: f.key, label: f.label, message: why))
        case .valid: break
        }
    }
    return out
}
