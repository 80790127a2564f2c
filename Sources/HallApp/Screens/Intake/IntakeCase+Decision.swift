import Foundation
import HallCore
import HallStore
import TerminalUI

/// The §32 decision at the window and the dialogs around it.
extension IntakeCase {
    /// The choices of the delivery dialog, in its order.
    static let deliveryMethods: [ResultDelivery] = [.windowPickup, .mail, .electronic]

    static func deliveryDialog() -> ChoiceDialog {
        ChoiceDialog(title: "结果送达方式", options: ["窗口领取", "邮寄送达（下一步填写邮寄地址）", "电子送达"])
    }
}

extension IntakeCase.State {
    mutating func startDecision() -> Effects {
        guard let c else { return [] }
        let unchecked = MaterialRules.unchecked(c.checks).count
        let missing = c.missing.count
        let wrong = formProblems(fields, c.form, today: now, calendar: calendar).count
        let toCorrect = missing + wrong
        let choices: [(IntakeCase.DecisionChoice, String)] = unchecked > 0 ? [
            (.accept, "受理（还有\(unchecked)项材料未核验，请先核验）"),
            (.correction, "一次性告知补正（还有\(unchecked)项材料未核验，请先核验）"),
        ] : [
            (.accept, missing == 0 ? "受理（材料齐全）" : "受理（还缺\(missing)项，不能受理）"),
            (.correction, toCorrect == 0 ? "一次性告知补正（材料已齐，无需补正）"
                : "一次性告知补正（一次写明" + [missing > 0 ? "所缺\(missing)项材料" : nil, wrong > 0 ? "申请表\(wrong)处" : nil]
                    .compactMap { $0 }.joined(separator: "、") + "）"),
        ]
        let licensing = !types.isEmpty && types.allSatisfy { $0 == .licensing }
        var others: [(IntakeCase.DecisionChoice, String)] = [
            (.refuse, "不予受理（写明理由和应向哪个机关申请）"),
            (.correctOnSpot, "当场更正（申请材料有可当场更正的错误）"),
        ]
        if licensing { others.append((.noPermitNeeded, "不需要取得行政许可（即时告知，不予受理）")) }
        let all = choices + others
        // §32 binds 行政许可 only; other matters decide under their own 设定依据.
        let title = types.contains(.licensing) ? "受理决定 · 行政许可法第三十二条" : "受理决定"
        modal = .decision(ChoiceDialog(title: title, options: all.map(\.1)), all.map(\.0))
        return []
    }

    mutating func handleModal(_ key: Key) -> Effects {
        guard let open = modal else { return [] }
        switch open {
        case .decision(var d, let choices):
            switch d.handle(key) {
            case .pending: modal = .decision(d, choices)
            case .cancelled: modal = nil
            case .chosen(let i):
                modal = nil
                switch choices[i] {
                case .accept: if settleUncheckedFirst() { return accept() }
                case .correction: if settleUncheckedFirst() { return act(.decide(.requestCorrection)) }
                case .refuse:
                    modal = .refuseReason(InputDialog(title: "不予受理的理由", prompt: "理由：", field: TextField(maxLength: 200)))
                case .correctOnSpot:
                    modal = .correctOnSpot(InputDialog(title: "当场更正的内容", prompt: "内容：", field: TextField(maxLength: 200)))
                case .noPermitNeeded:
                    modal = .noPermitReason(InputDialog(title: "依法不需要取得行政许可的理由", prompt: "理由：", field: TextField(maxLength: 200)))
                }
            }
        case .refuseReason(var d):
            switch d.handle(key) {
            case .pending: modal = .refuseReason(d)
            case .cancelled: modal = nil
            case .submitted(let reason):
                guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { message = .error("请填写不予受理的理由"); modal = .refuseReason(d); return [] }
                let title = types.contains(.licensing) ? "应向哪个机关申请（行政许可事项必填）" : "应向哪个机关申请（不属本机关职权时填写，可空）"
                modal = .refuseAgency(InputDialog(title: title, prompt: "机关：", field: TextField(maxLength: 100)), reason: reason)
            }
        case .refuseAgency(var d, let reason):
            switch d.handle(key) {
            case .pending: modal = .refuseAgency(d, reason: reason)
            case .cancelled: modal = nil
            case .submitted(let agency):
                modal = nil
                let a = agency.trimmingCharacters(in: .whitespaces)
                return act(.decide(.refuse(reason: reason, rightAgency: a.isEmpty ? nil : a)))
            }
        case .correctOnSpot(var d):
            switch d.handle(key) {
            case .pending: modal = .correctOnSpot(d)
            case .cancelled: modal = nil
            case .submitted(let what):
                modal = nil
                return act(.decide(.correctOnSpot(what)))
            }
        case .noPermitReason(var d):
            switch d.handle(key) {
            case .pending: modal = .noPermitReason(d)
            case .cancelled: modal = nil
            case .submitted(let why):
                modal = nil
                return act(.decide(.noPermitNeeded(why)))
            }
        case .counts(var d, let index):
            switch d.handle(key) {
            case .pending: modal = .counts(d, index: index)
            case .cancelled: modal = nil
            case .submitted(let text):
                let numbers = text.split(separator: " ").compactMap { Int($0) }
                guard numbers.count == 2 else { message = .error("请填写两个数：原件份数 复印件份数，如「1 2」"); modal = .counts(d, index: index); return [] }
                modal = nil
                return act(.setMaterial(index: index, .received(originals: numbers[0], copies: numbers[1])))
            }
        case .complete(var d):
            switch d.handle(key) {
            case .pending: modal = .complete(d)
            case .cancelled: modal = nil
            case .submitted(let note):
                modal = nil
                return act(.complete(note: note))
            }
        case .delivery(var d):
            switch d.handle(key) {
            case .pending: modal = .delivery(d)
            case .cancelled:
                modal = nil
                message = .info("未受理：受理前须选定结果送达方式")
            case .chosen(let i):
                let method = IntakeCase.deliveryMethods[i]
                guard method != .mail else { modal = .mailAddress(mailAddressDialog()); return [] }
                modal = nil
                return act(.decide(.accept, delivery: try? CaseDelivery(method)))
            }
        case .mailAddress(var d):
            switch d.handle(key) {
            case .pending: modal = .mailAddress(d)
            case .cancelled: modal = .delivery(IntakeCase.deliveryDialog())     // back to the choice
            case .submitted(let address):
                // The store's own check (an address, at most 200 characters), so the dialog
                // stays open with the reason instead of sending what the store will refuse.
                do {
                    let delivery = try CaseDelivery(.mail, address: address)
                    modal = nil
                    return act(.decide(.accept, delivery: delivery))
                } catch {
                    message = .error(ErrorText.of(error))
                    modal = .mailAddress(d)
                }
            }
        case .preview(let doc, let offset):
            return handlePreview(key, doc, offset: offset)
        }
        return []
    }

    /// The address dialog, filled with the applicant's (or the business's) address from the form.
    func mailAddressDialog() -> InputDialog {
        let known = ["applicant.address", "business.address", "residence.address", "address"].lazy
            .compactMap { self.c?.form[$0] }.first { !$0.isEmpty } ?? ""
        return InputDialog(title: "邮寄送达：收件地址（寄送审批结果）", prompt: "地址：", field: TextField(text: known, maxLength: 200))
    }

    /// Materials never looked at are not "missing": before accepting or telling the applicant what
    /// to add, every required line is settled. Otherwise the checklist opens at the first unchecked
    /// line and the message names them all. Returns whether the decision may go on.
    mutating func settleUncheckedFirst() -> Bool {
        guard let c else { return false }
        let unchecked = MaterialRules.unchecked(c.checks)
        guard let first = unchecked.first, let index = c.checks.firstIndex(of: first) else { return true }
        tab = .materials
        onlyMissing = false
        material = visibleMaterials.firstIndex(of: index) ?? 0
        message = .error("还有\(unchecked.count)项材料未核验：" + unchecked.map(\.materialName).joined(separator: "、")
                         + "。请逐项核验（1收齐 2缺 3容缺 4免提交）后再按 F6")
        return false
    }

    /// Acceptance needs the form complete and valid as well as the materials: the first problem
    /// is shown and the cursor goes to its field.
    mutating func accept() -> Effects {
        guard let c else { return [] }
        let problems = formProblems(fields, c.form, today: now, calendar: calendar)
        if let first = problems.first {
            tab = .form
            if let i = fields.firstIndex(where: { $0.key == first.key }) { focus = i; loadEditor() }
            message = .error("还不能受理：\(first.message)" + (problems.count > 1 ? "（表单共\(problems.count)处待补）" : ""))
            return []
        }
        // How the result reaches the applicant is recorded with the acceptance and printed on it.
        modal = .delivery(IntakeCase.deliveryDialog())
        return []
    }

    /// The message after a decision the store took.
    mutating func decided(_ decision: IntakeDecision, _ c: Case, formProblems wrong: Int) {
        switch decision {
        case .accept:
            let owed = CommitmentRules.outstanding(c.checks)
            message = .info((c.dueDate.map { "已受理 \(c.caseNumber)，承诺 \($0) 前办结" } ?? "即办件 \(c.caseNumber) 已当场办结")
                            + "；\(c.delivery?.method.label ?? ResultDelivery.windowPickup.label)"
                            + (owed.isEmpty ? "" : "；容缺\(owed.count)项须签承诺书"))
        case .requestCorrection:
            message = .info("已出具一次性告知书：缺\(c.missing.count)项材料" + (wrong > 0 ? "，申请表\(wrong)处待补正" : "")
                            + "；群众补齐后调出本办件按 F7 继续受理")
        case .refuse, .noPermitNeeded: message = .info("已作出不予受理决定 \(c.caseNumber)")
        case .correctOnSpot: message = .info("已记录当场更正，请改正表单或材料后继续")
        }
    }
}
