import Foundation
import HallCore
import HallStore
import TerminalUI

/// 受理办件: one case at the window. Tabs for the merged form (F2), the materials checklist (F3),
/// the case's history with old and new values (F5) and its notices (F8); F6 takes the §32 decision, F7 resumes a case the
/// applicant came back to. Every field is saved when the clerk leaves it (and as typed after a
/// pause), so a killed process loses at most the last second of typing. Store work is a `Command`
/// run by `IntakeCase.execute` over the `IntakeDesk` and `NoticePrinter` ports; keys typed while
/// one runs are held and handled, in order, when it lands, so the clerk sees what a synchronous
/// screen would show.
public enum IntakeCase: ScreenModel {
    enum Tab: Equatable { case form, materials, history, notices }

    enum Modal {
        case decision(ChoiceDialog, [DecisionChoice])
        case refuseReason(InputDialog)
        case refuseAgency(InputDialog, reason: String)
        case correctOnSpot(InputDialog)
        case noPermitReason(InputDialog)
        case counts(InputDialog, index: Int)
        case complete(InputDialog)
        /// 结果送达方式 at acceptance: window pickup, mail (then the address) or electronic.
        case delivery(ChoiceDialog)
        case mailAddress(InputDialog)
        /// The document as it will print, scrolled by `offset`; Enter prints it.
        case preview(StoredDocument, offset: Int)
    }

    enum DecisionChoice { case accept, correction, refuse, correctOnSpot, noPermitNeeded }

    /// One document of the case: a decision's notice (numbered when first shown) or a 材料接收凭证,
    /// with its latest print job.
    public struct NoticeRow: Sendable {
        var notice: NoticeRecord?
        var document: StoredDocument?
        var lastJob: PrintJob?
        var createdAt: Date { notice?.createdAt ?? document?.createdAt ?? .distantPast }
        var title: String { notice?.kind.title ?? document?.kind.label ?? "" }
    }

    /// The case as the store has it, read in one go after every action.
    public struct Snapshot: Sendable {
        var c: Case
        /// The merged form and the matters' types; read with the first snapshot only.
        var form: (fields: [FormField], types: [MatterType])?
        var notices: [NoticeRow]
        /// Who changed what and when, masked where personal (oldest first).
        var history: [CaseHistoryEntry] = []
        var readAt: Date
    }

    public struct State {
        public let caseId: String
        let calendar: HallCalendar
        var now: Date
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
        /// When the clerk last typed into the editor (as of the last tick); the text is saved as
        /// typed once they pause.
        var typedAt: Date?
        var errors: [String: String] = [:]
        var material = 0
        var onlyMissing = false
        var notices: [NoticeRow] = []
        var noticeIndex = 0
        var history: [CaseHistoryEntry] = []
        /// The selected line of the history; nil follows the newest.
        var historyIndex: Int?
        /// Documents to preview after the one shown (the 告知承诺书 after its 受理通知书).
        var nextPreviews: [StoredDocument] = []
        /// A print job this screen started; its outcome is reported when the store has it.
        var watchedJob: String?
        var modal: Modal?
        var message: StatusMessage?
        var loads = LoadGate()
        /// Actions sent and not yet answered; keys wait in `held` meanwhile.
        var pending = 0
        var held: [Key] = []
        /// The first load answered (or failed): until then keys wait in `held`.
        var firstLoadLanded = false

        public init(caseId: String, calendar: HallCalendar, now: Date, opening: String? = nil) {
            self.caseId = caseId; self.calendar = calendar; self.now = now
            message = opening.map(StatusMessage.info)
        }

        var editable: Bool { c?.status == .draft }
        var focusedField: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }
        /// The checklist lines shown (all, or only what is still missing after the applicant returned;
        /// once accepted, a 容缺 material not yet handed in is still owed, so it stays in that view).
        var visibleMaterials: [Int] {
            guard let c else { return [] }
            let owed = Set(CommitmentRules.outstanding(c.checks).filter { $0.commitmentDue != nil }.map(\.materialName))
            return c.checks.indices.filter { !onlyMissing || c.checks[$0].shortfall != nil || owed.contains(c.checks[$0].materialName) }
        }
        var today: String { calendar.dayKey(now) }
        var modalTakesText: Bool {
            switch modal {
            case .refuseReason?, .refuseAgency?, .correctOnSpot?, .noPermitReason?, .counts?, .complete?, .mailAddress?: return true
            default: return false
            }
        }

        /// Sends an action to the executor; keys wait until it answers.
        mutating func act(_ command: Command) -> Effects {
            pending += 1
            return [.run(command)]
        }
    }

    public enum PrintTarget: Sendable { case document(String), notice(String) }

    public enum Command: Sendable {
        case load(form: Bool)
        case saveField(key: String, value: String)
        /// Saved as typed during a pause: no key waits for it.
        case saveTyped(key: String, value: String)
        case setMaterial(index: Int, MaterialState)
        case resume
        /// `delivery`: how the result reaches the applicant, chosen at acceptance.
        case decide(IntakeDecision, delivery: CaseDelivery? = nil)
        case complete(note: String)
        case receipt
        /// 补交: the 容缺 material of checklist line `index` was handed in.
        case fulfil(index: Int)
        /// Numbers a notice (the first time) and shows it.
        case preview(noticeId: String)
        case print(PrintTarget)
        case retry(jobId: String)
    }

    /// What an action did, for the message line.
    public enum Acted {
        case saved(key: String)
        case materialSet(index: Int, MaterialState)
        case resumed(missing: Int)
        /// `then`: documents to show after `document` (the 告知承诺书 of a 容缺 acceptance).
        case decided(IntakeDecision, Case, formProblems: Int, document: StoredDocument?, then: [StoredDocument], numberingFailed: String?)
        case fulfilled(index: Int, onTime: Bool)
        case completed(caseNumber: String)
        case document(StoredDocument)
        case printing(jobId: String, label: String)
        case retrying(jobId: String)
    }

    public enum Outcome {
        case loaded(Snapshot)
        case loadFailed(String)
        case typedSaved(failed: String?)
        case acted(Acted, Snapshot?)
        case failed(String, Snapshot?)
    }

    public enum Destination {}
    public typealias Effects = [ModelEffect<Command, Destination>]

    /// Marks the focused row of the form, left of its label.
    public static let focusMarker = ">"
    /// A pause in typing of this long saves the field as typed.
    static let saveAfterPause: TimeInterval = 1

    public static func title(_ s: State) -> String { "受理 · " + (s.c.map { "\($0.caseNumber)（\($0.status.label)）" } ?? "办件") }
    public static func message(_ s: State) -> StatusMessage? { s.message }
    public static func isTypingText(_ s: State) -> Bool { s.tab == .form || s.modalTakesText }
    public static func keyBar(_ s: State) -> [KeyBarItem] { keys.keyBar(s) }

    public static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> Effects {
        switch event {
        case .started: return load(&state)
        case .storeChanged, .resumed: return load(&state)
        case .resize: return []
        case .tick(let now):
            state.now = now
            return state.saveAsTyped()
        case .done(let outcome):
            return landed(outcome, &state)
        case .key(let key):
            // Keys typed before the case is there (the clerk types as soon as the form appears)
            // or while an action runs wait, and are handled in order when it lands.
            guard state.pending == 0, state.firstLoadLanded else { state.held.append(key); return [] }
            return state.handle(key)
        }
    }

    static func load(_ state: inout State) -> Effects {
        state.loads.ask() ? [.run(.load(form: state.fields.isEmpty))] : []
    }

    static func landed(_ outcome: Outcome, _ state: inout State) -> Effects {
        var effects: Effects = []
        switch outcome {
        case .loaded(let snapshot):
            state.apply(snapshot)
            state.firstLoadLanded = true
            if state.loads.landed() { effects += load(&state) }
        case .loadFailed(let why):
            state.message = .error(why)
            state.firstLoadLanded = true
            if state.loads.landed() { effects += load(&state) }
        case .typedSaved(let failed):
            if let failed { state.message = .error(failed) }
            return []
        case .failed(let why, let snapshot):
            state.pending = max(0, state.pending - 1)
            if let snapshot { state.apply(snapshot) }
            state.message = .error(why)
        case .acted(let acted, let snapshot):
            state.pending = max(0, state.pending - 1)
            state.before(acted)
            if let snapshot { state.apply(snapshot) }
            effects += state.after(acted)
        }
        return effects + state.replayHeld()
    }
}

extension IntakeCase.State {
    typealias Effects = IntakeCase.Effects

    /// The keys typed while an action ran, handled in order now that it answered.
    mutating func replayHeld() -> Effects {
        var effects: Effects = []
        while pending == 0, !held.isEmpty { effects += handle(held.removeFirst()) }
        return effects
    }

    /// The store's case in place of the shown one; the editor keeps what the clerk is typing.
    mutating func apply(_ s: IntakeCase.Snapshot) {
        if let form = s.form, fields.isEmpty { fields = form.fields; types = form.types }
        c = s.c
        now = max(now, s.readAt)
        notices = s.notices.sorted { $0.createdAt < $1.createdAt }
        history = s.history
        if let i = historyIndex { historyIndex = min(i, max(0, history.count - 1)) }
        reportWatchedJob()
        validateAll()
        if editorKey == nil || (editor.text == editorOriginal && s.c.form[editorKey!] ?? "" != editorOriginal) {
            loadEditor()
        }
    }

    mutating func handle(_ key: Key) -> Effects {
        if modal != nil { return handleModal(key) }
        // On the form, everything but function keys and Esc is typing.
        if tab == .form, !key.isCommandKey { return handleForm(key) }
        switch IntakeCase.keys.dispatch(key, self) {
        case .run(let action): return run(action, key: key)
        case .refused(let why):
            if let effects = handleTab(key) { return effects }
            message = .error(why)
            return []
        case .notInTable:
            return handleTab(key) ?? []
        }
    }

    /// Keys that only mean something on the tab shown (moving, the notice keys, F4 只看缺件);
    /// nil when the tab has no use for the key.
    mutating func handleTab(_ key: Key) -> Effects? {
        switch tab {
        case .form: return nil
        case .history: return handleHistoryTab(key)
        case .materials: return handleMaterialsTab(key)
        case .notices: return handleNoticesTab(key)
        }
    }

    mutating func run(_ action: IntakeCase.KeyAction, key: Key) -> Effects {
        switch action {
        case .back:
            return commitField() + [.close(nil)]
        case .tab(let t):
            let saving = commitField()
            tab = t
            if t == .notices { noticeIndex = max(0, notices.count - 1) }
            // A save answers without the case (no key waits for a re-read), so the history is
            // read again when it is shown.
            return saving + (t == .history ? IntakeCase.load(&self) : [])
        case .decide:
            return commitField() + startDecision()
        case .resume:
            return commitField() + act(.resume)
        case .receipt:
            return commitField() + act(.receipt)
        case .complete:
            modal = .complete(InputDialog(title: "办结：结果已送达或由申请人领取", prompt: "说明（可空）：", field: TextField(maxLength: 100)))
            return []
        case .mark:
            return markMaterial(key)
        case .fulfil:
            return fulfilSelected()
        }
    }

    /// What an action's answer says, set before the new snapshot is applied (so a print job's
    /// fate, already in the snapshot, is reported on top of "正在打印").
    mutating func before(_ acted: IntakeCase.Acted) {
        switch acted {
        case .printing(let jobId, let label):
            watchedJob = jobId
            message = .info("正在打印\(label)…")
        case .retrying(let jobId):
            watchedJob = jobId
            message = .info("正在重试打印…")
        default: break
        }
    }

    mutating func after(_ acted: IntakeCase.Acted) -> Effects {
        switch acted {
        case .saved(let key):
            if errors[key] == nil, let f = fields.first(where: { $0.key == key }) { message = .info("已保存：\(f.label)") }
        case .materialSet(let index, let newState):
            materialSet(index, newState)
        case .resumed(let missing):
            tab = .materials
            onlyMissing = true
            material = 0
            message = .info("继续受理：表单和已收材料保持不变，请核验所缺的\(missing)项材料")
        case .decided(let decision, let c, let wrong, let document, let then, let numberingFailed):
            decided(decision, c, formProblems: wrong)
            nextPreviews = then
            if let document { modal = .preview(document, offset: 0) } else { showNextPreview() }
            if let numberingFailed { message = .error(numberingFailed) }
        case .fulfilled(let index, let onTime):
            let name = c?.checks.indices.contains(index) == true ? c!.checks[index].materialName : ""
            message = .info("已登记补交：\(name)（\(onTime ? "按期" : "逾期")）")
        case .completed(let number):
            message = .info("\(number) 已办结")
        case .document(let doc):
            modal = .preview(doc, offset: 0)
        case .printing, .retrying:
            break
        }
        return []
    }
}

extension Key {
    /// Function keys and Esc command the screen; everything else may be typed into a field.
    var isCommandKey: Bool {
        switch self {
        case .function, .escape: return true
        default: return false
        }
    }
}
