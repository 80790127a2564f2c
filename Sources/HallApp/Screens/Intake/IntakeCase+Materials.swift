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
