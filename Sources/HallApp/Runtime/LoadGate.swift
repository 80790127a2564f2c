import Foundation

/// One load at a time: a load asked for while one runs marks the view stale and asks for one
/// more after it lands, so a busy hall never piles loads up (see docs/architecture.md).
public struct LoadGate: Equatable, Sendable {
    public private(set) var loading = false
    public private(set) var stale = false
    public init() {}

    /// True if a load should start now; otherwise one more is owed when the running one lands.
    public mutating func ask() -> Bool {
        guard !loading else { stale = true; return false }
        loading = true
        stale = false
        return true
    }

    /// The running load landed (or failed): true if another was asked for meanwhile.
    public mutating func landed() -> Bool {
        loading = false
        return stale
    }
}
