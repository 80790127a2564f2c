import HallCore

/// Who did a business write and from which terminal: goes into every audit entry.
public struct Attribution: Sendable, Equatable {
    public var clerkId: String?
    public var clerkNumber: String?
    public var terminal: String
    /// With no clerk: which unattended device wrote (nil = the node itself, `.station`). The role
    /// of a clerk always comes from the clerk row, never from here.
    public var device: HallRole?
    public init(clerkId: String? = nil, clerkNumber: String? = nil, terminal: String) {
        self.clerkId = clerkId; self.clerkNumber = clerkNumber; self.terminal = terminal
    }
    public static func system(_ terminal: String) -> Attribution { Attribution(terminal: terminal) }
}
