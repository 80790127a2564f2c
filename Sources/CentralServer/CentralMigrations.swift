import Logging
import PostgresNIO

/// The centre's schema, append-only like the hall's. Every table is keyed (hall_id, id) from day
/// one so it can be distributed by hall_id with Citus without rewriting keys.
enum CentralMigrations {
    /// Each entry is one migration; each string one statement (the extended protocol refuses
    /// several statements in one query).
    static let all: [(version: Int, statements: [String])] = [
        (1, [
            """
            CREATE TABLE hall (
                hall_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                PRIMARY KEY (hall_id, id))
            """,
            // Only the SHA-256 of a station token is stored: a leaked table grants nothing.
            """
            CREATE TABLE station_token (
                hall_id TEXT NOT NULL, id TEXT NOT NULL, token_sha256 TEXT NOT NULL, label TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now(), revoked_at TIMESTAMPTZ,
                PRIMARY KEY (hall_id, id))
            """,
            "CREATE INDEX station_token_hash ON station_token (token_sha256)",
            // One row per device: how far its gap-free sequence is stored. Locked FOR UPDATE by
            // each push, so two copies of a batch arriving at once are ingested one after the other.
            """
            CREATE TABLE device_cursor (
                hall_id TEXT NOT NULL, id TEXT NOT NULL, acked_through_seq BIGINT NOT NULL DEFAULT 0,
                last_contact TIMESTAMPTZ NOT NULL DEFAULT now(), last_client_time DOUBLE PRECISION,
                PRIMARY KEY (hall_id, id))
            """,
            // The facts as pushed: id is the op id; (hall_id, device_id, seq) is the other key.
            """
            CREATE TABLE operation (
                hall_id TEXT NOT NULL, id TEXT NOT NULL, device_id TEXT NOT NULL, seq BIGINT NOT NULL,
                hlc TEXT NOT NULL, wall_time DOUBLE PRECISION NOT NULL, schema_version INT NOT NULL,
                kind TEXT NOT NULL, entity_id TEXT, payload TEXT NOT NULL, sha256 TEXT NOT NULL,
                received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                PRIMARY KEY (hall_id, id),
                UNIQUE (hall_id, device_id, seq))
            """,
            // Poison and conflicting operations, kept whole for a person; their seq counts as
            // received so they never block the device's later operations.
            """
            CREATE TABLE quarantine (
                hall_id TEXT NOT NULL, id TEXT NOT NULL, op_id TEXT NOT NULL, device_id TEXT NOT NULL,
                seq BIGINT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, sha256 TEXT NOT NULL, operation JSONB,
                raw TEXT NOT NULL, received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                PRIMARY KEY (hall_id, id),
                UNIQUE (hall_id, device_id, seq))
            """,
            // Centre-owned reference data as a change log per bucket; version is the pull cursor.
            """
            CREATE TABLE bucket_change (
                hall_id TEXT NOT NULL, id BIGSERIAL, bucket TEXT NOT NULL, entity TEXT NOT NULL,
                entity_id TEXT NOT NULL, payload TEXT, changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                PRIMARY KEY (hall_id, id))
            """,
            "CREATE INDEX bucket_change_read ON bucket_change (bucket, id)",
            // How far a bucket's log has been pruned: a cursor below it must start over.
            """
            CREATE TABLE bucket_horizon (
                hall_id TEXT NOT NULL, id TEXT NOT NULL, pruned_through BIGINT NOT NULL,
                PRIMARY KEY (hall_id, id))
            """,
        ]),
        (2, [
            // Tokens of people and systems that are not stations: 'admin' (the central dashboard)
            // and 'booking' (the online booking system). Shared rows live under hall_id '*'. As
            // with station tokens only the SHA-256 is kept.
            """
            CREATE TABLE api_token (
                hall_id TEXT NOT NULL, id TEXT NOT NULL, token_sha256 TEXT NOT NULL, role TEXT NOT NULL,
                label TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), revoked_at TIMESTAMPTZ,
                PRIMARY KEY (hall_id, id))
            """,
            "CREATE INDEX api_token_hash ON api_token (token_sha256)",
        ]),
        (3, OverviewSchema.migration3),
        (4, [
            // Online bookings as received, so a repeated POST returns the same check-in code and
            // a code is never given twice in one hall. What halls read is in the hall's bucket.
            """
            CREATE TABLE booking (
                hall_id TEXT NOT NULL, id TEXT NOT NULL, check_in_code TEXT NOT NULL, payload TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now(), cancelled_at TIMESTAMPTZ,
                PRIMARY KEY (hall_id, id),
                UNIQUE (hall_id, check_in_code))
            """,
        ]),
        (5, [
            // The dashboard's read tables are filled after the push commits, not inside it
            // (OverviewProjector): this flags the operations still to project. Rows stored before
            // were projected in their own transaction, hence the default.
            "ALTER TABLE operation ADD COLUMN projected BOOLEAN NOT NULL DEFAULT true",
            "CREATE INDEX operation_unprojected ON operation (received_at, hall_id, device_id, seq) WHERE NOT projected",
        ]),
        (6, [
            // A device belongs to the hall it first contacted the centre under: each handshake and
            // push looks the device up across halls (PushIngest.checkBelongs).
            "CREATE INDEX device_cursor_device ON device_cursor (id)",
            // Operations an administrator withdrew from a hall (filed there by another hall's node
            // before the check above): kept whole, never deleted; `original` is the row as it was.
            """
            CREATE TABLE withdrawn_operation (
                hall_id TEXT NOT NULL, id TEXT NOT NULL, audit_id TEXT NOT NULL, source TEXT NOT NULL,
                op_id TEXT NOT NULL, device_id TEXT NOT NULL, seq BIGINT NOT NULL, original JSONB NOT NULL,
                withdrawn_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                PRIMARY KEY (hall_id, id))
            """,
            // Who did what to a hall's data at the centre, and why (central-misfiled move|withdraw).
            """
            CREATE TABLE central_audit (
                hall_id TEXT NOT NULL, id TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now(), actor TEXT NOT NULL,
                action TEXT NOT NULL, device_id TEXT, to_hall TEXT, row_count BIGINT NOT NULL, reason TEXT NOT NULL,
                PRIMARY KEY (hall_id, id))
            """,
        ]),
        (7, ReformSchema.migration7),
        (8, ExchangeSchema.migration8),
        (9, AuditAnchors.migration9),
    ]

    /// Applies what is missing, under an advisory lock so two servers starting at once do not race.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(7100601)", logger: logger)
            try await conn.query("CREATE TABLE IF NOT EXISTS central_migration (version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())", logger: logger)
            var done = Set<Int>()
            for try await v in try await conn.query("SELECT version FROM central_migration", logger: logger).decode(Int.self) {
                done.insert(v)
            }
            for m in all where !done.contains(m.version) {
                for sql in m.statements { try await conn.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
                try await conn.query("INSERT INTO central_migration (version) VALUES (\(m.version))", logger: logger)
                logger.info("central migration applied", metadata: ["version": "\(m.version)"])
            }
        }
    }
}
