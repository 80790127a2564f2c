import ArgumentParser
import Foundation
import HallApp
import HallCore
import HallStore

/// 受理 without a console, for integrators and tests (issue 14, must-deliver 8):
/// `yichuang case open|set|material|decide|show|print|search`. Each command takes a clerk's 工号
/// and PIN (YICHUANG_STAFF/YICHUANG_PIN or stdin), calls the same store operations as the intake
/// screens (so the same checks, case events and audit entries), and refuses anything the console
/// would: a clerk works only at the window she is signed in at, on that window's cases.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "办件受理：开始受理、填表、核验材料、作出决定、查看、打印文书、查找",
        subcommands: [Open.self, Set.self, Material.self, Decide.self, Show.self, Print.self, Search.self])
}

struct CaseOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Option(help: "在哪个窗口办理（窗口人员须已在该窗口登录；默认办件所在窗口）") var window: Int?
    @Flag(help: "输出 JSON") var json = false

    /// Opens the store as the member of staff whose PIN was given, checks they may work on the
    /// case (nil: a new case) at the window, and runs the body. `atWindow` false (search): the
    /// intake permission is enough, as the case list is to anyone at a console.
    func perform(caseNumber: String?, atWindow: Bool = true, _ body: (HallStore, Attribution, String?) throws -> Void) throws {
        try runReportingErrors {
            let (s, config) = try store.open()
            let by = try StaffCredentials.attribution(s, config, for: .intake)
            let id = try caseNumber.map { try s.caseId(number: $0) }
            if atWindow { try s.checkCaseWork(caseId: id, window: window, by: by) }
            try body(s, by, id)
        }
    }

    /// The case as text or JSON.
    func report(_ s: HallStore, _ caseId: String, message: String, history: Bool = false) throws {
        let c = try s.case(id: caseId)
        let problems = try CaseText.problems(s, c)
        if json {
            var out = CaseJSON(c, problems: problems)
            if history { out.history = try s.caseHistory(caseId: caseId) }
            printJSON(out)
        } else {
            printSafe(message)
        }
    }
}

extension CaseCommand {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "开始受理：为一个或多个事项（或一件事）新建办件")
        @OptionGroup var options: CaseOptions
        @Option(name: .customLong("matter"), help: "事项编码（实施编码），可重复") var matterCodes: [String] = []
        @Option(help: "一件事编码") var bundle: String?
        func run() throws {
            try options.perform(caseNumber: nil) { s, by, _ in
                var matters: [Matter] = []
                if let code = bundle {
                    guard let b = try s.bundles().first(where: { $0.code == code }) else { throw StoreError.invalidInput("没有编码为“\(code)”的一件事") }
                    for code in b.matterCodes {
                        guard let m = try s.matter(code: code) else { throw StoreError.invalidInput("一件事“\(b.name)”的事项\(code)不在目录中") }
                        matters.append(m)
                    }
                }
                for code in matterCodes where !matters.contains(where: { $0.implementationCode == code }) {
                    guard let m = try s.matter(code: code) else { throw StoreError.invalidInput("没有编码为“\(code)”的事项") }
                    matters.append(m)
                }
                guard !matters.isEmpty else { throw StoreError.invalidInput("请用 --matter 或 --bundle 给出要办理的事项") }
                let c = try s.openCase(window: options.window, ticketId: nil, bundleCode: bundle, matters: matters.map(\.caseMatter),
                                       checks: mergedChecklist(for: matters), by: by)
                try options.report(s, c.id, message: "已开始受理 \(c.caseNumber)：" + c.matters.map(\.name).joined(separator: "、"))
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "填写申请表：字段=内容，可多项；有一项不合格则都不保存",
                                                        discussion: "字段用键（applicant.name）或表上的名称（申请人姓名）。")
        @OptionGroup var options: CaseOptions
        @Argument(help: "办件编号") var caseNumber: String
        @Argument(help: "字段=内容") var assignments: [String]
        func run() throws {
            try options.perform(caseNumber: caseNumber) { s, by, id in
                let c = try s.case(id: id!)
                let fields = try caseForm(for: CaseText.matters(s, c))
                let calendar = try s.hall().calendar
                let values = try assignments.map { a -> (key: String, value: String) in
                    guard let eq = a.firstIndex(of: "=") else { throw StoreError.invalidInput("“\(a)”不是 字段=内容 的形式") }
                    let name = String(a[..<eq]).trimmingCharacters(in: .whitespaces), raw = String(a[a.index(after: eq)...])
                    guard let f = fields.first(where: { $0.key == name || $0.label == name }) else {
                        throw StoreError.invalidInput("本件申请表没有“\(name)”这一项")
                    }
                    // The check the console makes when the clerk leaves the field; here a value
                    // that fails it is refused, so a script never stores what a clerk must fix.
                    switch FieldValidation.check(f, raw, today: s.currentTime(), calendar: calendar) {
                    case .valid(let v): return (f.key, v)
                    case .empty: return (f.key, "")
                    case .invalid(let why): throw StoreError.invalidInput("\(f.label)：\(why)")
                    }
                }
                try s.saveFields(caseId: id!, values, by: by)
                try options.report(s, id!, message: "已保存：" + values.map { v in fields.first { $0.key == v.key }!.label }.joined(separator: "、"))
            }
        }
    }

    struct Material: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "核验一项材料：received|missing|tolerated|exempt|pending")
        @OptionGroup var options: CaseOptions
        @Argument(help: "办件编号") var caseNumber: String
        @Argument(help: "材料序号（从1起，见 case show）") var index: Int
        @Argument(help: "状态：received（已收）、missing（缺）、tolerated（容缺）、exempt（免提交）、pending（未核验）") var state: String
        @Option(help: "已收原件份数（默认目录要求的份数）") var originals: Int?
        @Option(help: "已收复印件份数（默认目录要求的份数）") var copies: Int?
        @Option(help: "免提交所依据的电子证照名称") var licence: String?
        func run() throws {
            try options.perform(caseNumber: caseNumber) { s, by, id in
                let c = try s.case(id: id!)
                guard c.checks.indices.contains(index - 1) else { throw StoreError.invalidInput("没有第\(index)项材料（本件共\(c.checks.count)项）") }
                let line = c.checks[index - 1]
                let st = try CaseMaterialWords.state(state, originals: originals, copies: copies, licence: licence, line: line)
                try s.setMaterial(caseId: id!, index: index - 1, state: st, by: by)
                try options.report(s, id!, message: "第\(index)项 \(line.materialName)：\(st.label)")
            }
        }
    }
}
