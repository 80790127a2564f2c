import Foundation
import HallCore
import HallStore
import Printing
import TerminalUI

/// Drawing the case screen: header, tab line, the tab's body, and the modal on top. Pure: it
/// reads the state only.
extension IntakeCase {
    public static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect) {
        state.render(into: &buffer, area: area)
    }
}

extension IntakeCase.State {
    func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard let c else { return }
        renderHeader(c, area: area, into: &buffer)
        renderTabs(c, y: area.y + 1, area: area, into: &buffer)
        let body = Rect(x: area.x + 1, y: area.y + 3, width: area.width - 2, height: area.height - 3)
        switch tab {
        case .form: renderForm(c, in: body, into: &buffer)
        case .materials: renderMaterials(c, in: body, into: &buffer)
        case .history: renderHistory(c, in: body, into: &buffer)
        case .notices: renderNotices(in: body, into: &buffer)
        }
        switch modal {
        case .decision(let d, _)?: d.render(in: area, into: &buffer)
        case .delivery(let d)?: d.render(in: area, into: &buffer)
        case .refuseReason(let d)?, .refuseAgency(let d, _)?, .correctOnSpot(let d)?, .noPermitReason(let d)?, .counts(let d, _)?, .complete(let d)?,
             .mailAddress(let d)?:
            d.render(in: area, into: &buffer)
        case .preview(let doc, let offset)?:
            renderPreview(doc, offset: offset, in: area, into: &buffer)
        case nil: break
        }
    }

    /// The case's top line: once accepted, the promised date, the next 容缺 deadline (red when
    /// passed) and how the result is delivered; then the matters.
    func renderHeader(_ c: Case, area: Rect, into buffer: inout ScreenBuffer) {
        var x = area.x + 1
        func put(_ text: String, _ style: TextStyle) {
            guard x < area.maxX - 1 else { return }
            x += buffer.put(text, x: x, y: area.y, maxWidth: area.maxX - 1 - x, style: style)
        }
        // Short words, so a mailing address still fits at 80 columns.
        if let due = c.dueDate { put("承诺办结 \(due) · ", .bold) }
        let owed = CommitmentRules.outstanding(c.checks)
        if let next = CommitmentRules.nextDue(c.checks) {
            let overdue = CommitmentRules.overdue(c.checks, today: today).count
            put(overdue > 0 ? "容缺逾期\(overdue)项 \(next.dropFirst(5))前" : "容缺\(owed.count)项 \(next.dropFirst(5))前", overdue > 0 ? .warning : .bold)
            put(" · ", .bold)
        }
        if c.status == .accepted || c.status == .completed {
            put("\(c.delivery?.label ?? ResultDelivery.windowPickup.label) · ", .bold)
        }
        put("事项：" + c.matters.map(\.name).joined(separator: "、"), .bold)
    }

    func renderTabs(_ c: Case, y: Int, area: Rect, into buffer: inout ScreenBuffer) {
        let problems = errors.count
        let tabs: [(IntakeCase.Tab, String)] = [
            (.form, "F2 申请表" + (problems > 0 ? "（\(problems)处有误）" : "")),
            (.materials, "F3 材料" + materialsTabNote(c)),
            (.history, "F5 记录"),
            (.notices, "F8 文书（\(notices.count)）"),
        ]
        var x = area.x + 1
        for (tab, label) in tabs where x < area.maxX {
            x += buffer.put(" \(label) ", x: x, y: y, maxWidth: area.maxX - x, style: tab == tab ? .highlight : .plain)
            x += 1
        }
        buffer.put(String(repeating: "─", count: max(0, area.width - 2)), x: area.x + 1, y: y + 1, style: .muted)
    }

    /// "（齐）", "（缺2）", or "（未核验3）" while lines are still to look at: an unchecked line is
    /// not a missing one.
    func materialsTabNote(_ c: Case) -> String {
        let unchecked = MaterialRules.unchecked(c.checks).count
        if unchecked > 0 { return "（未核验\(unchecked)）" }
        return c.missing.isEmpty ? "（齐）" : "（缺\(c.missing.count)）"
    }

    // MARK: form

    func renderForm(_ c: Case, in rect: Rect, into buffer: inout ScreenBuffer) {
        guard rect.height > 2 else { return }
        let labelWidth = min(28, max(12, (fields.map { DisplayWidth.of($0.label) }.max() ?? 10) + 2), rect.width / 2)
        let rows = rect.height - 2
        let first = Table.firstVisibleRow(selected: focus, count: fields.count, visible: rows)
        for i in 0..<rows {
            let index = first + i
            guard fields.indices.contains(index) else { break }
            let f = fields[index]
            let y = rect.y + i
            let focused = index == focus
            let mark = errors[f.key] != nil ? "!" : (f.required ? "*" : " ")
            buffer.put(mark, x: rect.x, y: y, style: errors[f.key] != nil ? .warning : .muted)
            // The field being typed into is unmistakable: a marker and its label highlighted.
            if focused { buffer.put(IntakeCase.focusMarker, x: rect.x + 1, y: y, style: .bold) }
            buffer.put(pad(f.label, toWidth: labelWidth), x: rect.x + 2, y: y, maxWidth: labelWidth, style: focused ? .highlight : .plain)
            let vx = rect.x + 2 + labelWidth + 1
            let vw = rect.maxX - vx
            if focused, editable, let options = Self.options(f.kind) {
                let current = Set(MultiChoice.selected(editor.text, options: options))
                var x = vx
                for (n, o) in options.enumerated() where x < rect.maxX {
                    x += buffer.put("\(n + 1).\(o)", x: x, y: y, maxWidth: rect.maxX - x, style: current.contains(o) ? .highlight : .plain)
                    x += 1
                }
            } else if focused, editable {
                editor.render(x: vx, y: y, width: vw, focused: true, into: &buffer)
            } else {
                let value = focused ? editor.text : (c.form[f.key] ?? "")
                buffer.put(shown(value, kind: f.kind, whole: focused), x: vx, y: y, maxWidth: vw,
                           style: errors[f.key] != nil ? .warning : .plain)
            }
        }
        if let f = focusedField {
            let hint = errors[f.key] ?? Self.hint(for: f)
            buffer.put(hint, x: rect.x, y: rect.maxY - 1, maxWidth: rect.width, style: errors[f.key] != nil ? .warning : .muted)
        }
        if fields.count > rows {
            buffer.put("第\(focus + 1)/\(fields.count)栏", x: rect.maxX - 12, y: rect.maxY - 2, maxWidth: 12, style: .muted)
        }
    }


    /// Identity numbers and phones are masked except in the field the clerk is working on.
    func shown(_ value: String, kind: FormField.Kind, whole: Bool) -> String {
        guard !whole, !value.isEmpty else { return value }
        switch kind {
        case .residentId: return maskIdentityNumber(value)
        case .phone: return maskPhone(value)
        default: return value
        }
    }

    /// The options a choice field shows beside its label; one or several may be chosen.
    static func options(_ kind: FormField.Kind) -> [String]? {
        switch kind {
        case .choice(let options), .multiChoice(let options): return options
        default: return nil
        }
    }

    static func hint(for f: FormField) -> String {
        switch f.kind {
        case .residentId: return "18位居民身份证号码，末位可为X；全角数字、小写x可直接输入"
        case .creditCode: return "18位统一社会信用代码（不含 I O S V Z）"
        case .phone: return "手机号11位，或固定电话：区号-号码"
        case .date: return "日期：如 2026-03-05、20260305 或 2026年3月5日"
        case .pastDate: return "日期（不晚于今天）：如 2026-03-05、20260305 或 2026年3月5日"
        case .personName: return "姓名：汉字或字母，少数民族、外国人姓名用间隔号「·」，不含数字"
        case .bankAccount: return "银行账号：只填数字，可带空格分组"
        case .number: return "只填数字，不带单位"
        case .choice(let options): return "按数字选择：" + options.enumerated().map { "\($0.offset + 1).\($0.element)" }.joined(separator: " ")
        case .multiChoice(let options): return "按数字勾选或取消（可多选）：" + options.enumerated().map { "\($0.offset + 1).\($0.element)" }.joined(separator: " ")
        case .address: return "详细地址：省市县、街道、门牌号"
        case .text: return f.key.hasPrefix("agent.") ? "由他人代办时填写代理人信息" : "回车或↓ 保存并到下一栏"
        }
    }

    // MARK: materials

    func renderMaterials(_ c: Case, in rect: Rect, into buffer: inout ScreenBuffer) {
        let visible = visibleMaterials
        let rows = visible.map { i -> [String] in
            let m = c.checks[i]
            var rule = "原\(m.requiredOriginals)复\(m.requiredCopies)" + (m.isRequired ? "" : " 选交")
            if m.isTolerable { rule += " 可容缺" }
            if m.electronicLicence != nil { rule += " 电子照" }
            return ["\(i + 1)", m.materialName, rule, stateColumn(m)]
        }
        let styles = Dictionary(uniqueKeysWithValues: visible.enumerated().map { n, i -> (Int, TextStyle) in
            let m = c.checks[i]
            if (m.shortfall != nil && m.state != .pending) || isOverdue(m) { return (n, .warning) }
            return (n, m.state == .pending ? .plain : .ok)
        })
        let stateWidth = 16
        let ruleWidth = 18
        Table.render(columns: [TableColumn("序", width: 3), TableColumn("材料", width: max(10, rect.width - stateWidth - ruleWidth - 6)),
                               TableColumn("要求", width: ruleWidth), TableColumn("核验", width: stateWidth)],
                     rows: rows, selected: visible.isEmpty ? nil : material,
                     in: Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 2), into: &buffer, rowStyles: styles)
        if visible.isEmpty {
            buffer.put(onlyMissing ? "所缺材料均已核验；F4 显示全部" : "本办件没有需核验的材料", x: rect.x + 2, y: rect.y + 2, style: .ok)
        }
        let received = c.checks.filter { $0.state != .pending && $0.shortfall == nil }.count
        let unchecked = MaterialRules.unchecked(c.checks).count
        let summary = "共\(c.checks.count)项 · 已核验\(received)项 · " + (unchecked > 0 ? "未核验\(unchecked)项 · " : "")
            + "缺\(c.missing.count - unchecked)项" + (onlyMissing ? " · 只看缺件" : "")
        buffer.put(summary, x: rect.x, y: rect.maxY - 2, maxWidth: rect.width, style: c.missing.isEmpty ? .ok : .bold)
        buffer.put("1收齐 2缺 3容缺 4免提交 5改份数 0未核验 F4只看缺件", x: rect.x + DisplayWidth.of(summary) + 2, y: rect.maxY - 2,
                   maxWidth: max(0, rect.width - DisplayWidth.of(summary) - 2), style: .muted)
        // The selected line in full: long material names are clipped in the table.
        if visible.indices.contains(material) {
            let m = c.checks[visible[material]]
            let detail = "\(visible[material] + 1). \(m.materialName)：\(stateDetail(m))" + (m.electronicLicence.map { "；可用电子证照：\($0)" } ?? "")
                + (m.note.map { "；\($0)" } ?? "")
            buffer.put(detail, x: rect.x, y: rect.maxY - 1, maxWidth: rect.width, style: .muted)
        }
    }

    // MARK: notices

    func renderNotices(in rect: Rect, into buffer: inout ScreenBuffer) {
        guard !notices.isEmpty else {
            buffer.put("本办件还没有文书：作出受理决定（F6）后生成告知书或通知书；F9 出具材料接收凭证", x: rect.x + 1, y: rect.y + 1, maxWidth: rect.width - 2, style: .muted)
            return
        }
        let rows = notices.map { row -> [String] in
            let job = row.lastJob.map { $0.status.label + ($0.isReprint ? "（补打）" : "") + ($0.reason.map { "：" + $0 } ?? "") } ?? "未打印"
            return [calendar.dayKey(row.createdAt) + " " + calendar.timeOfDay(row.createdAt),
                    row.title, row.document?.number ?? "（打开时编号）", job]
        }
        let styles = Dictionary(uniqueKeysWithValues: notices.enumerated().compactMap { i, row in
            row.lastJob?.status == .failed ? (i, TextStyle.warning) : nil })
        Table.render(columns: [TableColumn("时间", width: 19), TableColumn("文书", width: 30), TableColumn("文号", width: 24),
                               TableColumn("打印", width: max(8, rect.width - 76))],
                     rows: rows, selected: noticeIndex, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 1),
                     into: &buffer, rowStyles: styles)
        buffer.put("回车 预览并打印 · P 打印（已打印过为补打） · R 重试失败的打印", x: rect.x, y: rect.maxY - 1, maxWidth: rect.width, style: .muted)
    }

    func renderPreview(_ doc: StoredDocument, offset: Int, in area: Rect, into buffer: inout ScreenBuffer) {
        let box = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height)
        buffer.fill(box)
        let printed = notices.first { $0.document?.id == doc.id }?.lastJob.map { $0.status == .printed || $0.status == .queued } ?? false
        Box.render(box, title: "打印预览 · \(doc.kind.label)" + (printed ? "（已打印过，再打为补打）" : ""), into: &buffer)
        let lines = PlainTextRenderer(width: box.width - 4).render(doc.document)
        let visible = box.height - 3
        let first = min(offset, max(0, lines.count - visible))
        for (i, line) in lines.dropFirst(first).prefix(visible).enumerated() {
            buffer.put(line, x: box.x + 2, y: box.y + 1 + i, maxWidth: box.width - 4)
        }
        let more = lines.count > visible ? "（第\(first + 1)–\(min(lines.count, first + visible))行，共\(lines.count)行，↑↓翻看）" : ""
        buffer.put("回车 打印 · Esc 不打印" + more, x: box.x + 2, y: box.maxY - 2, maxWidth: box.width - 4, style: .bold)
    }
}
