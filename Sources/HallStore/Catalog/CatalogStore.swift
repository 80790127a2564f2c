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
    /// Imports matters and bundles, all or nothing for the hall. A matter whose content changed
    /// gets version+1 (the old version stays for open cases); unchanged matters keep their row.
    /// The new catalog is staged beside the live one in short transactions and switched to in one
    /// business write (outbox operation and audit entry), so the write lock is never held for the
    /// whole file (issue 16; see CatalogStaging.swift).
    public func importCatalog(_ matters: [Matter], bundles: [MatterBundle], source: String, by: Attribution,
                              progress: ((CatalogImportProgress) throws -> Void)? = nil) throws -> ImportSummary {
        let codes = matters.map(\.code)
        if let dup = Dictionary(grouping: codes, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw StoreError.invalidInput("事项实施编码\(dup)重复，未导入")
        }
        let hallId = try hall().hallId
        let importId = newId()
        let (generation, base) = try beginCatalogImport(id: importId, source: source)
        do {
            let live = try catalogMap(generation: base)
            let known = Set(live.keys).union(codes)
            for b in bundles {
                let missing = b.matterCodes.filter { !known.contains($0) }
                guard missing.isEmpty else {
                    throw StoreError.invalidInput("一件事“\(b.name)”引用了目录中没有的事项：\(missing.joined(separator: "、"))")
                }
            }
            var summary = ImportSummary()
            try stageMatters(matters, live: live, importId: importId, generation: generation, source: source,
                             hallId: hallId, summary: &summary, progress: progress)
            let unmentioned = Set(live.keys).subtracting(codes).sorted()
            summary.notInFile = unmentioned.count
            try carryUnmentioned(unmentioned, live: live, importId: importId, generation: generation)
            try progress?(CatalogImportProgress(phase: .switching, staged: matters.count, total: matters.count))
            let result = try perform(by) { tx, hall in
                try Self.switchGeneration(tx.db, importId: importId, generation: generation, base: base, at: tx.now)
                try Self.importBundles(bundles, tx: tx, hallId: hall.hallId, into: &summary)
                struct Payload: Encodable { let source: String; let summary: ImportSummary; let bundles: [String] }
                try tx.outbox(.referenceChanged, entityId: "catalog", payload: Payload(source: source, summary: summary, bundles: bundles.map(\.code)))
                try tx.audit(action: "catalog.import", entity: "catalog", entityId: nil, detail: "导入事项目录“\(source)”：\(summary.text)")
                return summary
            }
            try? sweepCatalogLeftovers()   // the old generation's map; a later import sweeps what a kill leaves
            return result
        } catch {
            abandonCatalogImport(importId)
            throw error
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
        guard try read({ db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM matter_current WHERE generation = \(Self.liveGeneration)") ?? 0 }) == 0 else { return nil }
        return try importCatalog(catalog.matters, bundles: catalog.bundles, source: catalog.source, by: by)
    }

    // MARK: reading

    /// The active version of every matter, by code.
    public func matters() throws -> [Matter] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.version, m.body FROM matter_current c JOIN matter m ON m.id = c.matter_id
                WHERE c.generation = \(Self.liveGeneration) ORDER BY c.code
                """).map(Self.decodeMatter)
        }
    }

    /// One matter: the given version (as a case cites it) or, without one, the active version.
    public func matter(code: String, version: Int? = nil) throws -> Matter? {
        try read { db in
            let row = if let version {
                try Row.fetchOne(db, sql: "SELECT version, body FROM matter WHERE code = ? AND version = ? AND \(Self.switchedRow)", arguments: [code, version])
            } else {
                try Row.fetchOne(db, sql: """
                    SELECT m.version, m.body FROM matter_current c JOIN matter m ON m.id = c.matter_id
                    WHERE c.generation = \(Self.liveGeneration) AND c.code = ?
                    """, arguments: [code])
            }
            return try row.map(Self.decodeMatter)
        }
    }

    /// Every stored version of a matter, oldest first.
    public func matterVersions(code: String) throws -> [Matter] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT version, body FROM matter WHERE code = ? AND \(Self.switchedRow) ORDER BY version",
                         arguments: [code]).map(Self.decodeMatter)
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

    /// The live generation of the catalog (see CatalogStaging.swift).
    static let liveGeneration = "(SELECT generation FROM catalog_state WHERE id = 1)"
    /// A version row that is part of the catalog's history: not one an unfinished import staged.
    static let switchedRow = "(import_id IS NULL OR import_id IN (SELECT id FROM catalog_import WHERE state = 'switched'))"

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
