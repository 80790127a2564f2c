import Foundation

/// 差评整改 ("谁办理、谁负责"): one task per bad rating. The task's state is a fold over its
/// append-only actions, so the history is the record and the state can always be recomputed.
public enum RectificationStatus: String, Codable, Sendable, CaseIterable {
    case awaitingCallback      // 待回访
    case awaitingResolution    // 已回访，待处理
    case fixing                // 限期整改中
    case awaitingReport        // 已处理，待反馈
    case closed                // 已反馈办结
    case underReview           // 申诉复核中
    case annulled              // 申诉成立，差评不计

    public var label: String {
        switch self {
        case .awaitingCallback: return "待回访"
        case .awaitingResolution: return "待处理"
        case .fixing: return "限期整改"
        case .awaitingReport: return "待反馈"
        case .closed: return "已办结"
        case .underReview: return "申诉复核"
        case .annulled: return "申诉成立"
        }
    }
    public var isOpen: Bool { self != .closed && self != .annulled }
}

/// How the handler resolves the complaint.
public enum RectificationResolution: Codable, Equatable, Sendable {
    case fixedNow(note: String)                  // 立即整改
    case fixBy(date: String, note: String)       // 限期整改
    case noLegalBasis(explanation: String)       // 诉求无法律依据，解释说明

    public var label: String {
        switch self {
        case .fixedNow: return "立即整改"
        case .fixBy(let d, _): return "限期整改（\(d)前）"
        case .noLegalBasis: return "解释说明（无法律依据）"
        }
    }
}

public enum RectificationAction: Codable, Equatable, Sendable {
    case callback(reached: Bool, note: String)
    case resolve(RectificationResolution)
    case fixCompleted(note: String)
    case reportBack(note: String)
    case raterVerdict(RatingLevel)
    case appeal(reason: String)
    case review(upheld: Bool, reason: String)

    public var kind: String {
        switch self {
        case .callback: return "callback"
        case .resolve: return "resolve"
        case .fixCompleted: return "fixCompleted"
        case .reportBack: return "reportBack"
        case .raterVerdict: return "raterVerdict"
        case .appeal: return "appeal"
        case .review: return "review"
        }
    }

    public var label: String {
        switch self {
        case .callback(let reached, let note): return (reached ? "回访已联系上" : "回访未联系上") + (note.isEmpty ? "" : "：\(note)")
        case .resolve(let r):
            switch r {
            case .fixedNow(let n), .fixBy(_, let n), .noLegalBasis(let n): return r.label + (n.isEmpty ? "" : "：\(n)")
            }
        case .fixCompleted(let n): return "整改完成" + (n.isEmpty ? "" : "：\(n)")
        case .reportBack(let n): return "已向评价人反馈" + (n.isEmpty ? "" : "：\(n)")
        case .raterVerdict(let l): return "评价人对整改的评价：\(l.label)"
        case .appeal(let r): return "提出申诉：\(r)"
        case .review(let upheld, let r): return (upheld ? "复核：申诉成立" : "复核：申诉不成立") + "，\(r)"
        }
    }
}

public enum RectificationError: Error, Equatable, LocalizedError {
    case notAllowed(String)
    public var errorDescription: String? { if case .notAllowed(let s) = self { return s }; return nil }
}

public struct Rectification: Codable, Equatable, Sendable {
    public var status: RectificationStatus = .awaitingCallback
    /// Where an appeal returns to when the review does not uphold it.
    public var statusBeforeReview: RectificationStatus?
    public var callbackAttempts = 0
    public var calledBack = false                 // reached the rater at least once
    public var resolution: RectificationResolution?
    public var raterVerdict: RatingLevel?
    /// Anonymous raters cannot be called back: the task goes straight to handling.
    public var anonymous: Bool

    public init(anonymous: Bool) {
        self.anonymous = anonymous
        if anonymous { status = .awaitingResolution }
    }

    /// Applies one action or says in Chinese why it is not allowed now.
    public func applying(_ action: RectificationAction) throws -> Rectification {
        var n = self
        func refuse(_ s: String) -> RectificationError { .notAllowed(s) }
        switch action {
        case .callback(let reached, _):
            guard !anonymous else { throw refuse("匿名评价无法回访") }
            guard status == .awaitingCallback || status == .awaitingResolution else { throw refuse("当前状态“\(status.label)”不能登记回访") }
            n.callbackAttempts += 1
            if reached { n.calledBack = true; n.status = .awaitingResolution }
        case .resolve(let r):
            guard status == .awaitingResolution || (status == .awaitingCallback && callbackAttempts > 0) else {
                throw refuse(status == .awaitingCallback ? "请先登记回访" : "当前状态“\(status.label)”不能登记处理")
            }
            if case .noLegalBasis(let text) = r, text.trimmingCharacters(in: .whitespaces).isEmpty { throw refuse("请写明解释说明的内容") }
            if case .fixBy(let date, _) = r, CivilDay(date) == nil { throw refuse("整改期限“\(date)”不是有效日期，应为 YYYY-MM-DD") }
            n.resolution = r
            if case .fixBy = r { n.status = .fixing } else { n.status = .awaitingReport }
        case .fixCompleted:
            guard status == .fixing else { throw refuse("只有限期整改中的任务可以登记整改完成") }
            n.status = .awaitingReport
        case .reportBack:
            guard status == .awaitingReport else { throw refuse("整改或解释完成后才能反馈") }
            n.status = .closed
        case .raterVerdict(let level):
            guard status == .closed, !anonymous else { throw refuse("反馈之后，实名评价人才能对整改作出评价") }
            guard raterVerdict == nil else { throw refuse("评价人已对整改作出评价，不能更改") }
            n.raterVerdict = level
        case .appeal(let reason):
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw refuse("请写明申诉理由") }
            guard status.isOpen, status != .underReview else { throw refuse("当前状态“\(status.label)”不能申诉") }
            n.statusBeforeReview = status
            n.status = .underReview
        case .review(let upheld, let reason):
            guard status == .underReview else { throw refuse("没有待复核的申诉") }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw refuse("请写明复核理由") }
            n.status = upheld ? .annulled : (statusBeforeReview ?? .awaitingCallback)
            n.statusBeforeReview = nil
        }
        return n
    }

    /// Overdue once the due date has passed and the task is still open; a task under appeal
    /// review still counts, because the review does not stop the clock.
    public func isOverdue(due: String?, today: String) -> Bool {
        guard let due, status.isOpen else { return false }
        return today > due
    }
}
