import Foundation
import HallCore
import HallStore
import TerminalUI

/// The case's notices: preview before printing, print, 补打 and retry, with each job's fate.
extension CaseScreen {
    /// After a decision: number the notice and show it as it will print.
    func showNotice(_ notice: NoticeRecord) {
        do {
            let doc = try context.printDesk.document(noticeId: notice.id, by: context.by)
            reload()
            state.modal = .preview(doc, offset: 0)
        } catch { state.message = .from(error) }
    }

    /// 材料接收凭证 for what has been handed in so far.
    func issueReceipt() {
        do {
            let doc = try context.store.issueMaterialsReceipt(caseId: caseId, by: context.by)
            reload()
            state.modal = .preview(doc, offset: 0)
        } catch { state.message = .from(error) }
    }

    /// The selected row's numbered document (a notice is numbered the first time it is shown).
    func selectedDocument() throws -> StoredDocument? {
        guard state.notices.indices.contains(state.noticeIndex) else { return nil }
        let row = state.notices[state.noticeIndex]
        if let d = row.document { return d }
        return try row.notice.map { try context.printDesk.document(noticeId: $0.id, by: context.by) }
    }

    func handleNotices(_ key: Key) {
        switch key {
        case .up, .left: state.noticeIndex = max(0, state.noticeIndex - 1)
        case .down, .right: state.noticeIndex = min(max(0, state.notices.count - 1), state.noticeIndex + 1)
        case .enter:
            do {
                guard let doc = try selectedDocument() else { return }
                reload()
                state.modal = .preview(doc, offset: 0)
            } catch { state.message = .from(error) }
        case .character("p"), .character("P"):
            do {
                guard let doc = try selectedDocument() else { return }
                printDocument(doc)
            } catch { state.message = .from(error) }
        case .character("r"), .character("R"):
            guard state.notices.indices.contains(state.noticeIndex) else { return }
            guard let job = state.notices[state.noticeIndex].lastJob, job.status.needsRetry else {
                state.message = .error("这份文书没有失败的打印任务；再打一份请按 P（补打）")
                return
            }
            do {
                try context.printDesk.retry(jobId: job.id, by: context.by)
                state.watchedJob = job.id
                state.message = .info("正在重试打印…")
                reload()
            } catch { state.message = .from(error) }
        default: break
        }
    }

    /// Sends a document to its printer; the outcome is reported when the job's record changes.
    func printDocument(_ doc: StoredDocument) {
        do {
            state.watchedJob = try context.printDesk.print(documentId: doc.id, by: context.by)
            state.message = .info("正在打印\(doc.kind.label)…")
            reload()
        } catch { state.message = .from(error) }
    }

    func reportWatchedJob() {
        guard let id = state.watchedJob, let row = state.notices.first(where: { $0.lastJob?.id == id }),
              let job = row.lastJob, let doc = row.document, job.status != .pending else { return }
        state.watchedJob = nil
        let text = PrintDesk.describe(job, of: doc)
        state.message = job.status == .failed ? .error(text) : .info(text)
    }

    func handlePreview(_ key: Key, _ doc: StoredDocument, offset: Int) {
        switch key {
        case .up: state.modal = .preview(doc, offset: max(0, offset - 1))
        case .down: state.modal = .preview(doc, offset: offset + 1)
        case .pageUp: state.modal = .preview(doc, offset: max(0, offset - 10))
        case .pageDown, .character(" "): state.modal = .preview(doc, offset: offset + 10)
        case .enter, .character("p"), .character("P"):
            state.modal = nil
            printDocument(doc)
        case .escape:
            state.modal = nil
            state.message = .info("\(doc.kind.label)未打印；可在 F8 文书 中按 P 打印")
        default: state.modal = .preview(doc, offset: offset)
        }
    }

    func renderPreview(_ doc: StoredDocument, offset: Int, in area: Rect, into buffer: inout ScreenBuffer) {
        let box = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height)
        buffer.fill(box)
        let printed = state.notices.first { $0.document?.id == doc.id }?.lastJob.map { $0.status == .printed || $0.status == .queued } ?? false
        Box.render(box, title: "打印预览 · \(doc.kind.label)" + (printed ? "（已打印过，再打为补打）" : ""), into: &buffer)
        let lines = context.printDesk.preview(doc.document, width: box.width - 4)
        let visible = box.height - 3
        let first = min(offset, max(0, lines.count - visible))
        for (i, line) in lines.dropFirst(first).prefix(visible).enumerated() {
            buffer.put(line, x: box.x + 2, y: box.y + 1 + i, maxWidth: box.width - 4)
        }
        let more = lines.count > visible ? "（第\(first + 1)–\(min(lines.count, first + visible))行，共\(lines.count)行，↑↓翻看）" : ""
        buffer.put("回车 打印 · Esc 不打印" + more, x: box.x + 2, y: box.maxY - 2, maxWidth: box.width - 4, style: .bold)
    }
}
