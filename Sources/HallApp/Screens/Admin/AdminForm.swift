import Foundation
import HallCore
import HallStore
import TerminalUI

/// One administration change asked for step by step: lines typed, choices picked, and a last
/// "确定？" where the change cannot be undone. The answers become an `AdminAction` only at the
/// end, so Esc at any step leaves nothing half done.
struct AdminForm: Sendable {
    enum Step: Sendable {
        case text(String, initial: String)
        /// `numbers`: what each option is picked by when it means something (a window's own
        /// number, so "3" picks 3号窗口, as in the console's transfer); 1, 2, 3… otherwise.
        case choice(String, options: [String], numbers: [Int]? = nil)
        case confirm(String)
    }

    /// A typed value that cannot be what it asks for, in Chinese.
    struct Invalid: Error { let text: String }

    let title: String
    let steps: [Step]
    let build: @Sendable ([String]) throws -> AdminAction
    private(set) var answers: [String] = []
    private(set) var input: InputDialog?
    private(set) var choice: ChoiceDialog?

    init(_ title: String, _ steps: [Step], build: @escaping @Sendable ([String]) throws -> AdminAction) {
        self.title = title; self.steps = steps; self.build = build
        if !steps.isEmpty { openStep() }
    }

    /// A change that needs no answer (启用, 恢复) is built at once.
    var isImmediate: Bool { steps.isEmpty }
    func buildNow() -> Outcome {
        do { return .done(try build(answers)) }
        catch let e as Invalid { return .invalid(e.text) }
        catch { return .invalid(ErrorText.of(error)) }
    }

    enum Outcome: Sendable { case pending, cancelled, done(AdminAction), invalid(String) }

    mutating func handle(_ key: Key) -> Outcome {
        if var d = input {
            switch d.handle(key) {
            case .pending: input = d; return .pending
            case .cancelled: return .cancelled
            case .submitted(let text): return answer(text.trimmingCharacters(in: .whitespaces))
            }
        }
        if var d = choice {
            switch d.handle(key) {
            case .pending: choice = d; return .pending
            case .cancelled: return .cancelled
            case .chosen(let i):
                if case .confirm = steps[answers.count], i != 0 { return .cancelled }
                return answer(String(i))
            }
        }
        return .cancelled
    }

    private mutating func answer(_ text: String) -> Outcome {
        answers.append(text)
        guard answers.count == steps.count else { openStep(); return .pending }
        return buildNow()
    }

    private mutating func openStep() {
        input = nil; choice = nil
        switch steps[answers.count] {
        case .text(let prompt, let initial):
            var field = TextField(text: initial, maxLength: 40)
            field.cursor = initial.count
            input = InputDialog(title: title, prompt: prompt, field: field)
        case .choice(let question, let options, let numbers):
            choice = ChoiceDialog(title: "\(title)：\(question)", options: options, numbers: numbers)
        case .confirm(let question):
            choice = ChoiceDialog(title: question, options: ["确定", "取消"])
        }
    }

    func render(in area: Rect, into buffer: inout ScreenBuffer) {
        input?.render(in: area, into: &buffer)
        choice?.render(in: area, into: &buffer)
    }

    // Reading typed answers, each refusal naming the value and what it should be.

    static func number(_ text: String, _ what: String) throws -> Int {
        guard let n = Int(text) else { throw Invalid(text: "\(what)应为整数，“\(text.prefix(10))”不是") }
        return n
    }

    /// "A,B,C" or "A B C", in the order typed.
    static func codes(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "，" || $0 == "、" }).map { String($0).uppercased() }
    }

    static func windowNumbers(_ text: String) throws -> [Int] {
        try codes(text).map { try number($0, "窗口号") }
    }

    /// "08:30 16:30"; "-" or "不限" for no limit.
    static func hours(_ text: String) throws -> (open: Int?, cutoff: Int?) {
        let parts = codes(text)
        guard parts.count == 2 else { throw Invalid(text: "请输入「开始 截止」两个时间，如 08:30 16:30（不限用 -）") }
        func time(_ t: String) throws -> Int? {
            if t == "-" || t == "不限" { return nil }
            guard let m = ClockTime.parse(t) else { throw Invalid(text: "时间“\(t.prefix(10))”不对，应为 时:分，如 16:30") }
            return m
        }
        return (try time(parts[0]), try time(parts[1]))
    }
}
