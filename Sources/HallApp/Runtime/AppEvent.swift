import Foundation
import TerminalUI

/// Everything a screen reacts to. The runner delivers events one at a time on the UI thread, in
/// the order they were queued; a screen answers each with effects and never does blocking I/O
/// itself (see docs/architecture.md).
public enum AppEvent {
    case key(Key)
    /// About once a second, with the clock's time: wait timers and the title clock move.
    case tick(Date)
    /// The screen was just put on top (pushed, or replaced another): load what it shows.
    case started
    /// Another process (or this one) wrote to the store: re-read what the screen shows.
    case storeChanged
    /// The screen is on top again after the one above it closed, with that screen's parting
    /// message, if any.
    case resumed(StatusMessage?)
    /// An effect this screen asked for finished. The value is the screen's own result type; only
    /// the screen that asked receives it, even if another screen is on top by then.
    case done(Any)
    case resize
}

/// What a screen asks the runner to do.
public enum Effect {
    /// Runs off the UI thread on the runner's executor (one at a time, in order: the store,
    /// printing, voice, the network); what it returns comes back to this screen as `.done`.
    case perform(@Sendable () -> Any)
    /// Opens a screen above this one; when it closes, this one comes back as it was.
    case push(Screen)
    /// Closes this screen; the one below gets `.resumed` with the message.
    case pop(StatusMessage?)
    /// Puts another screen in this one's place (sign-in → console).
    case replace(Screen)
    /// Leaves the front end, after the screen's own confirmation.
    case quit
    /// Asks "leave?" with the given question; Enter leaves, Esc stays. For screens whose leaving
    /// needs no more than a yes.
    case confirmQuit(String)
    case bell
}
