import Foundation

// Assembling one `Matter` from a `RawMatter` with the field checks of CatalogValidator.swift:
// the cross-field rules (duplicate codes, 即办件/承诺件 against the promised limit, promised
// against statutory limit, duplicate materials) live here, apart from the single-field checks.

extension CatalogValidator {
    /// Builds a matter, or nil when anything about it is wrong (every problem recorded).
    mutating func matter(_ r: RawMatter) -> Matter? {
        let before = issues.count
        let l = r.line
        func f(_ c: CatalogColumn) -> String { r.fieldName(c) }
        let name = text(r.values[.name], line: l, field: f(.name), required: true, long: false)
        let basic = code(r.values[.basicCode], line: l, field: f(.basicCode), maxLength: 10, label: "基本编码")
        let impl = code(r.values[.implementationCode], line: l, field: f(.implementationCode), maxLength: 24, label: "实施编码")
        if !impl.isEmpty {
            if let first = seenCodes[impl] {
                add(l, f(.implementationCode), "实施编码\(impl)重复：第\(first.line)行的“\(first.name)”已使用")
            } else {
                seenCodes[impl] = (l, name)
            }
        }
        let type = matterType(r.values[.type], line: l, field: f(.type))
        let basis = text(r.values[.legalBasis], line: l, field: f(.legalBasis), required: true, long: true)
        let level = text(r.values[.level], line: l, field: f(.level), required: false, long: false)
        let body = text(r.values[.implementingBody], line: l, field: f(.implementingBody), required: true, long: false)
        let credit = creditCode(r.values[.creditCode], line: l, field: f(.creditCode))
        let statutory = limit(r.values[.statutoryLimit], line: l, field: f(.statutoryLimit), required: false)
        let promised = limit(r.values[.promisedLimit], line: l, field: f(.promisedLimit), required: true)
        var caseType: Matter.CaseType? = promised.map { $0.value == 0 ? .immediate : .promised }
        let ct = text(r.values[.caseType], line: l, field: f(.caseType), required: false, long: false)
        switch ct {
        case "": break
        case "即办件", "即办", "immediate", "1": caseType = .immediate
        case "承诺件", "承诺", "promised", "2": caseType = .promised
        default: add(l, f(.caseType), "办件类型应为“即办件”或“承诺件”，现为“\(ct)”")
        }
        if let p = promised, let c = caseType {
            if c == .immediate && p.value > 0 { add(l, f(.promisedLimit), "即办件的承诺时限应为0，现为\(p.label)") }
            if c == .promised && p.value == 0 { add(l, f(.promisedLimit), "承诺件须填写承诺时限（大于0）") }
            if let s = statutory, s.unit == p.unit, p.value > s.value {
                add(l, f(.promisedLimit), "承诺时限\(p.label)长于法定时限\(s.label)")
            }
        }
        let conditions = text(r.values[.acceptanceConditions], line: l, field: f(.acceptanceConditions), required: false, long: true)
        let procedure = text(r.values[.procedure], line: l, field: f(.procedure), required: false, long: true)
        let charged = bool(r.values[.feeCharged], line: l, field: f(.feeCharged), default: false)
        let feeBasis = text(r.values[.feeBasis], line: l, field: f(.feeBasis), required: charged, long: true)
        let object = serviceObject(r.values[.serviceObject], line: l, field: f(.serviceObject))
        let place = text(r.values[.place], line: l, field: f(.place), required: false, long: true)
        let hours = text(r.values[.hours], line: l, field: f(.hours), required: false, long: true)
        let enquiry = phone(r.values[.enquiryPhone], line: l, field: f(.enquiryPhone))
        let complaint = phone(r.values[.complaintPhone], line: l, field: f(.complaintPhone))
        let fields = r.formFields ?? formFields(r.values[.formFields], line: l, field: f(.formFields))

        var materials: [MaterialRequirement] = []
        var materialLines: [String: Int] = [:]
        for (i, m) in r.materials.enumerated() {
            func mf(_ c: CatalogColumn) -> String { r.fieldName(c, material: i) }
            let ml = m.line
            let mname = text(m.values[.materialName], line: ml, field: mf(.materialName), required: true, long: false)
            if !mname.isEmpty, let first = materialLines[mname] {
                add(ml, mf(.materialName), "材料“\(mname)”重复：第\(first)行已列出")
            }
            materialLines[mname] = materialLines[mname] ?? ml
            let originals = int(m.values[.originals], line: ml, field: mf(.originals), range: 0...99, default: 1)
            let copies = int(m.values[.copies], line: ml, field: mf(.copies), range: 0...99, default: 0)
            let required = bool(m.values[.materialRequired], line: ml, field: mf(.materialRequired), default: true)
            let tolerable = bool(m.values[.tolerable], line: ml, field: mf(.tolerable), default: false)
            let toleranceDays = toleranceDays(m.values[.toleranceDays], tolerable: tolerable, line: ml, field: mf(.toleranceDays))
            let licence = text(m.values[.electronicLicence], line: ml, field: mf(.electronicLicence), required: false, long: false)
            let notes = text(m.values[.materialNotes], line: ml, field: mf(.materialNotes), required: false, long: true)
            materials.append(MaterialRequirement(name: mname, originals: originals ?? 1, copies: copies ?? 0, required: required,
                                                 tolerable: tolerable, electronicLicence: licence.isEmpty ? nil : licence,
                                                 notes: notes.isEmpty ? nil : notes, toleranceWorkingDays: toleranceDays))
        }
        let results = self.results(r, fields: fields, materials: materials)
        guard issues.count == before, let type, let promised, let caseType else { return nil }
        return Matter(name: name, basicCode: basic, implementationCode: impl, type: type, legalBasis: basis, level: level,
                      implementingBody: body, implementingBodyCreditCode: credit, statutoryLimit: statutory,
                      promisedLimit: promised, caseType: caseType, acceptanceConditions: conditions, procedure: procedure,
                      fee: Matter.Fee(charged: charged, basis: feeBasis.isEmpty ? nil : feeBasis), serviceObject: object,
                      place: place, hours: hours, enquiryPhone: enquiry, complaintPhone: complaint, materials: materials,
                      version: 1, formFields: fields, results: results)
    }

    /// 补交期限 of a 容缺 material: working days after acceptance ("5" or "5个工作日"); empty: the
    /// hall's default (`CommitmentRules.defaultWorkingDays`). Deadlines are counted in working
    /// days (行政许可法 §82), so natural days are refused rather than converted.
    mutating func toleranceDays(_ raw: String?, tolerable: Bool, line: Int, field: String) -> Int? {
        guard let limit = limit(raw, line: line, field: field, required: false) else { return nil }
        guard limit.unit == .workingDays else {
            add(line, field, "补交期限按工作日计算，应写如“5”或“5个工作日”，现为“\(raw ?? "")”"); return nil
        }
        guard (1...60).contains(limit.value) else {
            add(line, field, "补交期限应在1到60个工作日之间，现为\(limit.value)"); return nil
        }
        guard tolerable else {
            add(line, field, "只有容缺材料才有补交期限：请把“容缺”填为“是”，或清空补交期限"); return nil
        }
        return limit.value
    }

    /// 办理结果 and the form keys they settle. A matter cannot ask for what it issues itself.
    mutating func results(_ r: RawMatter, fields: [FormField], materials: [MaterialRequirement]) -> MatterResults {
        func list(_ c: CatalogColumn) -> [String] {
            text(r.values[c], line: r.line, field: r.fieldName(c), required: false, long: true)
                .split(whereSeparator: { "、,，;；\n".contains($0) }).map { String($0).trimmedFast }.filter { !$0.isEmpty }
        }
        let names = list(.resultMaterials), keys = list(.resultFields)
        for key in keys where FormField.standard[key] == nil {
            add(r.line, r.fieldName(.resultFields), "未知的表单字段“\(key)”（须为标准字段键，如 business.creditCode）")
        }
        for name in names where materials.contains(where: { $0.name == name }) {
            add(r.line, r.fieldName(.resultMaterials), "“\(name)”是本事项的办理结果，不能同时列为本事项的申请材料")
        }
        for key in keys where fields.contains(where: { $0.key == key }) {
            add(r.line, r.fieldName(.resultFields), "“\(key)”由本事项的办理结果产生，不能同时向申请人询问")
        }
        return MatterResults(materials: names, fieldKeys: keys)
    }
}
