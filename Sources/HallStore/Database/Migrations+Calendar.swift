import GRDB

extension Migrations {
    static func registerCalendar(_ m: inout DatabaseMigrator) {
    }
}
