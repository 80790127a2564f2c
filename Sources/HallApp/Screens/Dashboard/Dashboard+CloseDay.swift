import Foundation
import HallCore
import HallStore
import TerminalUI

/// 日结 from the dashboard: a question that says what the close does, the store's close (the
/// same operation as `yichuang close-day`), then an offer to put the day's summary on the A4
/// printer or in a PDF file.
extension Dashboard {
    /// Where the closed day's summary goes.
    public enum SummaryOutput: Sendable, Equatable { case printer, pdf }

    enum DayCloseStep {
        case confirm(ChoiceDialog)
        /// The store is closing the day: keys wait (a close cannot be taken back half way).
        case closing
        case offerPrint(day: String, ChoiceDialog)
    }

    static func askToCloseDay(_ state: inout State) {
        state.dayClose = .confirm(ChoiceDialog(title: "日结：结束今日（\(state.today)）", options: ["确定日结", "取消"]))
    }

    /// What the question says before anything is done.
    static let dayCloseExplanation = [
        "日结将结束今日的排队，不能撤销：",
        "· 未叫号的号按放弃关闭，挂起的号一并关闭；",
        "· 所有窗口退出登录，临时窗口关闭；",
        "· 保存今日各业务、窗口、人员的统计（同 yichuang close-day）；",
        "· 明日取号从头编号。有窗口正在办理时不能日结。",
    ]

    static func handleDayClose(_ state: inout State, _ key: Key) -> Effects {
        switch state.dayClose {
        case nil, .closing?: return []
        case .confirm(var d)?:
            switch d.handle(key) {
            case .pending: state.dayClose = .confirm(d)
            case .chosen(0):
                state.dayClose = .closing
                state.message = .info("正在日结…")
                return [.run(.closeDay)]
            case .chosen, .cancelled:
                state.dayClose = nil
                state.message = .info("未日结")
            }
        case .offerPrint(let day, var d)?:
            switch d.handle(key) {
            case .pending: state.dayClose = .offerPrint(day: day, d)
            case .chosen(let i) where i < 2:
                state.dayClose = nil
                state.message = .info(i == 0 ? "正在打印日结汇总表…" : "正在写出日结汇总表 PDF…")
                return [.run(.printDaySummary(day: day, to: i == 0 ? .printer : .pdf))]
            case .chosen, .cancelled:
                state.dayClose = nil
                state.message = .info("\(day) 已日结；汇总表以后可用 yichuang close-day --day \(day) --pdf 文件 导出")
            }
        }
        return []
    }

    static func dayClosed(_ state: inout State, _ summary: DaySummary, printer: String) -> Effects {
        state.dayClose = .offerPrint(day: summary.day, ChoiceDialog(title: "已日结，日结汇总表：",
                                                                      options: ["打印到 \(printer)", "存为 PDF 文件（报表目录）", "不打印"]))
        state.message = .info(closedLine(summary))
        return load(&state)
    }

    static func dayCloseFailed(_ state: inout State, _ text: String) -> Effects {
        state.dayClose = nil
        state.message = .error("未能日结：\(text)")
        return load(&state)
    }

    /// The same line `yichuang close-day` prints.
    static func closedLine(_ s: DaySummary) -> String {
        "\(s.day) 已日结：未叫号关闭 \(s.abandoned) 张，挂起关闭 \(s.heldClosed) 张，办理中关闭 \(s.servingClosed) 张，\(s.windowsSignedOut) 个窗口已退出"
    }

    static func renderDayClose(_ step: DayCloseStep, in area: Rect, into buffer: inout ScreenBuffer) {
        switch step {
        case .confirm(let d):
            let lines = dayCloseExplanation
            let width = min(area.width - 4, max(40, (lines.map(DisplayWidth.of).max() ?? 0) + 4))
            let box = area.centered(width: width, height: min(area.height, lines.count + d.options.count + 5))
            buffer.fill(box)
            buffer.cursor = nil
            Box.render(box, title: d.title, into: &buffer)
            for (i, line) in lines.enumerated() {
                buffer.put(line, x: box.x + 2, y: box.y + 1 + i, maxWidth: box.width - 4, style: i == 0 ? .warning : .plain)
            }
            for (i, option) in d.options.enumerated() {
                buffer.put(" \(i + 1). \(option)", x: box.x + 1, y: box.y + 2 + lines.count + i, maxWidth: box.width - 2,
                           style: i == d.selected ? .highlight : .plain)
            }
            buffer.put("数字或↑↓+回车选择，Esc 取消", x: box.x + 2, y: box.maxY - 2, maxWidth: box.width - 4, style: .muted)
        case .closing:
            let box = area.centered(width: 30, height: 3)
            buffer.fill(box)
            Box.render(box, title: "日结", into: &buffer)
            buffer.put("正在日结，请稍候…", x: box.x + 2, y: box.y + 1, maxWidth: box.width - 4)
        case .offerPrint(_, let d): d.render(in: area, into: &buffer)
        }
    }
}

/// Carries out the dashboard's 日结 and the summary's print over the `DayClosing` and
/// `DaySummaryPrinter` ports, as the supervisor signed in at the dashboard.
public struct DayCloseDesk: Sendable {
    let store: DayClosing
    let printer: DaySummaryPrinter
    let by: Attribution
    /// Where "存为 PDF" writes (the dashboard's report folder, beside the CSV reports).
    let folder: URL

    public init(store: DayClosing, printer: DaySummaryPrinter, by: Attribution, folder: URL) {
        self.store = store; self.printer = printer; self.by = by; self.folder = folder
    }

    func run(_ command: Dashboard.Command) -> Dashboard.Outcome {
        switch command {
        case .closeDay:
            do { return .dayClosed(try store.closeDay(by: by), printer: printer.daySummaryPrinter) }
            catch { return .dayCloseFailed(ErrorText.of(error)) }
        case .printDaySummary(let day, let output):
            do {
                guard let summary = try store.daySummary(day) else { return .summaryPrintFailed("\(day) 没有日结记录") }
                let hall = try store.hall()
                let document = summary.document(hallName: hall.name, calendar: hall.calendar)
                switch output {
                case .printer:
                    let result = printer.printDaySummary(document)
                    return result.failed ? .summaryPrintFailed("日结汇总表：\(result.message)") : .summaryPrinted("日结汇总表：\(result.message)")
                case .pdf:
                    let file = folder.appendingPathComponent("day-summary-\(day).pdf")
                    let warnings = try printer.writeDaySummaryPDF(document, to: file)
                    return .summaryPrinted((["已写出日结汇总表 \(file.path)"] + warnings).joined(separator: "；"))
                }
            } catch { return .summaryPrintFailed("日结汇总表未能输出：\(ErrorText.of(error))") }
        default:
            return .summaryPrintFailed("大厅监控的日结未接通")
        }
    }
}
