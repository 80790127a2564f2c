import GRDB

/// Append-only: never edit a migration that has shipped; add a new one.
enum Migrations {
    static func migrator() -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-queue") { db in
            try db.execute(sql: """
            CREATE TABLE hall (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL DEFAULT 'hall',
                time_zone TEXT NOT NULL,
                policy TEXT NOT NULL,
                created_at REAL NOT NULL
            );
            -- This node: its device id for sync and the last HLC timestamp it issued.
            CREATE TABLE node (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                hall_id TEXT NOT NULL,
                device_id TEXT NOT NULL,
                hlc_last TEXT
            );
            CREATE TABLE service (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                code TEXT NOT NULL,
                prefix TEXT NOT NULL,
                name TEXT NOT NULL,
                target_wait_minutes INTEGER NOT NULL,
                max_queue INTEGER NOT NULL,
                warn_queue INTEGER NOT NULL,
                sort_order INTEGER NOT NULL,
                UNIQUE (hall_id, code),
                UNIQUE (hall_id, prefix)
            );
            CREATE TABLE hall_window (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                number INTEGER NOT NULL,
                name TEXT NOT NULL,
                UNIQUE (hall_id, number)
            );
            CREATE TABLE window_service (
                window_id TEXT NOT NULL REFERENCES hall_window(id),
                service_id TEXT NOT NULL REFERENCES service(id),
                hall_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (window_id, service_id)
            );
            CREATE TABLE clerk (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                number TEXT NOT NULL,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                pin_hash TEXT NOT NULL,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until REAL,
                active INTEGER NOT NULL DEFAULT 1,
                UNIQUE (hall_id, number)
            );
            CREATE TABLE window_state (
                window_id TEXT PRIMARY KEY REFERENCES hall_window(id),
                hall_id TEXT NOT NULL,
                status TEXT NOT NULL,
                clerk_id TEXT REFERENCES clerk(id),
                current_ticket_id TEXT,
                since REAL NOT NULL,
                signed_in_at REAL
            );
            CREATE TABLE ticket (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                number TEXT NOT NULL,
                service_id TEXT NOT NULL REFERENCES service(id),
                service_day TEXT NOT NULL,
                priority TEXT NOT NULL,
                status TEXT NOT NULL,
                issued_at REAL NOT NULL,
                enqueued_at REAL NOT NULL,
                queue_order REAL NOT NULL,
                called_at REAL,
                finished_at REAL,
                window_number INTEGER,
                target_window_number INTEGER,
                recall_count INTEGER NOT NULL DEFAULT 0,
                slot_start REAL,
                is_walk_up INTEGER NOT NULL DEFAULT 0,
                note TEXT,
                UNIQUE (hall_id, service_day, number)
            );
            CREATE INDEX ticket_queue ON ticket (status, service_id, queue_order);
            CREATE INDEX ticket_day ON ticket (service_day, status);
            CREATE TABLE day_counter (
                hall_id TEXT NOT NULL,
                service_id TEXT NOT NULL,
                day TEXT NOT NULL,
                last INTEGER NOT NULL,
                PRIMARY KEY (hall_id, service_id, day)
            );
            CREATE TABLE appointment (
                id TEXT PRIMARY KEY,
                hall_id TEXT NOT NULL,
                service_id TEXT NOT NULL REFERENCES service(id),
                applicant_name TEXT NOT NULL,
                phone TEXT NOT NULL,
                slot_start REAL NOT NULL,
                slot_end REAL NOT NULL,
                check_in_code TEXT NOT NULL,
                status TEXT NOT NULL,
                ticket_id TEXT,
                UNIQUE (hall_id, check_in_code)
            );
            -- Append-only facts; metrics, the board and the history derive from these.
            CREATE TABLE queue_event (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                hall_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                at REAL NOT NULL,
                service_day TEXT NOT NULL,
                ticket_id TEXT,
                ticket_number TEXT,
                service_id TEXT,
                window_number INTEGER,
                clerk_id TEXT,
                wait_seconds REAL,
                detail TEXT
            );
            CREATE INDEX queue_event_day ON queue_event (service_day, kind);
            CREATE INDEX queue_event_at ON queue_event (at);
            CREATE TRIGGER queue_event_no_update BEFORE UPDATE ON queue_event
                BEGIN SELECT RAISE(ABORT, 'queue_event is append-only'); END;
            CREATE TRIGGER queue_event_no_delete BEFORE DELETE ON queue_event
                BEGIN SELECT RAISE(ABORT, 'queue_event is append-only'); END;
            -- Sync outbox: gap-free per-device seq; only the server's answer sets acked_at.
            CREATE TABLE outbox (
                seq INTEGER PRIMARY KEY,
                op_id TEXT NOT NULL UNIQUE,
                hall_id TEXT NOT NULL,
                device_id TEXT NOT NULL,
                hlc TEXT NOT NULL,
                wall_time REAL NOT NULL,
                schema_version INTEGER NOT NULL,
                kind TEXT NOT NULL,
                entity_id TEXT,
                payload TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                acked_at REAL
            );
            CREATE INDEX outbox_pending ON outbox (acked_at, seq);
            -- 留痕: append-only and hash-chained, so a change after the fact is detectable.
            CREATE TABLE audit_entry (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                hall_id TEXT NOT NULL,
                at REAL NOT NULL,
                clerk_id TEXT,
                clerk_number TEXT,
                terminal TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT,
                detail TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;
            """)
        }
        m.registerMigration("v2-call-order-index") { db in
            try db.execute(sql: """
            CREATE INDEX ticket_line ON ticket (status, service_id, priority, service_day, queue_order);
            -- A hall that keeps its queue overnight reads its lines without the day.
            CREATE INDEX ticket_line_overnight ON ticket (status, service_id, priority, queue_order);
            CREATE INDEX ticket_target ON ticket (target_window_number, status) WHERE target_window_number IS NOT NULL;
            """)
        }
        registerCalendar(&m)     // Migrations+Calendar.swift
        registerCatalog(&m)      // Migrations+Catalog.swift
        registerCases(&m)        // Migrations+Cases.swift
        registerCaseIndexes(&m)  // Migrations+CaseIndexes.swift
        registerDocuments(&m)    // Migrations+Documents.swift
        registerRatings(&m)      // Migrations+Ratings.swift
        registerSync(&m)         // Migrations+Sync.swift
        registerQueueDeferral(&m) // Migrations+QueueDeferral.swift
        registerTicketGuard(&m)   // Migrations+TicketGuard.swift
        registerAdmin(&m)         // Migrations+Admin.swift
        registerWindowChoice(&m)  // Migrations+WindowChoice.swift
        registerVoiceStatus(&m)   // Migrations+VoiceStatus.swift
        registerCaseIntakeQ(&m)   // Migrations+CaseIntakeQ.swift
        registerCommitments(&m)   // Migrations+Commitments.swift
        registerCaseSearchX14b(&m) // Migrations+CaseSearchX14b.swift
        registerCatalogGenerations(&m)   // Migrations+CatalogGenerations.swift (x16)
        registerAuditAnchor(&m)   // Migrations+AuditAnchor.swift
        return m
    }
}
