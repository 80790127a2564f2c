import Foundation

/// PIN lock-out: after `maxAttempts` wrong PINs the clerk is locked for `lockMinutes`.
public struct SignInState: Equatable, Sendable {
    public var failedAttempts: Int
    public var lockedUntil: Date?
    public init(failedAttempts: Int = 0, lockedUntil: Date? = nil) {
        self.failedAttempts = failedAttempts; self.lockedUntil = lockedUntil
    }
}

public enum SignInOutcome: Equatable, Sendable {
    case accepted
    case wrongPIN(remainingAttempts: Int)
    case locked(until: Date)
}

public enum SignInPolicy {
    public static func isLocked(_ state: SignInState, now: Date) -> Date? {
        if let until = state.lockedUntil, until > now { return until }
        return nil
    }

    /// The next state after one attempt, and what to tell the clerk.
    public static func attempt(_ state: SignInState, pinMatches: Bool, now: Date, policy: QueuePolicy) -> (SignInState, SignInOutcome) {
        if let until = isLocked(state, now: now) { return (state, .locked(until: until)) }
        // A lock that has run out starts a fresh count.
        var s = state.lockedUntil != nil ? SignInState() : state
        if pinMatches { return (SignInState(), .accepted) }
        s.failedAttempts += 1
        if s.failedAttempts >= policy.pinMaxAttempts {
            let until = now + TimeInterval(policy.pinLockMinutes * 60)
            return (SignInState(failedAttempts: s.failedAttempts, lockedUntil: until), .locked(until: until))
        }
        return (s, .wrongPIN(remainingAttempts: policy.pinMaxAttempts - s.failedAttempts))
    }
}
