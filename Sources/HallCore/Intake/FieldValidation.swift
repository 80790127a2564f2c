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
        let trimmed = clean(raw)
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
        case .personName:
            return personName(trimmed, label: field.label)
        case .bankAccount:
            return bankAccount(trimmed, label: field.label)
        case .pastDate:
            let outcome = date(trimmed, label: field.label, calendar: calendar)
            if case .valid(let key) = outcome, key > calendar.dayKey(today) {
                return .invalid("\(field.label)不能晚于今天（\(calendar.dayKey(today))），现为\(key)")
            }
            return outcome
        case .choice(let options):
            return options.contains(trimmed) ? .valid(trimmed) : .invalid("\(field.label)只能选：" + options.joined(separator: "、"))
        case .multiChoice(let options):
            return MultiChoice.check(trimmed, options: options, label: field.label)
        }
    }

    /// What a terminal paste brings besides the text: escape sequences (ESC [ 31 m), other
    /// control characters, direction overrides and zero-width characters are removed; line breaks
    /// and tabs become spaces; the ends are trimmed of every kind of space (no-break, full-width).
    /// So nothing invisible reaches the store or a printed notice.
    public static func clean(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = raw.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            switch s.value {
            case 0x1B, 0x241B:
                // CSI (ESC [ params final) to its final byte; any other escape drops one character.
                // ␛ (U+241B) is what the terminal layer shows for a typed ESC: the same sequence.
                guard let next = scalars.next(), next == "[" else { continue }
                while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: continue
            default: out.append(s)
            }
        }
        return String(out).trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{00A0}")))
    }

    /// Names of people: letters of any script, the middle dot (·) of minority and foreign names
    /// (a bullet or a full stop typed for it counts), spaces between Latin parts; never digits.
    static func personName(_ s: String, label: String) -> Outcome {
        let name = s.replacingOccurrences(of: "•", with: "·").replacingOccurrences(of: "．", with: "·")
        // Digits as typed (ASCII or full-width); 三 and 二 are numerals to Unicode, and names.
        if name.contains(where: { ($0.isASCII && $0.isNumber) || ("０"..."９").contains($0) }) { return .invalid("\(label)不能含数字（电话、证件号请填在各自栏目）") }
        if let bad = name.first(where: { !($0.isLetter || $0 == "·" || $0 == " " || $0 == "-") }) {
            return .invalid("\(label)含无效字符“\(bad)”：姓名只能是文字，少数民族或外国人姓名用间隔号“·”")
        }
        guard name.count <= 50 else { return .invalid("\(label)过长（最多50字）") }
        return .valid(name)
    }

    /// 9 to 30 digits; spaces and hyphens between groups are dropped.
    static func bankAccount(_ s: String, label: String) -> Outcome {
        let digits = CatalogImport.halfwidth(s).filter { $0 != " " && $0 != "-" && $0 != "\u{3000}" }
        if let bad = digits.first(where: { !($0.isASCII && $0.isNumber) }) {
            return .invalid("\(label)只能是数字，含无效字符“\(bad)”")
        }
        guard (9...30).contains(digits.count) else { return .invalid("\(label)应为9到30位数字，现为\(digits.count)位") }
        return .valid(digits)
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
