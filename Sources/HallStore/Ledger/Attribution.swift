/// Who did a business write and from which terminal: goes into every audit entry.
public struct Attribution: Sendable, Equatable {
    public var clerkId: String?
    public var clerkNumber: String?
    public var terminal: String
    public init(clerkId: String? = nil, clerkNumber: String? = nil, terminal: String) {
        self.clerkId = clerkId; self.clerkNumber = clerkNumber; self.terminal = terminal
    }
    public static func system(_ terminal: String) -> Attribution { Attribution(terminal: terminal) }
}
