import Foundation
import GRDB
import HallCore

/// What a catalog import did.
public struct ImportSummary: Codable, Equatable, Sendable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    /// Active matters the file did not mention: kept as they are (a CSV may carry one department).
    public var notInFile = 0
    public var bundlesAdded = 0
    public var bundlesUpdated = 0
    public var bundlesUnchanged = 0
    /// "code@version" of every matter added or given a new version.
    public var changed: [String] = []

    public var text: String {
        "新增\(added)项，更新\(updated)项（旧版本保留供在办件使用），未变\(unchanged)项"
            + (notInFile > 0 ? "，文件未含的\(notInFile)项保持不变" : "")
            + "；一件事：新增\(bundlesAdded)个，更新\(bundlesUpdated)个，未变\(bundlesUnchanged)个"
    }
}

/// Matter bodies are stored canonically (sorted keys, version 0) so equal content hashes equal.
let catalogEncoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return e
}()

extension HallStore {
    /// Imports matters and bundles as one business write. A matter whose content changed gets
    /// version+1 (the old version stays, inactive, for open cases); unchanged matters are untouched.
    public func importCatalog(_ matters: [Matter], bundles: [MatterBundle], source: String, by: Attribution) throws -> ImportSummary {
        let codes = matters.map(\.code)
        if let dup = Dictionary(grouping: codes, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw StoreError.invalidInput("事项实施编码\(dup)重复，未导入")
        }
        return try perform(by) { tx, hall in
            let db = tx.db
            var summary = ImportSummary()
            var active: [String: (id: String, version: Int, hash: String)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, code, version, content_hash FROM matter WHERE active = 1") {
                active[row["code"]] = (row["id"], row["version"], row["content_hash"])
            }
            let known = Set(active.keys).union(codes)
            for b in bundles {
                let missing = b.matterCodes.filter { !known.contains($0) }
                guard missing.isEmpty else {
                    throw StoreError.invalidInput("一件事“\(b.name)”引用了目录中没有的事项：\(missing.joined(separator: "、"))")
                }
            }
            let at = tx.now.timeIntervalSince1970
            let insert = try db.cachedStatement(sql: """
                INSERT INTO matter (id, hall_id, code, version, basic_code, name, type, implementing_body, promised_working_days,
                                    body, content_hash, active, source, imported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                """)
            let retire = try db.cachedStatement(sql: "UPDATE matter SET active = 0 WHERE id = ?")
            let maxVersion = try db.cachedStatement(sql: "SELECT MAX(version) FROM matter WHERE code = ?")
            for var m in matters {
                m.version = 0
                let body = String(decoding: try catalogEncoder.encode(m), as: UTF8.self)
                let hash = Digest.sha256Hex(body)
                let version: Int
                if let old = active[m.code] {
                    if old.hash == hash { summary.unchanged += 1; continue }
                    try retire.execute(arguments: [old.id])
                    version = old.version + 1
                    summary.updated += 1
                } else {
                    version = (try Int.fetchOne(maxVersion, arguments: [m.code]) ?? 0) + 1
                    summary.added += 1
                }
                try insert.execute(arguments: [newId(), hall.hallId, m.code, version, m.basicCode, m.name, m.type.rawValue,
                                               m.implementingBody, m.promisedWorkingDays, body, hash, source, at])
                summary.changed.append("\(m.code)@\(version)")
            }
            summary.notInFile = Set(active.keys).subtracting(codes).count
            try Self.importBundles(bundles, tx: tx, hallId: hall.hallId, into: &summary)

            struct Payload: Encodable { let source: String; let summary: ImportSummary; let bundles: [String] }
            try tx.outbox(.referenceChanged, entityId: "catalog", payload: Payload(source: source, summary: summary, bundles: bundles.map(\.code)))
            try tx.audit(action: "catalog.import", entity: "catalog", entityId: nil, detail: "导入事项目录“\(source)”：\(summary.text)")
            return summary
        }
    }

    private static func importBundles(_ bundles: [MatterBundle], tx: BusinessTransaction, hallId: String, into s: inout ImportSummary) throws {
        var existing: [String: String] = [:]
        for row in try Row.fetchAll(tx.db, sql: "SELECT code, body FROM matter_bundle") { existing[row["code"]] = row["body"] }
        for (i, b) in bundles.enumerated() {
            let body = String(decoding: try catalogEncoder.encode(b), as: UTF8.self)
            switch existing[b.code] {
            case body?: s.bundlesUnchanged += 1
            case nil:
                try tx.db.execute(sql: "INSERT INTO matter_bundle (id, hall_id, code, name, body, sort_order, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  arguments: [newId(), hallId, b.code, b.name, body, i, tx.now.timeIntervalSince1970])
                s.bundlesAdded += 1
            default:
                try tx.db.execute(sql: "UPDATE matter_bundle SET name = ?, body = ?, sort_order = ?, updated_at = ? WHERE code = ?",
                                  arguments: [b.name, body, i, tx.now.timeIntervalSince1970, b.code])
                s.bundlesUpdated += 1
            }
        }
    }

    /// Imports the shipped catalog into a store that has none yet (first run, demo). Returns nil
    /// when the store already has a catalog. Safe if two processes race: the second import finds
    /// every matter unchanged.
    @discardableResult
    public func seedCatalogIfEmpty(_ catalog: CatalogFile, by: Attribution) throws -> ImportSummary? {
        guard try read({ db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM matter") ?? 0 }) == 0 else { return nil }
        return try importCatalog(catalog.matters, bundles: catalog.bundles, source: catalog.source, by: by)
    }

    // MARK: reading

    /// The active version of every matter, by code.
    public func matters() throws -> [Matter] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT version, body FROM matter WHERE active = 1 ORDER BY code").map(Self.decodeMatter)
        }
    }

    /// One matter: the given version (as a case cites it) or, without one, the active version.
    public func matter(code: String, version: Int? = nil) throws -> Matter? {
        try read { db in
            let row = if let version {
                try Row.fetchOne(db, sql: "SELECT version, body FROM matter WHERE code = ? AND version = ?", arguments: [code, version])
            } else {
                try Row.fetchOne(db, sql: "SELECT version, body FROM matter WHERE code = ? AND active = 1", arguments: [code])
            }
            return try row.map(Self.decodeMatter)
        }
    }

    /// Every stored version of a matter, oldest first.
    public func matterVersions(code: String) throws -> [Matter] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT version, body FROM matter WHERE code = ? ORDER BY version", arguments: [code]).map(Self.decodeMatter)
        }
    }

    public func bundles() throws -> [MatterBundle] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT body FROM matter_bundle ORDER BY sort_order, code").map {
                try JSONDecoder().decode(MatterBundle.self, from: Data($0.utf8))
            }
        }
    }

    /// How often this hall used each matter (code → cases opened).
    public func matterUsage() throws -> [String: Int] {
        try read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code, uses FROM matter_usage") { out[row["code"]] = row["uses"] }
            return out
        }
    }

    /// Moves whenever the matters change: an import adds a row for every matter added or given a
    /// new version, and matter rows are never deleted. One read of the rowid tree, so a screen can
    /// ask on every store change whether its copy of the catalog is still the one in the store.
    public func catalogRevision() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(rowid), 0) FROM matter") ?? 0 }
    }

    /// The search index for the intake screen: active matters ranked with this hall's usage.
    public func catalogSearch(pinyin: PinyinInitials) throws -> CatalogSearch {
        CatalogSearch(matters: try matters(), usage: try matterUsage(), pinyin: pinyin)
    }

    static func decodeMatter(_ row: Row) throws -> Matter {
        var m = try JSONDecoder().decode(Matter.self, from: Data((row["body"] as String).utf8))
        m.version = row["version"]
        return m
    }
}

extension BusinessTransaction {
    /// Counts one use of a matter, inside the business write that opens the case (which records
    /// its own outbox operation and audit entry), so the count and the case never disagree.
    public func recordMatterUse(code: String) throws {
        try db.execute(sql: """
            INSERT INTO matter_usage (hall_id, code, uses, last_used_at) VALUES (?, ?, 1, ?)
            ON CONFLICT (hall_id, code) DO UPDATE SET uses = uses + 1, last_used_at = excluded.last_used_at
            """, arguments: [hallId, code, now.timeIntervalSince1970])
    }
}
