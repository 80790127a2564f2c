/// An in-memory backend for tests: keys are queued, frames are kept.
public final class TextBackend: Backend {
    public private(set) var size: (width: Int, height: Int)
    /// Queued input, consumed front to back by `readKey` (nil once empty).
    public var keys: [Key]
    public private(set) var lastFrame: ScreenBuffer?
    public private(set) var frames: Int = 0
    public private(set) var bells: Int = 0
    public private(set) var isStarted = false
    /// Where the hardware cursor would be shown; nil when hidden. As in NcursesBackend: the
    /// last frame's focused field, else the position given to `showCursor`.
    public var cursor: (x: Int, y: Int)? { lastFrame?.cursor.map { ($0.x, $0.y) } ?? placedCursor }
    private var placedCursor: (x: Int, y: Int)?

    public init(width: Int, height: Int, keys: [Key] = []) {
        size = (width, height)
        self.keys = keys
    }

    public func start() throws { isStarted = true }
    public func stop() { isStarted = false }

    public func present(_ buffer: ScreenBuffer) {
        lastFrame = buffer
        frames += 1
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        keys.isEmpty ? nil : keys.removeFirst()
    }

    public func bell() { bells += 1 }
    public func showCursor(at x: Int, y: Int) { placedCursor = (x, y) }
    public func hideCursor() { placedCursor = nil }

    /// Changes the size and queues `.resize`, as a terminal window change would.
    public func resize(width: Int, height: Int) {
        size = (width, height)
        keys.append(.resize)
    }
}
