import Foundation
import GRDB
import HallCore

extension HallStore {
    /// Opens the task for a bad rating. The due date is N working days on the official calendar;
    /// when the calendar for the needed year is missing the task opens without a due date (the
    /// rating must never be lost for it) and the audit entry says why.
    static func openRectification(_ tx: BusinessTransaction, hall: HallInfo, ratingId: String, window: Int, clerkId: String?,
                                  anonymous: Bool, workingDays: Int, calendar: WorkCalendar?) throws {
        let due = try? calendar?.dueDate(acceptedOn: tx.serviceDay, workingDays: workingDays)
        let id = newId()
        let state = Rectification(anonymous: anonymous)
        try tx.db.execute(sql: """
            INSERT INTO rectification_task (id, hall_id, rating_id, window_number, clerk_id, status, due_date, opened_at, updated_at, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, hall.hallId, ratingId, window, clerkId, state.status.rawValue, due, tx.now.timeIntervalSince1970,
                             tx.now.timeIntervalSince1970, jsonText(state)])
        try tx.outbox(.rectification, entityId: id, payload: ["task": id, "rating": ratingId, "action": "opened", "due": due ?? ""])
        try tx.audit(action: "rectification.opened", entity: "rectification_task", entityId: id,
                     detail: "\(window)号窗口差评整改，" + (due.map { "\($0)前完成" } ?? "工作日历缺失，未能计算整改期限"))
    }

    /// One step of the bad-rating loop by a supervisor or admin (they do callbacks and reviews).
    public func rectify(taskId: String, _ action: RectificationAction, by clerk: Clerk, terminal: String) throws {
        guard canSeeRater(clerk.role) else { throw AdminError.notPermitted(.handleRectification, role: HallRole(clerk.role)) }
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)
        try perform(by) { tx, hall in
            guard let r = try Row.fetchOne(tx.db, sql: "SELECT state FROM rectification_task WHERE id = ?", arguments: [taskId]) else {
                throw StoreError.noSuchRectificationTask
            }
            let state = try JSONDecoder().decode(Rectification.self, from: Data((r["state"] as String).utf8))
            let next: Rectification
            next = try state.applying(action)   // RectificationError: typed, worded in HallCore
            try tx.db.execute(sql: "UPDATE rectification_task SET status = ?, state = ?, updated_at = ? WHERE id = ?",
                              arguments: [next.status.rawValue, jsonText(next), tx.now.timeIntervalSince1970, taskId])
            let eventId = newId()
            try tx.db.execute(sql: """
                INSERT INTO rectification_event (id, hall_id, task_id, kind, action, at, clerk_id, clerk_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [eventId, hall.hallId, taskId, action.kind, jsonText(action), tx.now.timeIntervalSince1970, clerk.id, clerk.number])
            struct Payload: Encodable { let task: String; let event: String; let action: RectificationAction }
            try tx.outbox(.rectification, entityId: taskId, payload: Payload(task: taskId, event: eventId, action: action))
            // The audit text names the step, not what the rater said (personal data stays in the task).
            try tx.audit(action: "rectification.\(action.kind)", entity: "rectification_task", entityId: taskId,
                         detail: "差评整改：\(next.status.label)")
        }
    }

    /// Tasks for the supervisor: open ones first (overdue first), then recently closed.
    /// The rater's identity is filled in only for readers who do callbacks.
    public func rectificationTasks(reader: Clerk, includeClosed: Bool = false) throws -> [RectificationTask] {
        let today = try hall().calendar.dayKey(clock.now())
        let show = canSeeRater(reader.role)
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT t.id AS task_id, t.due_date, t.state, t.opened_at, r.* FROM rectification_task t JOIN rating r ON r.id = t.rating_id
                \(includeClosed ? "" : "WHERE t.status NOT IN ('closed', 'annulled')")
                ORDER BY t.opened_at
                """)
            return try rows.map { row in
                let rating = try RatingRecord(row: row, showRater: show)
                let state = try JSONDecoder().decode(Rectification.self, from: Data((row["state"] as String).utf8))
                let due: String? = row["due_date"]
                let events = try Row.fetchAll(db, sql: "SELECT action, at FROM rectification_event WHERE task_id = ? ORDER BY seq", arguments: [row["task_id"] as String])
                let history = events.compactMap { e -> (Date, String)? in
                    guard let a = try? JSONDecoder().decode(RectificationAction.self, from: Data((e["action"] as String).utf8)) else { return nil }
                    return (Date(timeIntervalSince1970: e["at"]), a.label)
                }
                return RectificationTask(id: row["task_id"], ratingId: rating.id, windowNumber: rating.windowNumber, clerkNumber: rating.clerkNumber,
                                         level: rating.level, reasons: rating.reasons, text: rating.text, rater: rating.rater, anonymous: rating.anonymous,
                                         dueDate: due, state: state, openedAt: Date(timeIntervalSince1970: row["opened_at"]),
                                         overdue: state.isOverdue(due: due, today: today), history: history)
            }.sorted { ($0.overdue ? 0 : 1, $0.openedAt) < ($1.overdue ? 0 : 1, $1.openedAt) }
        }
    }
}
