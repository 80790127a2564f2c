import Foundation
import TerminalUI

/// A screen written as a pure model: value state, `update(&state, event) -> [effect]` and a pure
/// render. It never holds the store: its `Command`s are carried out by an executor over narrow
/// ports (see Ports.swift) and their `Outcome`s come back as events, so a model is tested by
/// feeding it events, with no SQLite and no terminal.
public protocol ScreenModel {
    associatedtype State
    /// What the screen asks of the outside world (store actions, printing, voice).
    associatedtype Command: Sendable
    associatedtype Outcome
    /// Screens it can open above itself.
    associatedtype Destination

    static func update(_ state: inout State, _ event: ModelEvent<Outcome>) -> [ModelEffect<Command, Destination>]
    static func render(_ state: State, into buffer: inout ScreenBuffer, area: Rect)
    static func title(_ state: State) -> String
    static func keyBar(_ state: State) -> [KeyBarItem]
    static func help(_ state: State) -> [String]
    static func message(_ state: State) -> StatusMessage?
    static func isTypingText(_ state: State) -> Bool
    /// The smallest terminal it lays out on (see `Screen.minimumSize`).
    static func minimumSize(_ state: State) -> (width: Int, height: Int)
}

extension ScreenModel {
    public static func isTypingText(_ state: State) -> Bool { false }
    public static func minimumSize(_ state: State) -> (width: Int, height: Int) { (MinimumSize.width, MinimumSize.height) }
}

public enum ModelEvent<Outcome> {
    case key(Key)
    case tick(Date)
    case started
    case storeChanged
    case resumed(StatusMessage?)
    case done(Outcome)
    case resize
}

public enum ModelEffect<Command, Destination> {
    case run(Command)
    case open(Destination)
    /// Puts the destination in this screen's place (sign-in → the front end it signed in to).
    case replace(Destination)
    case close(StatusMessage?)
    case quit
    case confirmQuit(String)
    case bell
}

/// Hosts a `ScreenModel` in the runner: translates events in and effects out.
public final class ModelScreen<M: ScreenModel>: Screen {
    public private(set) var state: M.State
    let execute: @Sendable (M.Command) -> M.Outcome
    let open: (M.Destination) -> Screen
    public let facesApplicant: Bool

    public init(_ state: M.State, facesApplicant: Bool = false, execute: @escaping @Sendable (M.Command) -> M.Outcome,
                open: @escaping (M.Destination) -> Screen) {
        self.state = state; self.execute = execute; self.open = open; self.facesApplicant = facesApplicant
    }

    public var title: String { M.title(state) }
    public var keyBar: [KeyBarItem] { M.keyBar(state) }
    public var help: [String] { M.help(state) }
    public var message: StatusMessage? { M.message(state) }
    public var isTypingText: Bool { M.isTypingText(state) }
    public var minimumSize: (width: Int, height: Int) { M.minimumSize(state) }

    public func update(_ event: AppEvent) -> [Effect] {
        let modelEvent: ModelEvent<M.Outcome>
        switch event {
        case .key(let k): modelEvent = .key(k)
        case .tick(let d): modelEvent = .tick(d)
        case .started: modelEvent = .started
        case .storeChanged: modelEvent = .storeChanged
        case .resumed(let m): modelEvent = .resumed(m)
        case .resize: modelEvent = .resize
        case .done(let value):
            guard let outcome = value as? M.Outcome else { return [] }
            modelEvent = .done(outcome)
        }
        return M.update(&state, modelEvent).map { effect in
            switch effect {
            case .run(let command):
                let execute = execute
                return .perform { execute(command) }
            case .open(let d): return .push(open(d))
            case .replace(let d): return .replace(open(d))
            case .close(let m): return .pop(m)
            case .quit: return .quit
            case .confirmQuit(let q): return .confirmQuit(q)
            case .bell: return .bell
            }
        }
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) { M.render(state, into: &buffer, area: area) }
}
