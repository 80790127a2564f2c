import Foundation
import GRDB
import GRDBSQLite
import HallCore
import HallResources
@_spi(StoreInternals) import HallStore

/// The case list over a store of 1,000,000 cases: the first page, a later page and the searches a
/// clerk types (case number whole or by day, name whole or by surname, ID number with lower-case x
/// or full-width digits), through `HallStore.cases(matching:limit:offset:)`, and the deadline
/// counts behind the window console and the dashboard (`caseDeadlines(today:)`). Baseline: the
/// same SQL statements run by the sqlite3 C API on the same file, prepared once, every column read.
enum CasesBench {
    static let count = intEnv("BENCH_CASES", 1_000_000)
    static let rounds = intEnv("BENCH_CASES_ROUNDS", 200)
    static let targetMs = 50.0

    static func run(dir: String) throws -> String {
        let path = dir + "/cases.sqlite"
        let store = try BenchHall.contention(path: path, windows: 7)
        log("cases: filling the store with \(count) cases…")
        var t0 = monoNanos()
        let f = try CaseFixture.fill(store, count: count)
        let fillMs = msSince(t0)
        let fileMB = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576

        // The fixture must be a store the API takes as its own: open one more case through it.
        let by = Attribution.system("bench-cases")
        let opened = try store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: [f.matters[0]], checks: [], by: by)
        try store.saveField(caseId: opened.id, key: "applicant.name", value: "欧阳娜娜", by: by)
        let byNumber = try store.cases(matching: opened.caseNumber).map(\.id), newest = try store.cases().first?.id
        precondition(byNumber == [opened.id] && newest == opened.id, "the fixture is not a store the API reads as its own")

        let raw = RawSQLite(path: path)
        let baseline = BaselineCaseList(raw)
        var rng = SplitMix(seed: 2026)
        func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }

        // Each scenario: what a clerk types, and the page asked for.
        let common = ["张", "王", "李", "刘", "陈"]
        let scenarios: [(String, () -> (query: String, limit: Int, offset: Int))] = [
            ("list, first page (no query)", { ("", 20, 0) }),
            ("list, page 51 (offset 1,000)", { ("", 20, 1_000) }),
            ("case number, whole (`YC202611200123`)", { (pick(f.numbers), 20, 0) }),
            ("case number, one day's prefix (`YC20261120`)", { ("YC" + pick(f.days), 20, 0) }),
            ("case number, one day's prefix typed `yc２０２６…`", { (fullWidth("yc" + pick(f.days)), 20, 0) }),
            ("name, whole (`王秀英`)", { (pick(f.names), 20, 0) }),
            ("name prefix, common surname (\(common.joined(separator: "/")))", { (pick(common), 20, 0) }),
            ("name prefix, common surname, page 11 (offset 200)", { (pick(common), 20, 200) }),
            ("name prefix, compound surname (欧阳/司马/上官/诸葛)", { (pick(["欧阳", "司马", "上官", "诸葛"]), 20, 0) }),
            ("ID number typed with lower-case x", { (pick(f.idsWithX).lowercased(), 20, 0) }),
            ("ID number in full-width digits", { (fullWidth(pick(f.ids)), 20, 0) }),
            ("credit code of a bank with \(f.bankCases) cases", { (f.bankCode, 20, 0) }),
            ("name of a developer whose \(f.developerCases) cases are all 3+ years old", { (CaseFixture.developer, 20, 0) }),
        ]

        var rows: [[String]] = []
        var allMet = true
        for (what, next) in scenarios {
            log("cases: \(what)…")
            var api: [Double] = [], base: [Double] = [], found = 0
            for round in 0..<(rounds + 5) {
                let (q, limit, offset) = next()
                t0 = monoNanos()
                let page = try store.cases(matching: q, limit: limit, offset: offset)
                let a = msSince(t0)
                t0 = monoNanos()
                let n = baseline.search(q, limit: limit, offset: offset)
                let b = msSince(t0)
                precondition(n >= page.count, "baseline found \(n) rows, the API \(page.count) for \(q)")
                if round >= 5 { api.append(a); base.append(b); found += page.count }   // 5 warm-up rounds
            }
            let s = Stats(api), r = Stats(base)
            allMet = allMet && s.p99 <= targetMs
            rows.append([what, String(format: "%.1f", Double(found) / Double(api.count)), ms(s.median), ms(s.p99),
                         "\(ms(r.median)) / \(ms(r.p99))", ratio(s.median, r.median), "≤ \(Int(targetMs)) ms", met(s.p99 <= targetMs)])
        }

        log("cases: deadlines…")
        var api: [Double] = [], base: [Double] = []
        var last = (dueToday: 0, overdue: 0)
        for round in 0..<(rounds + 5) {
            t0 = monoNanos()
            last = try store.caseDeadlines(today: f.today)
            let a = msSince(t0)
            t0 = monoNanos()
            let b = baseline.deadlines(today: f.today)
            let bMs = msSince(t0)
            precondition(b == [last.dueToday, last.overdue])
            if round >= 5 { api.append(a); base.append(bMs) }
        }
        let s = Stats(api), r = Stats(base)
        allMet = allMet && s.p99 <= targetMs
        rows.append(["`caseDeadlines(today:)`: \(last.dueToday) due today, \(last.overdue) overdue", "—", ms(s.median), ms(s.p99),
                     "\(ms(r.median)) / \(ms(r.p99))", ratio(s.median, r.median), "≤ \(Int(targetMs)) ms", met(s.p99 <= targetMs)])

        let statuses = f.statusCounts.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return """
            ### case list: first page and search over \(count) cases

            A store of \(count) cases (\(fileMB) MB) over the last four years of working days (about \(count / max(1, f.days.count))
            a day, numbered `YC` + day + sequence), filled by one raw INSERT transaction in \(ms(fillMs)): \(f.people) people
            (common surnames as often as in life, some compound), valid 18-digit ID numbers (about 1 in 11 ends in X),
            \(f.businessCases) cases for businesses with credit codes (one bank with \(f.bankCases), one developer with
            \(f.developerCases) in the first year only), the shipped catalog's
            matters and bundles as matters JSON, statuses by age (\(statuses)), due dates on promised cases.
            One more case is opened through the API first, so the fixture is one the store reads as its own.
            \(rounds) rounds per row after 5 warm-up rounds, each with a fresh query drawn from the fixture; `rows` is
            the average page length. Every call is `HallStore.cases(matching:limit:offset:)` on a fresh read
            (GRDB, read transaction, JSON of the matters decoded, ID masked). Baseline: the same SQL statements
            through the sqlite3 C API on the same file, statements prepared once, every column read as text.
            Target: a page ≤ \(Int(targetMs)) ms (p99).

            \(table(["what", "rows", "median", "p99", "raw SQLite (median / p99)", "ratio (median)", "target", "met"], rows))
            """
    }

    /// What an input method in full-width mode delivers: ＹＣ２０２６…, １１０１…ｘ.
    static func fullWidth(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            (0x21...0x7E).contains(u.value) ? Unicode.Scalar(u.value + 0xFEE0)! : u
        }))
    }
}

/// The statements `HallStore.cases` and `caseDeadlines` run (Sources/HallStore/Cases/
/// CaseOperations.swift), on the sqlite3 C API. Keep the two in step.
final class BaselineCaseList {
    let raw: RawSQLite
    private var statements: [String: OpaquePointer] = [:]
    private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    static let columns = "id, case_number, status, applicant_name, applicant_id, matters, due_date, updated_at"
    static let end = "\u{10FFFF}"

    init(_ raw: RawSQLite) { self.raw = raw }
    deinit { for s in statements.values { sqlite3_finalize(s) } }

    /// Steps the statement to the end, reading every column as text; returns the row count and
    /// the first row's first column as integers (for COUNT) and as text.
    @discardableResult
    func rows(_ sql: String, _ args: [Any]) -> (count: Int, first: [Int], text: String?) {
        let s: OpaquePointer
        if let cached = statements[sql] { s = cached } else {
            var p: OpaquePointer?
            guard sqlite3_prepare_v2(raw.db, sql, -1, &p, nil) == SQLITE_OK, let p else { fatalError(String(cString: sqlite3_errmsg(raw.db))) }
            statements[sql] = p
            s = p
        }
        for (i, a) in args.enumerated() {
            switch a {
            case let v as Int: sqlite3_bind_int64(s, Int32(i + 1), Int64(v))
            case let v as String: sqlite3_bind_text(s, Int32(i + 1), v, -1, transient)
            default: fatalError("unsupported argument")
            }
        }
        var n = 0, bytes = 0, first: [Int] = [], text: String?
        while sqlite3_step(s) == SQLITE_ROW {
            n += 1
            for c in 0..<sqlite3_column_count(s) {
                if let t = sqlite3_column_text(s, c) { bytes &+= Int(t.pointee) }
                if n == 1 { first.append(Int(sqlite3_column_int64(s, c))) }
                if n == 1 && c == 0 { text = sqlite3_column_text(s, 0).map { String(cString: $0) } }
            }
        }
        sqlite3_reset(s)
        sqlite3_clear_bindings(s)
        if bytes == 42 { log("") }   // keep the reads
        return (n, first, text)
    }

    func search(_ query: String, limit: Int, offset: Int) -> Int {
        let name = query.trimmingCharacters(in: .whitespaces)
        let key = normalizeIdentityInput(name)
        let c = Self.columns
        guard !key.isEmpty else {
            return rows("SELECT \(c) FROM case_file ORDER BY updated_at DESC LIMIT ? OFFSET ?", [limit, offset]).count
        }
        let need = offset + limit
        var n = 0
        if key.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }) {
            n += rows("""
                SELECT \(c) FROM case_file INDEXED BY case_number_search
                WHERE case_number >= ? AND case_number < ? ORDER BY case_number DESC LIMIT ?
                """, [key, key + Self.end, need]).count
            n += rows("""
                SELECT \(c) FROM case_file INDEXED BY case_applicant_id_number
                WHERE applicant_id = ? ORDER BY case_number DESC LIMIT ?
                """, [key, need]).count
        }
        let cap = max(2_000, need * 20), walk = max(50_000, need * 250)
        let matches = rows("""
            SELECT COUNT(*) FROM (SELECT 1 FROM case_file INDEXED BY case_applicant_name_number
                                  WHERE applicant_name >= ? AND applicant_name < ? LIMIT ?)
            """, [name, name + Self.end, cap]).first.first ?? 0
        if matches >= cap {
            let oldest = rows("""
                SELECT case_number FROM case_file INDEXED BY case_number_search ORDER BY case_number DESC LIMIT 1 OFFSET ?
                """, [walk])
            let newest = rows("""
                SELECT \(c) FROM case_file INDEXED BY case_number_search
                WHERE applicant_name >= ? AND applicant_name < ? AND case_number >= ? ORDER BY case_number DESC LIMIT ?
                """, [name, name + Self.end, oldest.text ?? "", need]).count
            if newest == need || oldest.count == 0 { return n + newest }
        }
        return n + rows("""
            SELECT \(c) FROM case_file WHERE rowid IN (
                SELECT rowid FROM case_file INDEXED BY case_applicant_name_number
                WHERE applicant_name >= ? AND applicant_name < ? ORDER BY case_number DESC LIMIT ?)
            """, [name, name + Self.end, need]).count
    }

    func deadlines(today: String) -> [Int] {
        rows("SELECT COUNT(*) FROM case_file WHERE status = 'accepted' AND due_date = ?", [today]).first
            + rows("SELECT COUNT(*) FROM case_file WHERE status = 'accepted' AND due_date < ?", [today]).first
    }
}

/// A million cases that look like a busy hall's four years: generated in Swift, inserted by one
/// prepared INSERT in one transaction (what only the volume needs; the API opens one more).
struct CaseFixture {
    var matters: [CaseMatter] = []
    var numbers: [String] = []        // samples of what the benchmark searches for
    var names: [String] = []
    var ids: [String] = []
    var idsWithX: [String] = []
    var days: [String] = []           // yyyyMMdd of every working day with cases
    var today = ""
    var people = 0
    var businessCases = 0
    var bankCases = 0
    var bankCode = ""
    var developerCases = 0
    static let developer = "东湖置业房地产开发有限公司"
    var statusCounts: [String: Int] = [:]

    static let surnames: [(String, Int)] = [
        ("王", 71), ("李", 79), ("张", 70), ("刘", 54), ("陈", 46), ("杨", 31), ("黄", 23), ("赵", 23), ("吴", 20), ("周", 19),
        ("徐", 15), ("孙", 15), ("马", 13), ("朱", 13), ("胡", 12), ("郭", 11), ("何", 11), ("高", 10), ("林", 10), ("罗", 9),
        ("郑", 8), ("梁", 8), ("谢", 7), ("宋", 6), ("唐", 6), ("许", 6), ("韩", 5), ("冯", 5), ("邓", 5), ("曹", 5),
        ("彭", 5), ("曾", 5), ("肖", 5), ("田", 4), ("董", 4), ("袁", 4), ("潘", 4), ("于", 4), ("蒋", 4), ("蔡", 4),
        ("余", 4), ("杜", 4), ("叶", 4), ("程", 3), ("苏", 3), ("魏", 3), ("吕", 3), ("丁", 3), ("任", 3), ("沈", 3),
        ("姚", 3), ("卢", 3), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3),
        ("石", 2), ("廖", 2), ("贾", 2), ("夏", 2), ("韦", 2), ("付", 2), ("方", 2), ("白", 2), ("邹", 2), ("孟", 2),
        ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2), ("侯", 2),
        ("龙", 2), ("史", 2), ("陶", 1), ("黎", 1), ("贺", 1), ("顾", 1), ("毛", 1), ("郝", 1), ("龚", 1), ("邵", 1),
        ("欧阳", 1), ("司马", 1), ("上官", 1), ("诸葛", 1),
    ]
    static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红梅鑫波斌宇浩凯健俊帆帅旭宁龙林欣"
                             + "晨阳佳琪雪婷慧颖倩玲丹蕾薇露瑶怡悦思涵子轩梓睿博文昊然一诺雨泽嘉欢志国建春秋冬海峰成德福")
    static let areas = ["110101", "110105", "110108", "120101", "310104", "310115", "320102", "320583", "330106", "330203",
                        "340104", "350102", "350203", "360102", "370202", "410105", "420102", "430104", "440106", "440305",
                        "450103", "500103", "510107", "520102", "530102", "610113", "620102", "650102", "130102", "210102"]
    static let streets = ["人民路", "解放路", "中山路", "建设路", "和平街", "文化路", "新华路", "胜利街", "长江路", "黄河路"]
    static let industries = ["商贸", "科技", "建筑工程", "餐饮管理", "物流", "电子", "农业开发", "文化传媒", "医药", "房地产开发"]
    static let cities = ["东湖", "西山", "南岸", "北辰", "金桥", "龙华", "滨江", "高新", "新城", "临港"]

    /// A person drawn by number, so the same number is the same person in every case (people come back).
    static func person(_ p: Int) -> (name: String, id: String) {
        var r = SplitMix(seed: UInt64(p) &* 0x9E37_79B9 &+ 17)
        let total = surnames.reduce(0) { $0 + $1.1 }
        var pickS = Int(r.next() % UInt64(total)), surname = surnames[0].0
        for (s, w) in surnames { if pickS < w { surname = s; break }; pickS -= w }
        var name = surname + String(given[Int(r.next() % UInt64(given.count))])
        if r.next() % 10 < 7 { name += String(given[Int(r.next() % UInt64(given.count))]) }
        let y = 1940 + Int(r.next() % 66), m = 1 + Int(r.next() % 12), d = 1 + Int(r.next() % 28)
        let first17 = areas[Int(r.next() % UInt64(areas.count))] + String(format: "%04d%02d%02d%03d", y, m, d, Int(r.next() % 1000))
        return (name, first17 + String(ResidentIDValidator.checkCharacter(for: first17)!))
    }

    static func business(_ b: Int) -> (name: String, code: String) {
        var r = SplitMix(seed: UInt64(b) &* 0xC2B2_AE3D &+ 5)
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var first17 = "91" + areas[Int(r.next() % UInt64(areas.count))]
        for _ in 0..<9 { first17.append(alphabet[Int(r.next() % UInt64(alphabet.count))]) }
        let name = cities[Int(r.next() % 10)] + String(given[Int(r.next() % UInt64(given.count))])
            + String(given[Int(r.next() % UInt64(given.count))]) + industries[Int(r.next() % 10)] + "有限公司"
        return (name, first17 + String(CreditCodeValidator.checkCharacter(for: first17)!))
    }

    static func fill(_ store: HallStore, count: Int) throws -> CaseFixture {
        var f = CaseFixture()
        let hall = try store.hall()
        let cal = hall.calendar
        let now = Date()
        f.today = cal.dayKey(now)
        let bank = business(999_999), developer = business(999_998).code
        f.bankCode = bank.code

        // Matter templates: each shipped matter alone, and each bundle's matters together.
        let catalog = try JSONDecoder().decode(CatalogFile.self, from: HallResources.data("catalog.json"))
        let byCode = Dictionary(uniqueKeysWithValues: catalog.matters.map { ($0.code, $0) })
        func caseMatter(_ m: Matter) -> CaseMatter {
            CaseMatter(code: m.code, version: 1, name: m.name, promisedWorkingDays: m.caseType == .immediate ? nil : m.promisedLimit.value)
        }
        var templates: [(bundle: String?, matters: [Matter])] = catalog.matters.map { (nil, [$0]) }
        for b in catalog.bundles { templates.append((b.code, b.matterCodes.compactMap { byCode[$0] })) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ v: T) -> String { String(decoding: try! encoder.encode(v), as: UTF8.self) }
        struct Template { let bundle: String?; let promised: Int?; let matters: String; let pending: String; let received: String }
        let prepared: [Template] = templates.map { t in
            let cm = t.matters.map(caseMatter)
            func checks(_ state: MaterialState) -> [MaterialCheck] {
                t.matters.flatMap { m in
                    m.materials.map {
                        MaterialCheck(matterCode: m.code, materialName: $0.name, requiredOriginals: $0.originals, requiredCopies: $0.copies,
                                      isRequired: $0.required, isTolerable: $0.tolerable, electronicLicence: $0.electronicLicence,
                                      state: state == .pending ? .pending : .received(originals: $0.originals, copies: $0.copies))
                    }
                }
            }
            return Template(bundle: t.bundle, promised: cm.compactMap(\.promisedWorkingDays).max(), matters: json(cm),
                            pending: json(checks(.pending)), received: json(checks(.received(originals: 1, copies: 1))))
        }
        f.matters = templates[0].matters.map(caseMatter)

        // Working days (Mon–Fri) of the last four years, today included if it is one.
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = cal.timeZone
        let todayStart = cal.startOfDay(now)
        var workdays: [Date] = []
        for back in stride(from: 4 * 365, through: 0, by: -1) {
            let d = gregorian.date(byAdding: .day, value: -back, to: todayStart)!
            if !gregorian.isDateInWeekend(d) { workdays.append(d) }
        }
        let peoplePool = max(1, count * 7 / 10)   // about 1.4 cases per person: people come back
        f.people = peoplePool
        var rng = SplitMix(seed: 20261121)
        func chance(_ percent: Double) -> Bool { Double(rng.next() % 10_000) < percent * 100 }
        func phone() -> String { String(format: "13%09d", Int(rng.next() % 1_000_000_000)) }
        let sampleEvery = max(1, count / 20_000)
        var lastDay = "", lastSeq = 0

        try store.pool.write { db in
            // A large page cache for the fill alone: with the default 2 MB, index pages touched at
            // random (ids, names, ID numbers) spill to the WAL again and again.
            try db.execute(sql: "PRAGMA cache_size = -1000000")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let insert = try db.makeStatement(sql: """
                INSERT INTO case_file (id, hall_id, case_number, status, ticket_id, window_number, bundle_code, matters, form, checks,
                                       applicant_name, applicant_id, created_at, updated_at, accepted_at, due_date, decision_note)
                VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var i = 0
            for (k, day) in workdays.enumerated() {
                let perDay = count / workdays.count + (k < count % workdays.count ? 1 : 0)
                let dayKey = cal.dayKey(day)
                let compact = dayKey.replacingOccurrences(of: "-", with: "")
                f.days.append(compact)
                let ageDays = (workdays.count - 1 - k) * 7 / 5
                for seq in 1...max(1, perDay) where i < count {
                    i += 1
                    let number = "YC\(compact)\(String(format: "%04d", seq))"
                    let created = day.timeIntervalSince1970 + 9 * 3600 + Double(seq) * (8 * 3600 / Double(perDay)) + Double(rng.next() % 60)
                    let t = prepared[Int(rng.next() % UInt64(prepared.count))]
                    // Who: a person (most), a business, or the bank that files every mortgage registration.
                    var name: String, id: String, form: String
                    if k < 250 && chance(1.25) {   // its projects ended three years ago: every case is old
                        (name, id) = (Self.developer, developer)
                        form = #"{"business.creditCode":"\#(id)","business.name":"\#(name)"}"#
                        f.developerCases += 1; f.businessCases += 1
                    } else if chance(1) {
                        (name, id) = (bank.name, bank.code)
                        form = #"{"business.creditCode":"\#(id)","business.name":"\#(name)"}"#
                        f.bankCases += 1; f.businessCases += 1
                    } else if chance(11) {
                        (name, id) = business(Int(rng.next() % 40_000))
                        form = #"{"applicant.phone":"\#(phone())","business.creditCode":"\#(id)","business.name":"\#(name)"}"#
                        f.businessCases += 1
                    } else {
                        (name, id) = person(Int(rng.next() % UInt64(peoplePool)))
                        let street = streets[Int(rng.next() % 10)]
                        form = #"{"applicant.address":"\#(street)\#(rng.next() % 300 + 1)号","applicant.idNumber":"\#(id)","applicant.name":"\#(name)","applicant.phone":"\#(phone())"}"#
                    }
                    // Status by age: old cases are settled; recent ones still in progress.
                    let r = Double(rng.next() % 10_000) / 100
                    var status: String
                    if ageDays > 45 {
                        status = r < 93 ? "completed" : r < 96 ? "refused" : r < 99 ? "awaitingCorrection" : r < 99.5 ? "draft" : "accepted"
                    } else {
                        status = r < 45 ? "completed" : r < 47 ? "refused" : r < 55 ? "awaitingCorrection" : r < 60 ? "draft" : "accepted"
                    }
                    if t.promised == nil && status == "accepted" { status = "completed" }   // 即办件 are done on the spot
                    if status == "draft" && chance(25) { (name, id, form) = ("", "", "{}") }   // opened, nothing typed yet
                    var accepted: Double?, due: String?, updated = created + 600 + Double(rng.next() % 1200), note: String?
                    if status == "accepted" || (status == "completed" && t.promised != nil) {
                        accepted = updated
                        let calendarDays = (t.promised ?? 0) * 7 / 5
                        due = cal.dayKey(gregorian.date(byAdding: .day, value: calendarDays, to: day)!)
                        if status == "completed" {
                            updated = min(now.timeIntervalSince1970 - 60, created + Double(rng.next() % UInt64(max(1, calendarDays) * 86_400)))
                        }
                    }
                    if status == "refused" { note = "不属于本机关职权范围" }
                    let checks = status == "draft" || status == "awaitingCorrection" ? t.pending : t.received
                    try insert.execute(arguments: [
                        UUID().uuidString.lowercased(), hall.hallId, number, status, Int(rng.next() % 7) + 1, t.bundle, t.matters, form,
                        checks, name, id, created, max(updated, created), accepted, due, note,
                    ])
                    f.statusCounts[status, default: 0] += 1
                    if i % sampleEvery == 0 {
                        f.numbers.append(number)
                        if !name.isEmpty && !name.hasSuffix("公司") { f.names.append(name) }
                        if id.count == 18 && form.contains("applicant.idNumber") {
                            f.ids.append(id)
                            if id.hasSuffix("X") { f.idsWithX.append(id) }
                        }
                    }
                    if dayKey == f.today { lastDay = dayKey; lastSeq = seq }
                }
            }
            // Today's numbering continues after the fixture's cases, as it would in a real hall.
            if !lastDay.isEmpty {
                try db.execute(sql: """
                    INSERT INTO day_counter (hall_id, service_id, day, last) VALUES (?, 'case', ?, ?)
                    ON CONFLICT (hall_id, service_id, day) DO UPDATE SET last = excluded.last
                    """, arguments: [hall.hallId, lastDay, lastSeq])
            }
        }
        return f
    }
}
