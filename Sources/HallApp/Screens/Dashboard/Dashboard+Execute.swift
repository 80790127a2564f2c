import Foundation
import HallCore
import HallStore

/// Carries out the dashboard's commands over the `HallReports` port, off the UI thread.
extension Dashboard {
    /// More overdue 容缺 cases than fit on a screen are counted, not listed.
    static let figuresListLimit = 50

    public static func execute(reports: HallReports, calendar: HallCalendar, reportFolder: URL,
                               defaults: DefaultRatingSchedule, dayClose: DayCloseDesk? = nil) -> @Sendable (Command) -> Outcome {
        { command in
            switch command {
            case .closeDay, .printDaySummary:
                return dayClose?.run(command) ?? .dayCloseFailed("大厅监控的日结未接通")
            case .load, .loadFigures:
                do {
                    let today = calendar.dayKey(reports.currentTime())
                    var data = Data(snapshot: try reports.dashboard(), deadlines: try reports.caseDeadlines(today: today),
                                    ratings: try reports.ratingSummary(fromDay: today, toDay: today), today: today,
                                    commitments: try reports.commitmentDeadlines(today: today, window: nil))
                    if command == .loadFigures {
                        data.figures = CaseFigures(today: try reports.reformFigures(fromDay: today, toDay: today, window: nil, today: today),
                                                   overdueCommitments: try reports.overdueCommitments(today: today, limit: figuresListLimit))
                    }
                    return .loaded(data)
                } catch { return .loadFailed(ErrorText.of(error)) }
            case .applyDefaults:
                defaults.runIfDue()
                return .defaultsApplied
            case .export(let from, let to):
                do {
                    let csv = try reports.queueReportCSV(fromDay: from, toDay: to)
                    try FileManager.default.createDirectory(at: reportFolder, withIntermediateDirectories: true)
                    let file = reportFolder.appendingPathComponent("queue-report-\(from)-\(to).csv")
                    try Foundation.Data(csv.utf8).write(to: file, options: .atomic)
                    return .exported(path: file.path)
                } catch let e as StoreError {
                    return .exportFailed(ErrorText.of(e))
                } catch {
                    return .exportFailed("导出失败：\(ErrorText.of(error))")
                }
            }
        }
    }
}
