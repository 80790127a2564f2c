import Foundation
import HallCore
import HallStore
import TerminalUI

/// 受理办件: one case at the window. Tabs for the merged form (F2), the materials checklist (F3),
/// the case's history (F5) and its notices (F8); F6 takes the §32 decision, F7 resumes a case the
/// applicant came back to. Every field is saved to the store when the clerk leaves it, so a killed
/// process loses at most the field being typed and the case reopens where it was.
public final class CaseScreen: LegacyScreen {
    enum Tab: Equatable { case form, materials, history, notices }

    enum Modal {
        case decision(ChoiceDialog, [IntakeDecisionChoice])
        case refuseReason(InputDialog)
        case refuseAgency(InputDialog, reason: String)
        case correctOnSpot(InputDialog)
        case noPermitReason(InputDialog)
        case counts(InputDialog, index: Int)
        case complete(InputDialog)
        /// The document as it will print, scrolled by `offset`; Enter prints it.
        case preview(StoredDocument, offset: Int)
    }

    /// One document of the case: a decision's notice (numbered when first shown) or a 材料接收凭证,
    /// with its latest print job.
    struct NoticeRow {
        var notice: NoticeRecord?
        var document: StoredDocument?
        var lastJob: PrintJob?
        var createdAt: Date { notice?.createdAt ?? document?.createdAt ?? .distantPast }
        var title: String { notice?.kind.title ?? document?.kind.label ?? "" }
    }

    enum IntakeDecisionChoice { case accept, correction, refuse, correctOnSpot, noPermitNeeded }

    struct State {
        var c: Case?
        var fields: [FormField] = []
        /// The case's matter types: §32 wording and its no-permit decision are for 行政许可 only.
        var types: [MatterType] = []
        var tab: Tab = .form
        var focus = 0
        var editor = TextField(maxLength: FieldValidation.maxLength)
        var editorKey: String?
        /// The stored value the editor was loaded with: an untouched editor never overwrites a
        /// value another window (or process) saved meanwhile.
        var editorOriginal = ""
        /// When the clerk last typed into the editor; the text is saved as typed once they pause.
        var typedAt: Date?
        var errors: [String: String] = [:]
        var material = 0
        var onlyMissing = false
        var notices: [NoticeRow] = []
        var noticeIndex = 0
        /// A print job this screen started; its outcome is reported when the store has it.
        var watchedJob: String?
        var modal: Modal?
        var message: StatusMessage?
    }

    let context: IntakeContext
    let caseId: String
    var state = State()
    public var transition: ScreenTransition?

    public init(context: IntakeContext, caseId: String, opening: String? = nil) {
        self.context = context; self.caseId = caseId
        state.message = opening.map(StatusMessage.info)
    }

    var editable: Bool { state.c?.status == .draft }
    var focusedField: FormField? { state.fields.indices.contains(state.focus) ? state.fields[state.focus] : nil }
    /// The checklist lines shown (all, or only what is still missing after the applicant returned).
    var visibleMaterials: [Int] {
        guard let c = state.c else { return [] }
        return c.checks.indices.filter { !state.onlyMissing || c.checks[$0].shortfall != nil }
    }

    public var title: String { "受理 · " + (state.c.map { "\($0.caseNumber)（\($0.status.label)）" } ?? "办件") }
    public var message: StatusMessage? { state.message }
    public var isTypingText: Bool { state.tab == .form || modalTakesText }
    var modalTakesText: Bool {
        switch state.modal {
        case .refuseReason?, .refuseAgency?, .correctOnSpot?, .noPermitReason?, .counts?, .complete?: return true
        default: return false
        }
    }

    public var keyBar: [KeyBarItem] {
        var items: [KeyBarItem] = [.init("F1", "帮助"), .init("F2", "表单"), .init("F3", "材料"), .init("F5", "记录"), .init("F8", "文书")]
        if state.c?.status == .awaitingCorrection { items.append(.init("F7", "继续受理")) }
        if editable { items.append(.init("F6", "受理决定")) }
        if state.c?.status == .accepted { items.append(.init("F4", "办结")) }
        if state.tab == .materials, editable { items.append(.init("1-5", "核验")) }
        if state.tab == .materials || state.tab == .notices { items.append(.init("F9", "接收凭证")) }
        items.append(.init("Esc", "返回"))
        return items
    }

    // Each line fits 76 columns, so the help reads cleanly at 80×24.
    public var help: [String] {
        ["F2 申请表：所选事项合并为一张表，同一栏目只填一次；离开一栏即保存",
         "    ↑↓ 或回车换栏；身份证号可输全角数字和小写x；选择项按数字",
         "    日期可写 2026-03-05、20260305 或 2026年3月5日",
         "F3 材料：1收齐 2缺 3容缺（须签承诺，限目录允许的） 4免提交（电子证照）",
         "    5改份数（如「1 2」：原件1份、复印件2份） 0未核验 F4只看缺件",
         "F6 受理决定（行政许可事项依行政许可法第三十二条，其他事项依设定依据）：",
         "    受理：生成承诺办结日期，即办件当场办结",
         "    一次性告知补正：所缺材料和申请表问题一次写明",
         "    不予受理：写明理由、应向哪个机关申请和救济途径；或当场更正",
         "    不需要取得行政许可：行政许可事项依法无需许可时即时告知",
         "F7 继续受理：群众补齐回来后，表单和已收材料不变，只勾所缺材料",
         "F9 材料接收凭证：为已收材料出具凭证，预览后打印；F4 办结已受理的办件",
         "F8 文书：回车预览并打印，P 再打一份（补打），R 重试失败的打印",
         "F5 办件记录（时间、工号、内容）；Esc 保存并返回"]
    }

    public func reload() {
        do {
            let c = try context.store.case(id: caseId)
            if state.fields.isEmpty {
                let matters = try context.matters(of: c)
                state.fields = caseForm(for: matters)
                state.types = matters.map(\.type)
            }
            state.c = c
            let documents = try context.store.documents(caseId: caseId)
            func lastJob(_ d: StoredDocument?) throws -> PrintJob? { try d.flatMap { try context.store.printJobs(documentId: $0.id).last } }
            var rows = try context.store.notices(caseId: caseId).map { n in
                let doc = documents.first { $0.noticeId == n.id }
                return NoticeRow(notice: n, document: doc, lastJob: try lastJob(doc))
            }
            rows += try documents.filter { $0.noticeId == nil }.map { NoticeRow(notice: nil, document: $0, lastJob: try lastJob($0)) }
            state.notices = rows.sorted { $0.createdAt < $1.createdAt }
            reportWatchedJob()
            validateAll()
            if state.editorKey == nil || (state.editor.text == state.editorOriginal && c.form[state.editorKey!] ?? "" != state.editorOriginal) {
                loadEditor()
            }
        } catch { state.message = .from(error) }
    }

    /// Marks every answered field that does not pass its check (a reopened case shows its faults).
    func validateAll() {
        guard let c = state.c else { return }
        let now = context.store.clock.now()
        for f in state.fields where f.key != state.editorKey {
            if case .invalid(let why) = FieldValidation.check(f, c.form[f.key] ?? "", today: now, calendar: context.calendar) {
                state.errors[f.key] = why
            } else { state.errors[f.key] = nil }
        }
    }

    func loadEditor() {
        guard let f = focusedField else { state.editorKey = nil; return }
        state.editorOriginal = state.c?.form[f.key] ?? ""
        state.editor = TextField(text: state.editorOriginal, maxLength: FieldValidation.maxLength)
        state.editorKey = f.key
    }

    // MARK: keys

    public func handle(_ key: Key) {
        if state.modal != nil { handleModal(key); return }
        switch key {
        case .escape, .function(10):
            commitField()
            transition = .pop(nil)
            return
        case .function(2): commitField(); state.tab = .form; return
        case .function(3): commitField(); state.tab = .materials; return
        case .function(5): commitField(); state.tab = .history; return
        case .function(8):
            commitField(); state.tab = .notices
            state.noticeIndex = max(0, state.notices.count - 1)
            return
        case .function(6): commitField(); startDecision(); return
        case .function(7): commitField(); resume(); return
        case .function(9): commitField(); issueReceipt(); return
        case .function(4) where state.c?.status == .accepted:
            state.modal = .complete(InputDialog(title: "办结：结果已送达或由申请人领取", prompt: "说明（可空）：", field: TextField(maxLength: 100)))
            return
        default: break
        }
        switch state.tab {
        case .form: handleForm(key)
        case .materials: handleMaterials(key)
        case .notices: handleNotices(key)
        case .history: break
        }
    }

    func handleForm(_ key: Key) {
        switch key {
        case .up, .backTab: moveFocus(-1)
        case .enter:
            // A rejected value keeps the focus: the clerk corrects it here instead of typing the
            // next answer into this field (↓ still moves on deliberately).
            commitField()
            if editable, let f = focusedField, let why = state.errors[f.key] {
                state.message = .error(why + "（请改正后回车；↓ 可先填下一栏）")
                return
            }
            moveFocus(+1)
        case .down, .tab: moveFocus(+1)
        case .pageUp: moveFocus(-8)
        case .pageDown: moveFocus(+8)
        default:
            guard let f = focusedField else { return }
            guard editable else {
                state.message = .error(state.c?.status == .awaitingCorrection ? "待补正的办件请先按 F7 继续受理" : "办件已\(state.c?.status.label ?? "")，表单不能再修改")
                return
            }
            if case .choice(let options) = f.kind {
                chooseOption(key, options: options, field: f)
            } else if case .multiChoice(let options) = f.kind, case .character(let ch) = key,
                      let d = ch.wholeNumberValue, d >= 1, d <= options.count {
                // A digit ticks or unticks its option (印章种类: several at once); saved at once.
                state.editor.text = MultiChoice.toggled(state.editor.text, option: options[d - 1], options: options)
                commitField()
            } else if case .multiChoice = f.kind, ![.backspace, .delete].contains(key) {
                state.message = .error("请按数字勾选或取消（可多选），退格键清空")
            } else if case .multiChoice = f.kind {
                state.editor.text = ""
                commitField()
            } else if state.editor.handle(key) {
                state.typedAt = context.store.clock.now()
                if state.editor.overflowed { state.message = .error(state.editor.overflowMessage) }
            }
        }
    }

    func chooseOption(_ key: Key, options: [String], field: FormField) {
        switch key {
        case .character(let ch):
            if let d = ch.wholeNumberValue, d >= 1, d <= options.count {
                state.editor.text = options[d - 1]
                commitField()
            } else {
                state.message = .error("请按数字选择：" + options.enumerated().map { "\($0.offset + 1).\($0.element)" }.joined(separator: " "))
            }
        case .backspace, .delete:
            state.editor.text = ""
            commitField()
        default: break
        }
    }

    /// A pause in typing of this long saves the field as typed.
    static let saveAfterPause: TimeInterval = 1

    /// Saves the field being typed once the clerk pauses, so a killed process (kill -9, a pulled
    /// cable) loses at most the last second of typing. Saved as typed, without checking or moving
    /// on: leaving the field still checks and normalises it as before.
    public func tick() -> Bool {
        guard editable, state.tab == .form, state.modal == nil, let typedAt = state.typedAt, let f = focusedField,
              state.editorKey == f.key, context.store.clock.now().timeIntervalSince(typedAt) >= Self.saveAfterPause else { return false }
        state.typedAt = nil
        let raw = state.editor.text
        guard raw != (state.c?.form[f.key] ?? "") else { return false }
        do {
            try context.store.saveField(caseId: caseId, key: f.key, value: raw, by: context.by)
            state.c?.form[f.key] = raw
        } catch { state.message = .from(error) }
        return true
    }

    func moveFocus(_ delta: Int) {
        commitField()
        guard !state.fields.isEmpty else { return }
        state.focus = min(max(0, state.focus + delta), state.fields.count - 1)
        loadEditor()
    }

    /// Validates the field being typed and saves it if it changed. A value that fails its check is
    /// still saved as typed (nothing the clerk typed is lost) and stays marked until corrected.
    func commitField() {
        guard editable, let f = focusedField, state.editorKey == f.key, let c = state.c else { return }
        let raw = state.editor.text
        guard raw != state.editorOriginal else { return }     // untouched: nothing to save
        let value: String
        switch FieldValidation.check(f, raw, today: context.store.clock.now(), calendar: context.calendar) {
        case .valid(let v): value = v; state.errors[f.key] = nil
        case .empty: value = ""; state.errors[f.key] = nil
        case .invalid(let why): value = raw; state.errors[f.key] = why; state.message = .error(why)
        }
        if value != raw { state.editor.text = value }
        guard value != (c.form[f.key] ?? "") else {
            // Already in the store (saved as typed during a pause): leaving the field confirms it.
            state.editorOriginal = value
            if state.errors[f.key] == nil { state.message = .info("已保存：\(f.label)") }
            return
        }
        do {
            try context.store.saveField(caseId: caseId, key: f.key, value: value, by: context.by)
            state.c?.form[f.key] = value
            state.editorOriginal = value
            if state.errors[f.key] == nil { state.message = .info("已保存：\(f.label)") }
        } catch { state.message = .from(error) }
    }

    func handleMaterials(_ key: Key) {
        let visible = visibleMaterials
        switch key {
        case .up: state.material = max(0, state.material - 1); return
        case .down: state.material = min(max(0, visible.count - 1), state.material + 1); return
        case .function(4), .character("f"), .character("F"):
            state.onlyMissing.toggle(); state.material = 0
            state.message = .info(state.onlyMissing ? "只显示尚缺的材料" : "显示全部材料")
            return
        default: break
        }
        guard case .character(let ch) = key, let digit = ch.wholeNumberValue, ch.isASCII, digit <= 5 else { return }
        guard editable else {
            state.message = .error(state.c?.status == .awaitingCorrection ? "群众补齐材料后，请先按 F7 继续受理" : "办件已\(state.c?.status.label ?? "")，材料不能再修改")
            return
        }
        guard visible.indices.contains(state.material), let c = state.c else { return }
        let index = visible[state.material]
        let check = c.checks[index]
        let newState: MaterialState
        switch digit {
        case 0: newState = .pending
        case 1: newState = .received(originals: check.requiredOriginals, copies: check.requiredCopies)
        case 2: newState = .missing
        case 3: newState = .toleratedWithCommitment
        case 4: newState = .exemptElectronicLicence(check.electronicLicence ?? "")
        default:
            let current: String
            if case .received(let o, let cp) = check.state { current = "\(o) \(cp)" } else { current = "\(check.requiredOriginals) \(check.requiredCopies)" }
            state.modal = .counts(InputDialog(title: "收到的份数：\(check.materialName)", prompt: "原件 复印件：",
                                              field: TextField(text: current, maxLength: 7, allowed: { $0.isNumber || $0 == " " })), index: index)
            return
        }
        setMaterial(index, newState)
    }

    func setMaterial(_ index: Int, _ newState: MaterialState) {
        do {
            try context.store.setMaterial(caseId: caseId, index: index, state: newState, by: context.by)
            reload()
            let name = state.c?.checks[index].materialName ?? ""
            state.message = .info("\(name)：\(newState.label)")
            // After a tick, go to the next line still to look at, as a clerk works down the pile.
            let visible = visibleMaterials
            if let next = visible.firstIndex(where: { $0 > index && (state.c?.checks[$0].state == .pending || state.c?.checks[$0].shortfall != nil) }) {
                state.material = next
            } else {
                state.material = min(state.material, max(0, visible.count - 1))
            }
        } catch { state.message = .from(error) }
    }

    func resume() {
        guard state.c?.status == .awaitingCorrection else { state.message = .error("只有待补正的办件可以继续受理"); return }
        do {
            let c = try context.store.resumeCase(caseId: caseId, by: context.by)
            reload()
            state.tab = .materials
            state.onlyMissing = true
            state.material = 0
            state.message = .info("继续受理：表单和已收材料保持不变，请核验所缺的\(c.missing.count)项材料")
        } catch { state.message = .from(error) }
    }
}
