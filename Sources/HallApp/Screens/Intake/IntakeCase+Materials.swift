import Foundation
import HallCore
import HallStore
import TerminalUI

/// The materials tab: moving down the checklist and settling each line.
extension IntakeCase.State {
    mutating func handleMaterialsTab(_ key: Key) -> Effects? {
        let visible = visibleMaterials
        switch key {
        case .up: material = max(0, material - 1)
        case .down: material = min(max(0, visible.count - 1), material + 1)
        case .function(4), .character("f"), .character("F"):
            onlyMissing.toggle(); material = 0
            message = .info(onlyMissing ? "只显示尚缺的材料" : "显示全部材料")
        default: return nil
        }
        return []
    }

    /// 0–5 on the selected line (the key table let it through: materials tab, case editable).
    mutating func markMaterial(_ key: Key) -> Effects {
        guard case .character(let ch) = key, let digit = ch.wholeNumberValue else { return [] }
        let visible = visibleMaterials
        guard visible.indices.contains(material), let c else { return [] }
        let index = visible[material]
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
            modal = .counts(InputDialog(title: "收到的份数：\(check.materialName)", prompt: "原件 复印件：",
                                        field: TextField(text: current, maxLength: 7, allowed: { $0.isNumber || $0 == " " })), index: index)
            return []
        }
        return act(.setMaterial(index: index, newState))
    }

    /// After a line is settled, go to the next line still to look at, as a clerk works down the pile.
    mutating func materialSet(_ index: Int, _ newState: MaterialState) {
        let name = c?.checks[index].materialName ?? ""
        message = .info("\(name)：\(newState.label)")
        let visible = visibleMaterials
        if let next = visible.firstIndex(where: { $0 > index && (c?.checks[$0].state == .pending || c?.checks[$0].shortfall != nil) }) {
            material = next
        } else {
            material = min(material, max(0, visible.count - 1))
        }
    }
}

/// 容缺 after acceptance: each tolerated line's deadline, and 补交 when the applicant hands it in.
extension IntakeCase.State {
    /// B on the selected line: records that its 容缺 material was handed in.
    mutating func fulfilSelected() -> Effects {
        let visible = visibleMaterials
        guard let c, visible.indices.contains(material) else { return [] }
        let index = visible[material]
        let line = c.checks[index]
        guard line.state == .toleratedWithCommitment, line.commitmentDue != nil else {
            message = .error("第\(index + 1)项“\(line.materialName)”不是容缺受理的材料：请选中容缺材料再按 B")
            return []
        }
        if let day = line.commitmentFulfilledOn {
            message = .error("“\(line.materialName)”已于\(day)补交")
            return []
        }
        return act(.fulfil(index: index))
    }

    /// Whether a tolerated line is still owed past its deadline (shown in red).
    func isOverdue(_ line: MaterialCheck) -> Bool {
        CommitmentRules.overdue([line], today: today).count == 1
    }

    /// The checklist's state column: a tolerated line names its deadline or the day it came in.
    func stateColumn(_ line: MaterialCheck) -> String {
        guard line.state == .toleratedWithCommitment, let due = line.commitmentDue else { return line.state.shortLabel }
        if line.commitmentFulfilledOn != nil { return "容缺·已补交" }
        return isOverdue(line) ? "容缺·逾期\(due.dropFirst(5))" : "容缺·\(due.dropFirst(5))前"
    }

    /// The selected line in words: a tolerated line with its deadline and whether it came in.
    func stateDetail(_ line: MaterialCheck) -> String {
        guard line.state == .toleratedWithCommitment, let due = line.commitmentDue else { return line.state.label }
        if let day = line.commitmentFulfilledOn { return "容缺受理，承诺\(due)前补交，\(day)已补交" }
        return "容缺受理，承诺\(due)前补交" + (isOverdue(line) ? "，已逾期" : "") + "；交来后按 B 登记补交"
    }
}
