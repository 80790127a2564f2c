import GRDB

/// The statements every queue write runs (ticket and window rows, the event, its outbox operation
/// and audit entry, the rating invitation) are compiled once per connection and reused.
///
/// Why: a profile of one call-next + finish (release, 2026-11-28) spent about a quarter of the
/// write lock's time compiling SQL again for every statement. Compiling is dear here: GRDB's
/// authorizer runs for every column each statement reads, and an UPDATE of `ticket` compiles its
/// guard triggers with it. A cached statement is compiled on first use only (SQLite recompiles
/// it by itself after a schema change).
extension Database {
    func executeCached(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    func fetchOneCached(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
