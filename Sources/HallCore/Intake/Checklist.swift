import Foundation

/// 一窗受理 of a bundle: the matters as the case cites them, and one checklist for all of them.
extension Matter {
    /// The matter frozen into the case (a later catalog re-import does not change an open case).
    public var caseMatter: CaseMatter {
        CaseMatter(code: code, version: version, name: name, promisedWorkingDays: promisedWorkingDays)
    }
}

/// One checklist for several matters. A material several matters ask for (the applicant's 身份证,
/// the business licence) is asked once, as the applicant hands it over once: the largest count of
/// originals and copies wins, it is required if any matter requires it, tolerable (容缺) only if
/// every matter tolerates it, and replaceable by an electronic licence only if all agree on one.
/// The line keeps the first matter's code; `note` lists the other matters that share it.
/// A material an earlier matter of the list issues (its `results`) is not asked of the applicant.
public func mergedChecklist(for matters: [Matter]) -> [MaterialCheck] {
    var out: [MaterialCheck] = []
    var index: [String: Int] = [:]
    var produced = Set<String>()
    for matter in matters {
        defer { produced.formUnion(matter.results?.materials ?? []) }
        for m in matter.materials where !produced.contains(m.name.trimmingCharacters(in: .whitespaces)) {
            let key = m.name.trimmingCharacters(in: .whitespaces)
            if let i = index[key] {
                var c = out[i]
                c.requiredOriginals = max(c.requiredOriginals, m.originals)
                c.requiredCopies = max(c.requiredCopies, m.copies)
                c.isRequired = c.isRequired || m.required
                c.isTolerable = c.isTolerable && m.tolerable
                if c.electronicLicence != m.electronicLicence { c.electronicLicence = nil }
                // Shared under 容缺: the shorter period binds (both matters wait for the paper).
                c.commitmentWorkingDays = [c.commitmentWorkingDays, m.toleranceWorkingDays].compactMap { $0 }.min()
                if c.matterCode != matter.code, !(c.note ?? "").contains(matter.name) {
                    c.note = (c.note.map { $0 + "、" } ?? "共用：") + matter.name
                }
                out[i] = c
            } else {
                index[key] = out.count
                var check = MaterialCheck(matterCode: matter.code, materialName: key, requiredOriginals: m.originals,
                                          requiredCopies: m.copies, isRequired: m.required, isTolerable: m.tolerable,
                                          electronicLicence: m.electronicLicence)
                check.commitmentWorkingDays = m.toleranceWorkingDays
                out.append(check)
            }
        }
    }
    return out
}

/// The merged form of a case: every matter's fields asked once, then the agent (代办人) lines,
/// which apply to any matter when someone applies on the applicant's behalf.
public func caseForm(for matters: [Matter]) -> [FormField] {
    var fields = mergedForm(for: matters)
    for key in ["agent.name", "agent.idNumber"] where !fields.contains(where: { $0.key == key }) {
        if var f = FormField.standard[key] { f.required = false; fields.append(f) }
    }
    return fields
}
