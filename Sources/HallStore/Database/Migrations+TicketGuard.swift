import GRDB

extension Migrations {
    /// Tickets are legal records too (issue 16): no code path deletes one, and a finished ticket is
    /// never changed again, so triggers refuse both. `yichuang doctor` also checks tickets against
    /// the queue events and the audit log, and the triggers against the expected schema.
    static func registerTicketGuard(_ m: inout DatabaseMigrator) {
        m.registerMigration("v12-ticket-guard") { db in
            try db.execute(sql: """
            CREATE TRIGGER ticket_no_delete BEFORE DELETE ON ticket
                BEGIN SELECT RAISE(ABORT, 'ticket is never deleted'); END;
            CREATE TRIGGER ticket_finished_frozen BEFORE UPDATE ON ticket
                WHEN OLD.status = 'finished' AND (
                    NEW.id IS NOT OLD.id OR NEW.hall_id IS NOT OLD.hall_id OR NEW.number IS NOT OLD.number
                    OR NEW.service_id IS NOT OLD.service_id OR NEW.service_day IS NOT OLD.service_day
                    OR NEW.priority IS NOT OLD.priority OR NEW.status IS NOT OLD.status
                    OR NEW.issued_at IS NOT OLD.issued_at OR NEW.enqueued_at IS NOT OLD.enqueued_at
                    OR NEW.queue_order IS NOT OLD.queue_order OR NEW.called_at IS NOT OLD.called_at
                    OR NEW.finished_at IS NOT OLD.finished_at OR NEW.window_number IS NOT OLD.window_number
                    OR NEW.target_window_number IS NOT OLD.target_window_number
                    OR NEW.recall_count IS NOT OLD.recall_count OR NEW.slot_start IS NOT OLD.slot_start
                    OR NEW.is_walk_up IS NOT OLD.is_walk_up OR NEW.note IS NOT OLD.note
                    OR NEW.defer_calls_left IS NOT OLD.defer_calls_left OR NEW.defer_until IS NOT OLD.defer_until)
                BEGIN SELECT RAISE(ABORT, 'a finished ticket is never changed'); END;
            """)
        }
    }
}
