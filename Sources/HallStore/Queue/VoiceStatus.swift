import Foundation
import GRDB
import HallCore

/// A board whose voice does not play: the dashboard shows it beside the queue alerts.
public struct VoiceProblem: Equatable, Sendable {
    public var terminal: String
    public var problem: String
    public var since: Date
}

extension HallStore {
    /// The board's voice health as its announcer last found it (nil: playing again). A device's
    /// state, not a legal record: no outbox operation or audit entry, and it is overwritten.
    public func recordVoiceHealth(terminal: String, problem: String?) throws {
        let now = clock.now().timeIntervalSince1970
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO voice_status (terminal, problem, since) VALUES (?, ?, ?)
                ON CONFLICT (terminal) DO UPDATE SET problem = excluded.problem, since = excluded.since
                  WHERE voice_status.problem IS NOT excluded.problem
                """, arguments: [terminal, problem, now])
        }
    }

    static func voiceProblems(_ db: Database) throws -> [VoiceProblem] {
        try Row.fetchAll(db, sql: "SELECT * FROM voice_status WHERE problem IS NOT NULL ORDER BY terminal").map {
            VoiceProblem(terminal: $0["terminal"], problem: $0["problem"], since: Date(timeIntervalSince1970: $0["since"]))
        }
    }
}
