import GRDB

extension Migrations {
    static func registerCases(_ m: inout DatabaseMigrator) {
    }
}
