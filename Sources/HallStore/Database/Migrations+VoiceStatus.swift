import GRDB

extension Migrations {
    /// Issue 12, must-deliver 6: a board whose voice does not play says so on the board; it also
    /// records it here, one row per board terminal, so the supervisor's dashboard can say so too.
    static func registerVoiceStatus(_ m: inout DatabaseMigrator) {
        m.registerMigration("v13-queue-voice-status") { db in
            try db.execute(sql: "CREATE TABLE voice_status (terminal TEXT PRIMARY KEY, problem TEXT, since REAL NOT NULL)")
        }
    }
}
