import GRDB

extension Migrations {
    /// Issue 16, must-deliver 3: the seq of the audit entry the centre last anchored for this
    /// node, so the next handshake proves the chain still runs through it (SyncClient).
    static func registerAuditAnchor(_ m: inout DatabaseMigrator) {
        m.registerMigration("v15-x15-audit-anchor") { db in
            try db.execute(sql: "ALTER TABLE sync_state ADD COLUMN audit_anchor_seq INTEGER")
        }
    }
}
