import Foundation
import HallCore
import HallStore
import TerminalUI

/// Builds and runs each interactive front end on the real terminal.
public enum Interfaces {
    static func runner(_ backend: Backend, store: HallStore, screen: Screen, events: EventQueue = EventQueue()) throws -> AppRunner {
        let hall = try store.hall()
        let runner = AppRunner(backend: backend, screen: screen, watcher: try ChangeWatcher(path: store.path),
                               hallName: hall.name, clock: StoreTime(store: store), calendar: hall.calendar, events: events)
        runner.syncStatus = { try store.syncStatus() }
        return runner
    }

    public static func window(store: HallStore, config: AppConfig, window: Int?, defaultWindow: Int?) throws {
        let calendar = try store.hall().calendar
        let printDesk = PrintDesk(store: store, routes: try PrintDesk.routes(config: config))
        try runInterface { backend in
            let signIn = SignInScreen(store: store, purpose: .window(window), terminal: config.terminal, defaultWindow: defaultWindow) { clerk, number in
                reopenOffer(store: store, clerk: clerk, window: number ?? 0, terminal: config.terminal, calendar: calendar, printDesk: printDesk)
            }
            return try runner(backend, store: store, screen: signIn)
        }
    }

    /// The console of one window, and the screens it opens above itself.
    public static func windowConsole(store: HallStore, clerk: Clerk, window: Int, terminal: String, calendar: HallCalendar,
                                     printDesk: PrintDesk) -> ModelScreen<WindowConsole> {
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)
        let context = IntakeContext(store: store, clerk: clerk, windowNumber: window, by: by, calendar: calendar, printDesk: printDesk)
        return ModelScreen(WindowConsole.State(clerk: clerk, windowNumber: window, calendar: calendar, now: store.currentTime()),
                           execute: WindowConsole.execute(desk: store, window: window, by: by,
                                                          defaults: DefaultRatingSchedule(store: store, terminal: terminal)),
                           open: { destination in
                               switch destination {
                               case .intake(let ticket): return MatterPickerScreen(context: context, ticket: ticket)
                               case .cases: return CaseListScreen(context: context)
                               case .handOver: return ratingPad(store: store, window: window, terminal: terminal, mode: .handOver)
                               case .admin: return adminMenu(store: store, clerk: clerk, terminal: terminal, printDesk: printDesk)
                               }
                           })
    }

    /// Before the console: the clerk's case left open at this window (the process died), offered
    /// again; with none, the console comes up at once.
    public static func reopenOffer(store: HallStore, clerk: Clerk, window: Int, terminal: String, calendar: HallCalendar,
                                   printDesk: PrintDesk) -> ModelScreen<ReopenOffer> {
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)
        let context = IntakeContext(store: store, clerk: clerk, windowNumber: window, by: by, calendar: calendar, printDesk: printDesk)
        return ModelScreen(ReopenOffer.State(clerkNumber: clerk.number, window: window), execute: ReopenOffer.execute(store),
                           open: { destination in
                               switch destination {
                               case .console:
                                   return windowConsole(store: store, clerk: clerk, window: window, terminal: terminal, calendar: calendar,
                                                        printDesk: printDesk)
                               case .case(let id, let opening): return context.caseScreen(caseId: id, opening: opening)
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
        let clock = StoreTime(store: store)
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
            AppRunner(backend: backend, screen: centralOverview(source: source, clock: clock, calendar: calendar),
                      watcher: nil, hallName: centreName, clock: clock, calendar: calendar)
        }
    }

    /// The all-halls list, and the hall it drills into.
    public static func centralOverview(source: CentralDashboardSource, clock: Clock, calendar: HallCalendar,
                                       refreshSeconds: Double = 5) -> ModelScreen<CentralOverview> {
        let open: (CentralOverview.Destination) -> Screen = { destination in
            switch destination {
            case .hall(let id, let name):
                return centralHall(source: source, hallId: id, name: name, clock: clock, calendar: calendar, refreshSeconds: refreshSeconds)
            }
        }
        return ModelScreen(CentralOverview.State(now: clock.now(), calendar: calendar, refreshSeconds: refreshSeconds),
                           execute: CentralOverview.execute(source: source, clock: clock), open: open)
    }

    static func centralHall(source: CentralDashboardSource, hallId: String, name: String, clock: Clock, calendar: HallCalendar,
                            refreshSeconds: Double) -> ModelScreen<CentralHall> {
        let state = CentralHall.State(hallId: hallId, name: name, now: clock.now(), calendar: calendar, refreshSeconds: refreshSeconds)
        return ModelScreen(state, execute: CentralHall.execute(source: source, clock: clock), open: { never in switch never {} })
    }

    /// 评价器: no sign-in (it faces the applicant); it only ever rates what its window finished.
    public static func pad(store: HallStore, config: AppConfig, window: Int) throws {
        guard try store.windows().contains(where: { $0.number == window }) else { throw StoreError.noSuchWindow(window) }
        try runInterface { backend in
            try runner(backend, store: store, screen: ratingPad(store: store, window: window, terminal: config.terminal))
        }
    }

    /// 差评整改, opened from the supervisor's dashboard.
    public static func rectification(store: HallStore, clerk: Clerk, calendar: HallCalendar) -> ModelScreen<RectificationList> {
        ModelScreen(RectificationList.State(clerk: clerk, calendar: calendar),
                    execute: RectificationList.execute(desk: store, clerk: clerk, terminal: "dashboard"), open: { never in switch never {} })
    }

    /// The pad at `window`, standalone or handed over by that window's console.
    public static func ratingPad(store: HallStore, window: Int, terminal: String, mode: RatingPad.Mode = .standalone,
                                 defaults: DefaultRatingSchedule? = nil) -> ModelScreen<RatingPad> {
        let name = "\(terminal) 评价器\(window)"
        return ModelScreen(RatingPad.State(window: window, mode: mode, now: store.currentTime()), facesApplicant: true,
                           execute: RatingPad.execute(desk: store, window: window, terminal: terminal,
                                                      defaults: defaults ?? DefaultRatingSchedule(store: store, terminal: name)),
                           open: { never in switch never {} })
    }
}

/// The ticket desk as a screen: its model over the store and the printer, as ports.
public typealias TicketDeskScreen = ModelScreen<TicketDesk>

extension ModelScreen where M == TicketDesk {
    public convenience init(store: HallStore, clerk: Clerk, terminal: String, calendar: HallCalendar, printDesk: PrintDesk) {
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)
        self.init(TicketDesk.State(clerk: clerk, calendar: calendar, now: store.currentTime()),
                  execute: TicketDesk.execute(issuer: store, printer: printDesk, by: by), open: { never in switch never {} })
    }
}

/// The sign-in as a screen: its model over the store as the `StaffSignIn` port; once signed in,
/// `onSignedIn` builds the front end that takes its place.
public typealias SignInScreen = ModelScreen<SignIn>

extension ModelScreen where M == SignIn {
    public convenience init(store: HallStore, purpose: SignIn.Purpose, terminal: String, defaultWindow: Int? = nil,
                            onSignedIn: @escaping (Clerk, Int?) -> Screen) {
        self.init(SignIn.State(purpose: purpose, defaultWindow: defaultWindow), execute: SignIn.execute(staff: store, terminal: terminal),
                  open: { destination in
                      switch destination { case .signedIn(let clerk, let window): return onSignedIn(clerk, window) }
                  })
    }
}

/// The supervisor dashboard as a screen: its model over the store as the `HallReports` port, and
/// the screens it opens above itself.
public typealias DashboardScreen = ModelScreen<Dashboard>

extension ModelScreen where M == Dashboard {
    public convenience init(store: HallStore, clerk: Clerk, calendar: HallCalendar, reportFolder: URL, printDesk: PrintDesk) {
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: "dashboard")
        let context = IntakeContext(store: store, clerk: clerk, windowNumber: nil, by: by, calendar: calendar, printDesk: printDesk)
        self.init(Dashboard.State(clerk: clerk, today: calendar.dayKey(store.currentTime())),
                  execute: Dashboard.execute(reports: store, calendar: calendar, reportFolder: reportFolder,
                                             defaults: DefaultRatingSchedule(store: store, terminal: "dashboard"),
                                             dayClose: DayCloseDesk(store: store, printer: printDesk, by: by, folder: reportFolder)),
                  open: { destination in
                      switch destination {
                      case .cases: return CaseListScreen(context: context)
                      case .rectification: return Interfaces.rectification(store: store, clerk: clerk, calendar: calendar)
                      case .admin: return Interfaces.adminMenu(store: store, clerk: clerk, terminal: "dashboard", printDesk: printDesk)
                      }
                  })
    }
}

/// The store's time as a `Clock` for the runner and the voice (see `HallStore.currentTime`).
struct StoreTime: Clock {
    let store: HallStore
    func now() -> Date { store.currentTime() }
}
