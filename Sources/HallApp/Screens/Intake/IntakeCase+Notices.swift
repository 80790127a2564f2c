import Foundation
import HallCore
import HallStore
import Printing
import TerminalUI

/// The case's notices: preview before printing, print, 补打 and retry, with each job's fate.
extension IntakeCase.State {
    /// The selected row, as what to print or show: its document, or the notice still to number.
    var selectedTarget: IntakeCase.PrintTarget? {
        guard notices.indices.contains(noticeIndex) else { return nil }
        let row = notices[noticeIndex]
        if let d = row.document { return .document(d.id) }
        return row.notice.map { .notice($0.id) }
    }

    mutating func handleNoticesTab(_ key: Key) -> Effects? {
        switch key {
        case .up, .left: noticeIndex = max(0, noticeIndex - 1)
        case .down, .right: noticeIndex = min(max(0, notices.count - 1), noticeIndex + 1)
        case .enter:
            guard notices.indices.contains(noticeIndex) else { return [] }
            let row = notices[noticeIndex]
            if let d = row.document { modal = .preview(d, offset: 0) }
            else if let n = row.notice { return act(.preview(noticeId: n.id)) }
        case .character("p"), .character("P"):
            if let target = selectedTarget { return act(.print(target)) }
        case .character("r"), .character("R"):
            guard notices.indices.contains(noticeIndex) else { return [] }
            guard let job = notices[noticeIndex].lastJob, job.status.needsRetry else {
                message = .error("这份文书没有失败的打印任务；再打一份请按 P（补打）")
                return []
            }
            return act(.retry(jobId: job.id))
        default: return nil
        }
        return []
    }

    /// Tells the fate of the job this screen started, once the store has it.
    mutating func reportWatchedJob() {
        guard let id = watchedJob, let row = notices.first(where: { $0.lastJob?.id == id }),
              let job = row.lastJob, let doc = row.document, job.status != .pending else { return }
        watchedJob = nil
        let text = PrintDesk.describe(job, of: doc)
        message = job.status == .failed ? .error(text) : .info(text)
    }

    mutating func handlePreview(_ key: Key, _ doc: StoredDocument, offset: Int) -> Effects {
        switch key {
        case .up: modal = .preview(doc, offset: max(0, offset - 1))
        case .down: modal = .preview(doc, offset: offset + 1)
        case .pageUp: modal = .preview(doc, offset: max(0, offset - 10))
        case .pageDown, .character(" "): modal = .preview(doc, offset: offset + 10)
        case .enter, .character("p"), .character("P"):
            showNextPreview()
            return act(.print(.document(doc.id)))
        case .escape:
            showNextPreview()
            message = .info("\(doc.kind.label)未打印；可在 F8 文书 中按 P 打印")
        default: break
        }
        return []
    }

    /// Closes the preview, or shows the next document issued with it (the 告知承诺书 after the
    /// 受理通知书), so each is printed or passed over in turn.
    mutating func showNextPreview() {
        modal = nextPreviews.isEmpty ? nil : .preview(nextPreviews.removeFirst(), offset: 0)
    }
}
