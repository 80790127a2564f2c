import Foundation
import HallCore
import HallStore
import TerminalUI

/// Builds and runs each interactive front end on the real terminal.
public enum Interfaces {
    static func runner(_ backend: Backend, store: HallStore, screen: Screen, events: EventQueue = EventQueue()) throws -> AppRunner {
        let hall = try store.hall()
        let runner = AppRunner(backend: backend, screen: screen, watcher: try ChangeWatcher(path: store.path),
                               hallName: hall.name, clock: store.clock, calendar: hall.calendar, events: events)
        runner.syncStatus = { try store.syncStatus() }
        return runner
    }

    public static func window(store: HallStore, config: AppConfig, window: Int?, defaultWindow: Int?) throws {
        let calendar = try store.hall().calendar
        let printDesk = PrintDesk(store: store, routes: try PrintDesk.routes(config: config))
        try runInterface { backend in
            let signIn = SignInScreen(store: store, purpose: .window(window), terminal: config.terminal, defaultWindow: defaultWindow) { clerk, number in
                windowConsole(store: store, clerk: clerk, window: number ?? 0, terminal: config.terminal, calendar: calendar, printDesk: printDesk)
            }
            return try runner(backend, store: store, screen: signIn)
        }
    }

    /// The console of one window, and the screens it opens above itself.
    public static func windowConsole(store: HallStore, clerk: Clerk, window: Int, terminal: String, calendar: HallCalendar,
                                     printDesk: PrintDesk) -> ModelScreen<WindowConsole> {
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)
        let context = IntakeContext(store: store, clerk: clerk, windowNumber: window, by: by, calendar: calendar, printDesk: printDesk)
        return ModelScreen(WindowConsole.State(clerk: clerk, windowNumber: window, calendar: calendar, now: store.clock.now()),
                           execute: WindowConsole.execute(desk: store, window: window, by: by,
                                                          defaults: DefaultRatingSchedule(store: store, terminal: terminal)),
                           open: { destination in
                               switch destination {
                               case .intake(let ticket): return MatterPickerScreen(context: context, ticket: ticket)
                               case .cases: return CaseListScreen(context: context)
                               case .handOver: return RatingPadScreen(store: store, window: window, terminal: terminal, mode: .handOver)
                               }
                           })
    }

    public static func desk(store: HallStore, config: AppConfig) throws {
        let calendar = try store.hall().calendar
        let printDesk = PrintDesk(store: store, routes: try PrintDesk.routes(config: config))
        try runInterface { backend in
            let signIn = SignInScreen(store: store, purpose: .desk, terminal: config.terminal) { clerk, _ in
                TicketDeskScreen(store: store, clerk: clerk, terminal: config.terminal, calendar: calendar, printDesk: printDesk)
            }
            return try runner(backend, store: store, screen: signIn)
        }
    }

    public static func board(store: HallStore, config: AppConfig, voice: String?) throws {
        let calendar = try store.hall().calendar
        let events = EventQueue()
        let clock = store.clock
        // A voice that starts or stops playing makes the board re-read, which shows or clears the warning.
        let announcer = Announcer(command: voice, repeats: config.voiceRepeat, maxAge: config.voiceMaxAge, now: { clock.now() },
                                  bell: { events.postBell() }, onHealthChange: { health in
                                      // Recorded for the dashboard; a failed write must not stop the board.
                                      try? store.recordVoiceHealth(terminal: config.terminal, problem: health.problem)
                                      events.post(.storeChanged)
                                  })
        try runInterface { backend in
            try runner(backend, store: store, screen: board(store: store, calendar: calendar, announcer: announcer, terminal: config.terminal),
                       events: events)
        }
    }

    public static func board(store: HallStore, calendar: HallCalendar, announcer: Announcer?, terminal: String) -> ModelScreen<BoardModel> {
        var state = BoardModel.State(calendar: calendar)
        if let announcer { state.voiceMaxAge = announcer.maxAge }
        return ModelScreen(state, facesApplicant: true,
                    execute: BoardModel.execute(feed: store, announcer: announcer, terminal: terminal), open: { never in switch never {} })
    }

    public static func dashboard(store: HallStore, config: AppConfig) throws {
        let calendar = try store.hall().calendar
        let printDesk = PrintDesk(store: store, routes: try PrintDesk.routes(config: config))
        try runInterface { backend in
            let signIn = SignInScreen(store: store, purpose: .dashboard, terminal: config.terminal) { clerk, _ in
                DashboardScreen(store: store, clerk: clerk, calendar: calendar, reportFolder: config.home.appendingPathComponent("reports"),
                                printDesk: printDesk)
            }
            return try runner(backend, store: store, screen: signIn)
        }
    }

    /// 中心监控: all halls as the centre sees them. No hall store and no sign-in here: the admin
    /// token given to `source` is the credential, and the figures come only from the centre.
    public static func centralDashboard(source: CentralDashboardSource, centreName: String) throws {
        let clock = SystemClock(), calendar = HallCalendar()
        try runInterface { backend in
            AppRunner(backend: backend, screen: CentralDashboardScreen(source: source, clock: clock, calendar: calendar),
                      watcher: nil, hallName: centreName, clock: clock, calendar: calendar)
        }
    }

    /// 评价器: no sign-in (it faces the applicant); it only ever rates what its window finished.
    public static func pad(store: HallStore, config: AppConfig, window: Int) throws {
        guard try store.windows().contains(where: { $0.number == window }) else { throw StoreError.noSuchWindow(window) }
        try runInterface { backend in
            try runner(backend, store: store, screen: RatingPadScreen(store: store, window: window, terminal: config.terminal))
        }
    }
}
