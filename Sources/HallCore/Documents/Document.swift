import Foundation

/// Every paper the window or the desk hands over. The raw values of the four notices equal
/// HallStore's `NoticeKind`, so a stored notice maps across by raw value.
public enum DocumentKind: String, Codable, Sendable, CaseIterable {
    case oneTimeCorrection, acceptance, refusal, materialsReceipt, queueTicket, completion
    /// 告知承诺书: the applicant's signed promise to hand in the materials accepted under 容缺.
    case commitment
    /// 日结汇总表: the close-of-day figures on A4 (issue 13), for the hall's own files.
    case daySummary

    public var label: String {
        switch self {
        case .oneTimeCorrection: return "一次性告知书"
        case .acceptance: return "受理通知书"
        case .refusal: return "不予受理通知书"
        case .materialsReceipt: return "材料接收凭证"
        case .queueTicket: return "排队号票"
        case .completion: return "办结通知书"
        case .commitment: return "告知承诺书"
        case .daySummary: return "日结汇总表"
        }
    }

    /// Formal notices carry a 文号 from the hall's gap-free series; a queue ticket and a 材料接收凭证
    /// (proof of paper handed over, not a decision) have numbers of their own.
    public var isNumbered: Bool { self != .queueTicket && self != .materialsReceipt && self != .daySummary }
}

/// A document as content, built once and rendered by Printing to PDF, ESC/POS or plain text.
/// Every value is already formatted text (dates in the hall's time zone, identity numbers masked),
/// so a renderer never formats, looks up or decides anything, and a stored body prints the same
/// years later.
public struct Document: Codable, Equatable, Sendable {
    public var kind: DocumentKind
    /// The agency the document speaks for, printed above the title on tickets and in the seal area.
    public var issuer: String
    public var title: String
    /// A second title line in brackets: （补正材料通知书）.
    public var subtitle: String?
    /// 文号, e.g. 示范区政务〔2026〕12号; nil until the store numbers it, and always nil on tickets.
    public var number: String?
    /// "补打" on a reprint (with its time), so a copy is never mistaken for a second original.
    public var copyMark: String?
    /// Header fields: 办件编号, 申请人, 申请事项 … in order.
    public var fields: [DocumentField]
    /// "张三：" before the body, as a formal notice addresses its reader.
    public var salutation: String?
    public var body: [DocumentBlock]
    public var seal: SealArea?
    /// 经办窗口, 经办人, 咨询电话: who to come back to, printed beside the seal.
    public var contacts: [DocumentField]
    public var signatures: [String]
    public var qrPayload: String?
    /// Small print at the very end (privacy, how to verify, reprint time).
    public var footer: [String]

    public init(kind: DocumentKind, issuer: String, title: String, subtitle: String? = nil, number: String? = nil, copyMark: String? = nil,
                fields: [DocumentField] = [], salutation: String? = nil, body: [DocumentBlock] = [],
                seal: SealArea? = nil, contacts: [DocumentField] = [], signatures: [String] = [], qrPayload: String? = nil, footer: [String] = []) {
        self.kind = kind; self.issuer = issuer; self.title = title; self.subtitle = subtitle; self.number = number; self.copyMark = copyMark
        self.fields = fields; self.salutation = salutation; self.body = body; self.seal = seal
        self.contacts = contacts; self.signatures = signatures; self.qrPayload = qrPayload; self.footer = footer
    }

    /// Every piece of text in reading order: what a preview search, a test or an audit sees.
    public var allText: [String] {
        var out = [issuer, title] + [subtitle, number, copyMark].compactMap { $0 }
        out += fields.flatMap { [$0.label, $0.value] }
        if let salutation { out.append(salutation) }
        for block in body {
            switch block {
            case .paragraph(let t), .heading(let t), .emphasis(let t), .note(let t): out.append(t)
            case .table(let table): out += table.columns.map(\.title) + table.rows.flatMap { $0 }
            case .details(let fields): out += fields.flatMap { [$0.label, $0.value] }
            }
        }
        out += contacts.flatMap { [$0.label, $0.value] }
        if let seal { out += [seal.issuer, seal.date] }
        return out + signatures + footer
    }
}

public struct DocumentField: Codable, Equatable, Sendable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) { self.label = label; self.value = value }
}

public enum DocumentBlock: Codable, Equatable, Sendable {
    /// Body text; renderers indent the first line by two characters, as Chinese documents do.
    case paragraph(String)
    /// A bold line that introduces what follows ("需补正的材料", "不予受理的理由").
    case heading(String)
    case table(DocumentTable)
    /// Large centred text: the number on a queue ticket.
    case emphasis(String)
    /// A short centred line in normal size (service name, people ahead).
    case note(String)
    /// Label–value lines without indentation (受理时间, 经办窗口 …).
    case details([DocumentField])
}

public struct DocumentTable: Codable, Equatable, Sendable {
    public struct Column: Codable, Equatable, Sendable {
        public var title: String
        /// Share of the width on paper; narrow columns (序号) get small weights.
        public var weight: Double
        public init(_ title: String, weight: Double) { self.title = title; self.weight = weight }
    }
    public var columns: [Column]
    public var rows: [[String]]
    public init(columns: [Column], rows: [[String]]) { self.columns = columns; self.rows = rows }
}

/// Where the agency seals and dates the notice (行政许可法 §32: a written, dated, sealed document).
public struct SealArea: Codable, Equatable, Sendable {
    public var issuer: String
    public var date: String
    public init(issuer: String, date: String) { self.issuer = issuer; self.date = date }
}
