import Foundation
import HallCore
import HallStore

/// Carries out the desk's commands over the `TicketIssuer` and `TicketPrinter` ports, off the UI
/// thread. Printing waits for the printer here, on the executor, never on the screen.
extension TicketDesk {
    public static func execute(issuer: TicketIssuer, printer: TicketPrinter, by: Attribution) -> @Sendable (Command) -> Outcome {
        { command in
            switch command {
            case .load:
                do { return .loaded(try read(issuer)) } catch { return .loadFailed(ErrorText.of(error)) }
            case .issue(let serviceId, let priority):
                do {
                    let issued = try issuer.issueTicket(service: serviceId, priority: priority, note: nil, by: by)
                    return .issued(issued, appointment: false, try? read(issuer))
                } catch { return .failed(ErrorText.of(error), try? read(issuer)) }
            case .checkIn(let code):
                do {
                    let issued = try issuer.checkInAppointment(code: code, by: by)
                    return .issued(issued, appointment: true, try? read(issuer))
                } catch { return .failed(ErrorText.of(error), try? read(issuer)) }
            case .printTicket(let issued):
                let number = issued.ticket.number
                do {
                    let text = try printer.printTicketAndWait(issued, by: by)
                    return .printed(ticket: number, text: text, failed: text.contains("失败"))
                } catch {
                    return .printed(ticket: number, text: "未能打印：\(ErrorText.of(error))", failed: true)
                }
            }
        }
    }

    static func read(_ issuer: TicketIssuer) throws -> Data {
        Data(queues: try issuer.queueOverview(), policy: try issuer.hall().policy, readAt: issuer.currentTime())
    }
}
