import Foundation
import HallCore

/// Every value of a hall description checked before anything is written, each refusal naming
/// the value and why in Chinese (issue 13, must-deliver 5: `Mars/Phobos`, `openingHour` 99,
/// `maxQueue` -1, negative window numbers, `pinRounds` 0 or 1, an empty PIN, two appointments
/// with one code all used to get through, crash or leave a half-made hall).
enum SetupCheck {
    static let minimumPinRounds = 1000

    static func validate(_ s: HallSetup, pinRounds explicit: Int?) throws {
        func bad(_ why: String) -> StoreError { .invalidInput("大厅描述有误：" + why) }
        let name = s.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 40 else { throw bad("大厅名称应为 1–40 个字") }
        guard ["hall", "station"].contains(s.kind) else { throw bad("kind “\(s.kind.prefix(20))”无效：应为 hall（政务服务大厅）或 station（便民服务站）") }
        guard TimeZone(identifier: s.timeZone) != nil else { throw bad("时区“\(s.timeZone.prefix(40))”无效：应为如 Asia/Shanghai 的时区名") }
        guard (0...23).contains(s.openingHour) else { throw bad("openingHour \(s.openingHour) 无效：应为 0–23 点") }
        if let rounds = explicit ?? s.pinRounds, rounds < minimumPinRounds {
            throw bad("pinRounds \(rounds) 无效：应不少于 \(minimumPinRounds)（过小的值使密码形同虚设）")
        }
        guard !s.services.isEmpty else { throw bad("至少要有一类业务") }
        var codes = Set<String>(), prefixes = Set<String>()
        for v in s.services {
            let what = "业务“\(v.name.prefix(20))”"
            guard (1...10).contains(v.code.count), v.code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw bad("\(what)的代码“\(v.code.prefix(20))”无效：应为 1–10 个英文字母或数字")
            }
            guard v.prefix.count == 1, v.prefix.first!.isASCII, v.prefix.first!.isLetter else { throw bad("\(what)的号票前缀“\(v.prefix.prefix(5))”无效：应为一个英文字母") }
            guard !v.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw bad("业务 \(v.code) 没有名称") }
            guard (1...480).contains(v.targetWaitMinutes) else { throw bad("\(what)的 targetWaitMinutes \(v.targetWaitMinutes) 无效：应为 1–480 分钟") }
            guard (1...100_000).contains(v.maxQueue) else { throw bad("\(what)的 maxQueue \(v.maxQueue) 无效：应为 1–100000 人") }
            guard (1...v.maxQueue).contains(v.warnQueue) else { throw bad("\(what)的 warnQueue \(v.warnQueue) 无效：应为 1 到 maxQueue（\(v.maxQueue)）") }
            guard codes.insert(v.code).inserted else { throw bad("业务代码 \(v.code) 重复") }
            guard prefixes.insert(v.prefix.uppercased()).inserted else { throw bad("号票前缀 \(v.prefix) 重复") }
        }
        var numbers = Set<Int>()
        for w in s.windows {
            guard (1...999).contains(w.number) else { throw bad("窗口号 \(w.number) 无效：应为 1–999") }
            guard numbers.insert(w.number).inserted else { throw bad("窗口号 \(w.number) 重复") }
            guard !w.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw bad("\(w.number) 号窗口没有名称") }
            guard !w.services.isEmpty else { throw bad("\(w.number) 号窗口没有办理的业务") }
            guard Set(w.services).count == w.services.count else { throw bad("\(w.number) 号窗口的业务重复") }
            for c in w.services where !codes.contains(c) { throw bad("\(w.number) 号窗口的业务 \(c) 不存在") }
        }
        var staff = Set<String>()
        for c in s.clerks {
            guard (1...10).contains(c.number.count), c.number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw bad("工号“\(c.number.prefix(20))”无效：应为 1–10 个字母或数字")
            }
            guard staff.insert(c.number).inserted else { throw bad("工号 \(c.number) 重复") }
            guard !c.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw bad("工号 \(c.number) 没有姓名") }
            // No PIN at all is a one-time PIN drawn by setUp; a PIN given must be a PIN.
            if let pin = c.pin, !(4...12).contains(pin.count) || !pin.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw bad("工号 \(c.number) 的密码无效：应为 4–12 位数字" + (pin.isEmpty ? "（为空）" : ""))
            }
            for w in c.windows ?? [] where !numbers.contains(w) { throw bad("工号 \(c.number) 的 windows：没有 \(w) 号窗口") }
        }
        for v in s.services {
            for (key, t) in [("openTime", v.openTime), ("cutoffTime", v.cutoffTime)] {
                if let t, ClockTime.parse(t) == nil { throw bad("业务 \(v.code) 的 \(key)“\(t.prefix(10))”不是 时:分，如 08:30") }
            }
            if let o = v.openTime.flatMap(ClockTime.parse), let c = v.cutoffTime.flatMap(ClockTime.parse), o >= c {
                throw bad("业务 \(v.code) 的取号截止时间应晚于开始时间")
            }
        }
        // The rules are checked as `hall apply` and `config` check them.
        if let p = s.policy {
            do { try HallConfigCheck.check(p) } catch let HallConfigError.invalidValue(place, why) { throw bad("\(place)：\(why)") }
        }
        if let why = s.ratingPolicy?.problem() { throw bad("ratingPolicy：\(why)") }
        var appointmentCodes = Set<String>()
        for a in s.appointments ?? [] {
            guard codes.contains(a.service) else { throw bad("预约 \(a.code) 的业务 \(a.service) 不存在") }
            guard appointmentCodes.insert(a.code).inserted else { throw bad("预约码 \(a.code) 重复") }
            guard (5...240).contains(a.slotLengthMinutes), a.slotStartMinutesFromOpening >= 0 else { throw bad("预约 \(a.code) 的时段无效") }
        }
    }
}
