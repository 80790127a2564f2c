import Foundation
import HallCore
import HallStore
import TerminalUI

/// The §32 decision at the window and the dialogs around it.
extension CaseScreen {
    func startDecision() {
        guard let c = state.c else { return }
        guard editable else {
            state.message = .error(c.status == .awaitingCorrection ? "待补正的办件请先按 F7 继续受理" : "办件已\(c.status.label)，不能再作受理决定")
            return
        }
        let missing = c.missing.count
        let choices: [(IntakeDecisionChoice, String)] = [
            (.accept, missing == 0 ? "受理（材料齐全）" : "受理（还缺\(missing)项，不能受理）"),
            (.correction, missing == 0 ? "一次性告知补正（材料已齐，无需补正）" : "一次性告知补正（一次写明所缺\(missing)项）"),
            (.refuse, "不予受理（写明理由和应向哪个机关申请）"),
            (.correctOnSpot, "当场更正（申请材料有可当场更正的错误）"),
        ]
        state.modal = .decision(ChoiceDialog(title: "受理决定 · 行政许可法第三十二条", options: choices.map(\.1)), choices.map(\.0))
    }

    func handleModal(_ key: Key) {
        guard let modal = state.modal else { return }
        switch modal {
        case .decision(var d, let choices):
            switch d.handle(key) {
            case .pending: state.modal = .decision(d, choices)
            case .cancelled: state.modal = nil
            case .chosen(let i):
                state.modal = nil
                switch choices[i] {
                case .accept: accept()
                case .correction: decide(.requestCorrection)
                case .refuse:
                    state.modal = .refuseReason(InputDialog(title: "不予受理的理由", prompt: "理由：", field: TextField(maxLength: 200)))
                case .correctOnSpot:
                    state.modal = .correctOnSpot(InputDialog(title: "当场更正的内容", prompt: "内容：", field: TextField(maxLength: 200)))
                }
            }
        case .refuseReason(var d):
            switch d.handle(key) {
            case .pending: state.modal = .refuseReason(d)
            case .cancelled: state.modal = nil
            case .submitted(let reason):
                guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { state.message = .error("请填写不予受理的理由"); state.modal = .refuseReason(d); return }
                state.modal = .refuseAgency(InputDialog(title: "应向哪个机关申请（不属本机关职权时填写，可空）", prompt: "机关：",
                                                        field: TextField(maxLength: 100)), reason: reason)
            }
        case .refuseAgency(var d, let reason):
            switch d.handle(key) {
            case .pending: state.modal = .refuseAgency(d, reason: reason)
            case .cancelled: state.modal = nil
            case .submitted(let agency):
                state.modal = nil
                let a = agency.trimmingCharacters(in: .whitespaces)
                decide(.refuse(reason: reason, rightAgency: a.isEmpty ? nil : a))
            }
        case .correctOnSpot(var d):
            switch d.handle(key) {
            case .pending: state.modal = .correctOnSpot(d)
            case .cancelled: state.modal = nil
            case .submitted(let what):
                state.modal = nil
                decide(.correctOnSpot(what))
            }
        case .counts(var d, let index):
            switch d.handle(key) {
            case .pending: state.modal = .counts(d, index: index)
            case .cancelled: state.modal = nil
            case .submitted(let text):
                let numbers = text.split(separator: " ").compactMap { Int($0) }
                guard numbers.count == 2 else { state.message = .error("请填写两个数：原件份数 复印件份数，如“1 2”"); state.modal = .counts(d, index: index); return }
                state.modal = nil
                setMaterial(index, .received(originals: numbers[0], copies: numbers[1]))
            }
        case .complete(var d):
            switch d.handle(key) {
            case .pending: state.modal = .complete(d)
            case .cancelled: state.modal = nil
            case .submitted(let note):
                state.modal = nil
                do {
                    let c = try context.store.completeCase(caseId: caseId, today: context.today, note: note, by: context.by)
                    reload()
                    state.message = .info("\(c.caseNumber) 已办结")
                } catch { state.message = .from(error) }
            }
        case .preview(let doc, let offset):
            handlePreview(key, doc, offset: offset)
        }
    }

    /// Acceptance needs the form complete and valid as well as the materials: the first problem
    /// is shown and the cursor goes to its field.
    func accept() {
        guard let c = state.c else { return }
        let problems = formProblems(state.fields, c.form, today: context.store.clock.now(), calendar: context.calendar)
        if let first = problems.first {
            state.tab = .form
            if let i = state.fields.firstIndex(where: { $0.key == first.key }) { state.focus = i; loadEditor() }
            state.message = .error("还不能受理：\(first.message)" + (problems.count > 1 ? "（表单共\(problems.count)处待补）" : ""))
            return
        }
        decide(.accept)
    }

    func decide(_ decision: IntakeDecision) {
        do {
            let (c, notice) = try context.store.decide(caseId: caseId, decision, dueDate: context.dueDate, by: context.by)
            reload()
            switch decision {
            case .accept:
                state.message = .info(c.dueDate.map { "已受理 \(c.caseNumber)，承诺 \($0) 前办结" } ?? "即办件 \(c.caseNumber) 已当场办结")
            case .requestCorrection:
                state.message = .info("已出具一次性告知书：缺\(c.missing.count)项；群众补齐后调出本办件按 F7 继续受理")
            case .refuse: state.message = .info("已作出不予受理决定 \(c.caseNumber)")
            case .correctOnSpot: state.message = .info("已记录当场更正，请改正表单或材料后继续")
            }
            if let notice { showNotice(notice) }
        } catch { state.message = .from(error) }
    }
}
