import Foundation

/// 文号 as GB/T 9704-2012 §7.2.4 writes a 发文字号: agency abbreviation (机关代字), the full year in
/// hexagonal brackets 〔〕, and the sequence number without 第 and without leading zeros, then 号:
/// 示范区政务〔2026〕12号. One series per hall and year, shared by every kind of notice, so the
/// numbers a hall issued in a year are exactly 1…N (HallStore allocates them gap-free).
public enum DocumentNumber {
    public static func format(abbreviation: String, year: Int, sequence: Int) -> String {
        "\(abbreviation)〔\(year)〕\(sequence)号"
    }

    /// (abbreviation, year, sequence) back from a printed number, for checking a scanned notice.
    public static func parse(_ text: String) -> (abbreviation: String, year: Int, sequence: Int)? {
        guard let open = text.firstIndex(of: "〔"), let close = text.firstIndex(of: "〕"), open < close,
              text.hasSuffix("号") else { return nil }
        let abbreviation = String(text[..<open])
        let yearText = text[text.index(after: open)..<close]
        let seqText = text[text.index(after: close)..<text.index(before: text.endIndex)]
        guard !abbreviation.isEmpty, yearText.count == 4, let year = Int(yearText),
              let seq = Int(seqText), seq > 0, !seqText.hasPrefix("0") else { return nil }
        return (abbreviation, year, seq)
    }

    /// The abbreviation a hall starts with until an administrator sets its own: the hall's name
    /// without the generic tail, plus 政务 (示范区政务服务中心 → 示范区政务).
    public static func defaultAbbreviation(hallName: String) -> String {
        var core = hallName.trimmingCharacters(in: .whitespaces)
        for tail in ["政务服务中心", "政务服务大厅", "便民服务中心", "便民服务站", "服务中心", "服务大厅", "大厅", "中心"] where core.hasSuffix(tail) {
            core = String(core.dropLast(tail.count))
            break
        }
        if core.isEmpty { core = "政务" }
        return core.hasSuffix("政务") ? core : core + "政务"
    }
}
