import ArgumentParser
import Foundation
import HallApp
import HallCore
import HallStore

extension CaseCommand {
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "作出受理决定：accept（受理）、correct（一次性告知补正）、refuse（不予受理）、no-permit（不需要取得行政许可）、on-spot（当场更正）",
            discussion: "受理时用 --delivery 记录结果送达方式：window（窗口领取，默认）、mail（邮寄送达，须 --address）、electronic（电子送达）。")
        @OptionGroup var options: CaseOptions
        @Argument(help: "办件编号") var caseNumber: String
        @Argument(help: "决定：accept、correct、refuse、no-permit、on-spot") var decision: String
        @Option(help: "不予受理或不需要许可的理由；当场更正的内容") var reason: String?
        @Option(help: "不予受理时应向其申请的机关") var agency: String?
        @Option(help: "结果送达方式：window、mail、electronic") var delivery: String?
        @Option(help: "邮寄地址（mail 时必填）") var address: String?
        func run() throws {
            try options.perform(caseNumber: caseNumber) { s, by, id in
                let d: IntakeDecision
                switch decision.lowercased() {
                case "accept", "受理": d = .accept
                case "correct", "补正": d = .requestCorrection
                case "refuse", "不予受理": d = .refuse(reason: reason ?? "", rightAgency: agency)
                case "no-permit", "不需要许可": d = .noPermitNeeded(reason ?? "")
                case "on-spot", "当场更正": d = .correctOnSpot(reason ?? "")
                default: throw StoreError.invalidInput("决定“\(decision)”无法识别：请用 accept、correct、refuse、no-permit 或 on-spot")
                }
                var chosen: CaseDelivery?
                if delivery != nil || address != nil {
                    guard d == .accept else { throw StoreError.invalidInput("送达方式只在受理（accept）时记录") }
                    chosen = try CaseDelivery(CaseDelivery.method(named: delivery ?? "mail"), address: address)
                }
                let calendar = try s.workCalendar()
                let (c, notice) = try s.decide(caseId: id!, d, delivery: chosen,
                                               dueDate: { try calendar.dueDate(acceptedOn: $0, workingDays: $1) }, by: by)
                let what = notice.map { "，已生成\($0.kind.title)（用 yichuang case print \(c.caseNumber) 打印）" } ?? ""
                try options.report(s, id!, message: "\(c.caseNumber)：\(c.status.label)\(c.dueDate.map { "，承诺\($0)前办结" } ?? "")\(what)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看办件：申请表、材料、送达方式；--history 显示办理经过（新旧值，个人信息已遮蔽）")
        @OptionGroup var options: CaseOptions
        @Argument(help: "办件编号") var caseNumber: String
        @Flag(help: "显示办理经过") var history = false
        func run() throws {
            try options.perform(caseNumber: caseNumber) { s, _, id in
                let c = try s.case(id: id!)
                let h = history ? try s.caseHistory(caseId: id!) : nil
                try options.report(s, id!, message: try CaseText.show(s, c, history: h), history: history)
            }
        }
    }

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "打印办件的文书（默认最近一份）；--text 只输出文字版")
        @OptionGroup var options: CaseOptions
        @Argument(help: "办件编号") var caseNumber: String
        @Option(help: "文书种类：oneTimeCorrection、acceptance、refusal、completion") var kind: String?
        @Flag(help: "不送打印机，输出文书的文字版") var text = false
        func run() throws {
            try options.perform(caseNumber: caseNumber) { s, by, id in
                let notices = try s.notices(caseId: id!)
                guard let notice = try kind.map({ k in
                    guard let nk = NoticeKind(rawValue: k) else { throw StoreError.invalidInput("文书种类“\(k)”无法识别") }
                    return notices.last { $0.kind == nk }
                }) ?? notices.last else { throw StoreError.invalidInput("办件\(caseNumber)还没有\(kind == nil ? "" : "这种")文书：请先作出受理决定") }
                let (_, config) = try options.store.open()
                let desk = PrintDesk(store: s, routes: try PrintDesk.routes(config: config), inline: true)
                let doc = try desk.document(noticeId: notice.id, by: by)
                if text {
                    printSafe(desk.preview(doc.document, width: 80).joined(separator: "\n"))
                    return
                }
                let jobId = try desk.print(documentId: doc.id, by: by)
                let job = try s.printJob(id: jobId)
                struct Out: Encodable { let document: String; let number: String?; let status: String; let printer: String; let reason: String?; let message: String }
                let message = PrintDesk.describe(job, of: doc)
                if options.json {
                    printJSON(Out(document: doc.kind.label, number: doc.number, status: job.status.rawValue, printer: job.printer,
                                  reason: job.reason, message: message))
                } else {
                    printSafe(message)
                }
                if job.status == .failed { throw ExitCode(3) }
            }
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查找办件：办件编号、身份证号或信用代码、申请人姓名、企业名称、法定代表人、编号末几位、姓名全拼")
        @OptionGroup var options: CaseOptions
        @Argument(help: "查找内容") var query: String
        @Option(help: "最多列出几件") var limit = 20
        func run() throws {
            try options.perform(caseNumber: nil, atWindow: false) { s, _, _ in
                let rows = try s.cases(matching: query, limit: limit)
                if options.json {
                    struct Row: Encodable { let caseNumber: String; let status: String; let applicantName: String; let applicantId: String; let matters: String }
                    printJSON(rows.map { Row(caseNumber: $0.caseNumber, status: $0.status.rawValue, applicantName: $0.applicantName,
                                             applicantId: $0.applicantIdMasked, matters: $0.matters) })
                } else if rows.isEmpty {
                    printSafe("没有找到“\(query)”的办件")
                } else {
                    for r in rows { printSafe("\(r.caseNumber) \(r.status.label) \(r.applicantName) \(r.applicantIdMasked) \(r.matters)") }
                }
            }
        }
    }
}

/// The text the case commands print.
enum CaseText {
    static func matters(_ s: HallStore, _ c: Case) throws -> [Matter] {
        try c.matters.compactMap { try s.matter(code: $0.code, version: $0.version) }
    }

    static func problems(_ s: HallStore, _ c: Case) throws -> [FormProblem] {
        formProblems(caseForm(for: try matters(s, c)), c.form, today: s.currentTime(), calendar: try s.hall().calendar)
    }

    static func show(_ s: HallStore, _ c: Case, history: [CaseHistoryEntry]?) throws -> String {
        let fields = caseForm(for: try matters(s, c))
        var out = ["\(c.caseNumber)  \(c.status.label)  \(c.matters.map(\.name).joined(separator: "、"))"]
        if let w = c.windowNumber { out.append("窗口：\(w)号") }
        if let due = c.dueDate { out.append("承诺办结日期：\(due)") }
        out.append("结果送达方式：\(c.delivery?.label ?? "（受理时确定）")")
        out.append("申请表：")
        for f in fields { out.append("  \(f.label)（\(f.key)）：\(c.form[f.key] ?? "")") }
        for p in try problems(s, c) { out.append("  ✗ \(p.label)：\(p.message)") }
        out.append("材料：")
        for (i, m) in c.checks.enumerated() { out.append("  \(i + 1). \(m.materialName)：\(m.state.label)") }
        if let history {
            out.append("办理经过：")
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd HH:mm:ss"
            f.timeZone = try s.hall().calendar.timeZone
            for e in history {
                let who = e.clerkNumber.map { n in e.clerkName.map { "\($0)（\(n)）" } ?? n } ?? "系统"
                let change = e.oldValue == nil && e.newValue == nil ? "" : "：\(e.oldValue.flatMap { $0.isEmpty ? nil : $0 } ?? "（空）") → \(e.newValue.flatMap { $0.isEmpty ? nil : $0 } ?? "（空）")"
                out.append("  \(f.string(from: e.at)) \(who) \(e.kind.label) \(e.subject)\(change)")
            }
        }
        return out.joined(separator: "\n")
    }
}
