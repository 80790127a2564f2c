import Foundation
import GRDB
import HallCore

extension HallStore {
    /// The working-day calendar as imported into this store (every process reads the same rows).
    public func workCalendar() throws -> WorkCalendar {
        try read { db in
            let days = try Row.fetchAll(db, sql: "SELECT date, is_off_day, name FROM calendar_day ORDER BY date").map {
                WorkCalendar.Day(date: $0["date"], isOffDay: $0["is_off_day"], name: $0["name"])
            }
            let years = try Int.fetchSet(db, sql: "SELECT year FROM calendar_year")
            return WorkCalendar(days: days, publishedYears: years)
        }
    }

    /// Imports announced days and marks `years` as published, in one business write (outbox op
    /// for sync plus an audit entry). Existing dates are overwritten, never deleted: official
    /// revisions add or change days (e.g. the 2020 春节 extension). `added` counts new dates,
    /// `replaced` dates whose name or on/off status changed; identical re-imports count as neither.
    @discardableResult
    public func importCalendar(_ days: [WorkCalendar.Day], years: Set<Int>, source: String,
                               by: Attribution) throws -> (added: Int, replaced: Int) {
        try Self.checkImport(days, years: years)
        return try perform(by) { tx, _ in
            var added = 0, replaced = 0
            for d in days {
                let old = try Row.fetchOne(tx.db, sql: "SELECT is_off_day, name FROM calendar_day WHERE date = ?", arguments: [d.date])
                if let old {
                    if (old["is_off_day"] as Bool) == d.isOffDay && (old["name"] as String) == d.name { continue }
                    replaced += 1
                } else {
                    added += 1
                }
                try tx.db.execute(sql: """
                    INSERT INTO calendar_day (date, is_off_day, name, year) VALUES (?, ?, ?, ?)
                    ON CONFLICT(date) DO UPDATE SET is_off_day = excluded.is_off_day, name = excluded.name, year = excluded.year
                    """, arguments: [d.date, d.isOffDay, d.name, Int(d.date.prefix(4))!])
            }
            for y in years {
                try tx.db.execute(sql: """
                    INSERT INTO calendar_year (year, source, imported_at) VALUES (?, ?, ?)
                    ON CONFLICT(year) DO UPDATE SET source = excluded.source, imported_at = excluded.imported_at
                    """, arguments: [y, source, tx.now.timeIntervalSince1970])
            }
            // Reference data: the centre owns it, so the op only tells it what this node now uses.
            struct Payload: Encodable { let reference: String; let years: [Int]; let source: String; let days: [WorkCalendar.Day] }
            let sortedYears = years.sorted()
            try tx.outbox(.referenceChanged, entityId: nil,
                          payload: Payload(reference: "calendar", years: sortedYears, source: source, days: days.sorted { $0.date < $1.date }))
            let yearText = sortedYears.map(String.init).joined(separator: "、")
            try tx.audit(action: "calendar.import", entity: "calendar", entityId: nil,
                         detail: "导入\(yearText)年节假日安排：\(days.count)天（新增\(added)天，更新\(replaced)天），来源：\(source)")
            return (added, replaced)
        }
    }

    /// A new store gets the calendar shipped with the software; a store that already has one (an
    /// import made by an administrator, maybe newer) is left alone. Needs a set-up hall.
    @discardableResult
    public func seedCalendarIfEmpty(_ cal: WorkCalendar, source: String = "随软件附带（holiday-cn）",
                                    by: Attribution) throws -> Bool {
        let present = try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calendar_year") ?? 0 }
        guard present == 0 else { return false }
        try importCalendar(cal.sortedDays, years: cal.publishedYears, source: source, by: by)
        return true
    }

    /// Refuses what would make the calendar lie: bad dates, or a year marked published with none
    /// of its days (an empty holiday-cn file means "not published yet").
    static func checkImport(_ days: [WorkCalendar.Day], years: Set<Int>) throws {
        if years.isEmpty { throw StoreError.invalidInput("没有指定要导入的年份") }
        if let bad = days.first(where: { !WorkCalendar.isValidDate($0.date) }) {
            throw StoreError.invalidInput("日期“\(bad.date)”无效：应为 YYYY-MM-DD")
        }
        let present = Set(days.compactMap { Int($0.date.prefix(4)) })
        if let y = years.sorted().first(where: { !present.contains($0) }) {
            throw StoreError.invalidInput("\(y)年没有任何日期：可能尚未发布，未导入")
        }
    }
}
