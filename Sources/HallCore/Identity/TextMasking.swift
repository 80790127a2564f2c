/// Free text an applicant typed (a rating's comment) may hold a phone or ID number; exports show
/// it masked as everywhere else: 138****5678, 110105********002X.
///
/// A number is a run of 7 or more digits (ASCII or fullwidth), single spaces or hyphens allowed
/// between them ("138 0013 8000"), an ID's final X included. 15 or 18 characters keep the first
/// 6 and the last 4 (ID numbers); other lengths keep the first 3 and the last 4 (phones).
public func maskNumbersInText(_ text: String) -> String {
    let chars = Array(text)
    var out = ""
    var i = 0
    while i < chars.count {
        guard isDigit(chars[i]) else { out.append(chars[i]); i += 1; continue }
        var j = i, digits = 0, end = i   // end: one past the last digit of the run
        while j < chars.count {
            if isDigit(chars[j]) || (digits == 17 && "Xx".contains(chars[j])) { digits += 1; j += 1; end = j }
            else if " -".contains(chars[j]), j + 1 < chars.count, isDigit(chars[j + 1]) { j += 1 }
            else { break }
        }
        let run = Array(chars[i..<end])
        out += digits >= 7 ? mask(run, digits: digits) : String(run)
        i = end
    }
    return out
}

private func isDigit(_ c: Character) -> Bool {
    guard let s = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
    return ("0"..."9").contains(s) || ("\u{FF10}"..."\u{FF19}").contains(s)
}

private func mask(_ run: [Character], digits: Int) -> String {
    let (keepFront, keepBack) = digits == 15 || digits == 18 ? (6, 4) : (3, 4)
    var seen = 0
    return String(run.map { c -> Character in
        guard isDigit(c) || "Xx".contains(c) else { return c }
        defer { seen += 1 }
        return seen < keepFront || seen >= digits - keepBack ? c : "*"
    })
}
