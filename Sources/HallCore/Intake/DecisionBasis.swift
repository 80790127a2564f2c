import Foundation

/// The basis a decision's notice cites. 行政许可法 §32 binds 行政许可 (matter type 01) only, and
/// its five items are cited exactly; a matter of any other type (公共服务, 行政确认, 行政给付…)
/// cites its own 设定依据 and the hall's one-time notice regime, never the licensing law.
public enum DecisionBasis {
    /// 行政许可法第三十二条第一款 items.
    public enum Clause: Int, Sendable, CaseIterable {
        case noPermitNeeded = 1, outsidePowers, correctedOnSpot, incomplete, accept
        static let numerals = ["", "一", "二", "三", "四", "五"]
        public var citation: String { "《中华人民共和国行政许可法》第三十二条第一款第（\(Self.numerals[rawValue])）项" }
    }

    /// The hall's own rule for telling everything once, cited by matters outside the licensing law.
    public static let oneTimeNoticeRegime = "政务服务一次性告知制度"

    /// One matter as the basis needs it.
    public struct MatterRef: Equatable, Sendable {
        public var name: String
        public var type: MatterType
        public var legalBasis: String
        public init(name: String, type: MatterType, legalBasis: String) { self.name = name; self.type = type; self.legalBasis = legalBasis }
        public init(_ m: Matter) { self.init(name: m.name, type: m.type, legalBasis: m.legalBasis) }
    }

    /// The §32 item a decision on a licence falls under.
    public static func clause(_ decision: IntakeDecision) -> Clause {
        switch decision {
        case .noPermitNeeded: .noPermitNeeded
        case .refuse: .outsidePowers
        case .correctOnSpot: .correctedOnSpot
        case .requestCorrection: .incomplete
        case .accept: .accept
        }
    }

    /// The procedural basis of `decision` for these matters. With several types each part names
    /// the matters it applies to.
    public static func procedural(_ decision: IntakeDecision, matters: [MatterRef]) -> String {
        let licences = matters.filter { $0.type == .licensing }
        let others = matters.filter { $0.type != .licensing }
        let mixed = !licences.isEmpty && !others.isEmpty
        func scope(_ ms: [MatterRef]) -> String { mixed ? "（适用于" + ms.map(\.name).joined(separator: "、") + "）" : "" }
        var parts: [String] = []
        if !licences.isEmpty { parts.append(clause(decision).citation + scope(licences)) }
        if !others.isEmpty {
            var cited = uniqued(others.map(\.legalBasis).filter { !$0.isEmpty }).joined(separator: "；")
            if case .requestCorrection = decision { cited += cited.isEmpty ? oneTimeNoticeRegime : "及" + oneTimeNoticeRegime }
            parts.append(cited + scope(others))
        }
        return parts.joined(separator: "；")
    }

    static func uniqued(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
