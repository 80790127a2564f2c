import GRDB

extension Migrations {
    static func registerCatalog(_ m: inout DatabaseMigrator) {
    }
}
