import Foundation

/// Finding a matter as the clerk types: by a piece of its Chinese name, by pinyin initials
/// ("gtgsh" → 个体工商户设立登记, also from a later word: "sldj" → …设立登记), by full pinyin
/// from the start of any character ("juzhu" → 居住证登记, "dengji" → …登记), or by code prefix.
/// Ranked by how well it matched, then by how often this hall uses the matter.
/// Built once per catalog (and usage snapshot): everything a keystroke needs is precomputed, so a
/// search over 5,000 matters is a plain scan of small arrays.
public struct CatalogSearch: Sendable {
    struct Entry: Sendable {
        var matter: Matter
        var name: [UInt8]          // UTF-8, for substring search without String overhead
        var initials: [UInt32]     // one bit set per lettered character; punctuation dropped so （新办） does not break a run
        var code: [UInt8], basicCode: [UInt8]
        var usage: Int
        /// The full pinyin of the name (empty without a readings table).
        var spelling: PinyinReadings.Spelling?
    }
    private var entries: [Entry]
    private let pinyin: PinyinInitials

    /// `readings`: the full-pinyin table; without it only initials, names and codes are searched.
    public init(matters: [Matter], usage: [String: Int] = [:], pinyin: PinyinInitials, readings: PinyinReadings? = nil) {
        self.pinyin = pinyin
        entries = matters.map { m in
            Entry(matter: m, name: Array(m.name.utf8),
                  initials: m.name.unicodeScalars.map(pinyin.mask).filter { $0 != 0 },
                  code: Array(m.implementationCode.utf8), basicCode: Array(m.basicCode.utf8), usage: usage[m.code] ?? 0,
                  spelling: readings.map { PinyinReadings.Spelling(m.name, $0) })
        }
    }

    public var count: Int { entries.count }

    /// New usage counts (e.g. after the day's cases), keeping the precomputed keys.
    public mutating func setUsage(_ usage: [String: Int]) {
        for i in entries.indices { entries[i].usage = usage[entries[i].matter.code] ?? 0 }
    }

    /// How a matter matched; a larger tier ranks first. Full pinyin ranks above initials: it says
    /// more of the name ("ju" is one syllable, not the initials of two characters).
    public enum Match: Int, Comparable, Sendable {
        case initialsLater = 1, pinyinLater, codePrefix, initialsStart, pinyinStart, nameContains, namePrefix, codeExact, nameExact
        public static func < (a: Match, b: Match) -> Bool { a.rawValue < b.rawValue }
    }

    public func search(_ query: String, limit: Int = 20) -> [Matter] {
        hits(query, limit: limit).map { entries[$0.index].matter }
    }

    /// Matches with how they matched, best first.
    public func hits(_ query: String, limit: Int = 20) -> [(index: Int, match: Match)] {
        let q = Self.normalize(query)
        guard !q.isEmpty, limit > 0 else { return [] }
        let bytes = Array(q.utf8)
        let letters = q.unicodeScalars.allSatisfy { PinyinInitials.bit($0) != 0 }
        let codeLike = q.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        let codeBytes = Array(q.uppercased().utf8)
        let masks = letters ? q.unicodeScalars.map(PinyinInitials.bit) : []
        var found: [(index: Int, match: Match, position: Int)] = []
        for (i, e) in entries.enumerated() {
            var best: Match?
            var position = 0
            if let at = Self.find(bytes, in: e.name) {
                best = at == 0 ? (bytes.count == e.name.count ? .nameExact : .namePrefix) : .nameContains
                position = at
            } else {
                if codeLike {
                    if e.code == codeBytes || e.basicCode == codeBytes { best = .codeExact }
                    else if e.code.starts(with: codeBytes) || e.basicCode.starts(with: codeBytes) { best = .codePrefix }
                }
                if letters, best == nil || best! < .initialsStart, let at = Self.findInitials(masks, in: e.initials) {
                    best = at == 0 ? .initialsStart : max(best ?? .initialsLater, .initialsLater)
                    position = at
                }
                if letters, best == nil || best! < .pinyinStart, let at = e.spelling?.find(bytes) {
                    let tier: Match = at == 0 ? .pinyinStart : .pinyinLater
                    if best == nil || best! < tier { best = tier; position = at }
                }
            }
            if let best { found.append((i, best, position)) }
        }
        // Match quality, then the hall's usage, then the earlier match, then the shorter name.
        found.sort { a, b in
            if a.match != b.match { return a.match > b.match }
            let ua = entries[a.index].usage, ub = entries[b.index].usage
            if ua != ub { return ua > ub }
            if a.position != b.position { return a.position < b.position }
            let na = entries[a.index].name.count, nb = entries[b.index].name.count
            return na != nb ? na < nb : a.index < b.index
        }
        return found.prefix(limit).map { ($0.index, $0.match) }
    }

    /// What input methods produce: full-width letters and digits, spaces, upper case.
    public static func normalize(_ query: String) -> String {
        String(CatalogImport.halfwidth(query).lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
    }

    @inline(__always) static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        let n = needle.count, h = hay.count
        guard n <= h, let first = needle.first else { return nil }
        var i = 0
        while i <= h - n {
            if hay[i] == first {
                var j = 1
                while j < n && hay[i + j] == needle[j] { j += 1 }
                if j == n { return i }
            }
            i += 1
        }
        return nil
    }

    /// The first position where every query letter is among the initials of the character there.
    @inline(__always) static func findInitials(_ query: [UInt32], in initials: [UInt32]) -> Int? {
        let n = query.count, h = initials.count
        guard n <= h else { return nil }
        var s = 0
        while s <= h - n {
            var j = 0
            while j < n && initials[s + j] & query[j] != 0 { j += 1 }
            if j == n { return s }
            s += 1
        }
        return nil
    }
}
