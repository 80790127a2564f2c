import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writers of one store take SQLite's write lock in the order they asked for it: a ticket lock in
/// a small shared file beside the store (`<store>-writers`), one process-shared semaphore per turn.
///
/// Why: with SQLite's busy handler every waiter polls, so after a release the lock sits idle until
/// some poller wakes, and which one wins is random. At 16 saturating processes that gave call-next a
/// p99 of 210 ms (a lucky window kept winning, an unlucky one waited 20 turns) and 13 % of a raw
/// loop's throughput (see BENCHMARKS.md). In turn, each writer waits for those ahead of it only and
/// is woken by the one before it, so the lock passes on at once and in order.
///
/// The turn is advisory: SQLite's own lock (BEGIN IMMEDIATE) still serializes the writes. A writer
/// that cannot get its turn in time (a holder that hangs, more than `slots` writers at once) goes on
/// without it, and a turn whose holder died (SIGKILL mid-transaction) is skipped by the next in line,
/// so a dead process never blocks the hall.
final class WriterTurns: @unchecked Sendable {
    static let magic: UInt32 = 0x5943_5731            // "YCW1": layout version
    static let slots: UInt32 = 256
    static let headerSize = 64, slotSize = 64
    static var fileSize: Int { headerSize + Int(slots) * slotSize }

    /// A taken turn. `inOrder` is false when the writer went on without waiting its turn.
    struct Turn { let number: UInt32; let inOrder: Bool }

    private let base: UnsafeMutableRawPointer
    /// How long a writer waits for its turn before going on to SQLite's busy handler alone.
    var patience: Double = 10
    /// How long a turn whose holder never wrote its pid may stay current before it is skipped.
    var unclaimedLimit: Double = 0.2

    /// Nil when the side file cannot be made (read-only folder, another user's file): writes then
    /// wait on SQLite's busy handler alone, as before.
    init?(storePath: String) {
        let fd = open(storePath + "-writers", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        if Int(st.st_size) < Self.fileSize, ftruncate(fd, off_t(Self.fileSize)) != 0 { return nil }
        guard let p = mmap(nil, Self.fileSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0),
              p != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        base = p
        if word(0).pointee.load(ordering: .acquiring) != Self.magic {
            // First opener sets the semaphores up; flock keeps two first openers apart.
            flock(fd, LOCK_EX)
            if word(0).pointee.load(ordering: .acquiring) != Self.magic {
                for i in 0..<Self.slots {
                    pid(i).pointee.store(0, ordering: .relaxed)
                    _ = sem_init(sem(i), 1, 0)
                }
                word(1).pointee.store(0, ordering: .relaxed)
                word(2).pointee.store(0, ordering: .relaxed)
                word(0).pointee.store(Self.magic, ordering: .releasing)
            }
            flock(fd, LOCK_UN)
        }
    }

    deinit { munmap(base, Self.fileSize) }

    // Header words: 0 magic, 1 next turn to give out, 2 turn now serving. Slot i: owner pid, then its semaphore.
    private func word(_ i: Int) -> UnsafeMutablePointer<Atomic<UInt32>> {
        (base + i * 4).assumingMemoryBound(to: Atomic<UInt32>.self)
    }
    private var next: UnsafeMutablePointer<Atomic<UInt32>> { word(1) }
    private var serving: UnsafeMutablePointer<Atomic<UInt32>> { word(2) }
    private func pid(_ turn: UInt32) -> UnsafeMutablePointer<Atomic<Int32>> {
        (base + Self.headerSize + Int(turn % Self.slots) * Self.slotSize).assumingMemoryBound(to: Atomic<Int32>.self)
    }
    private func sem(_ turn: UInt32) -> UnsafeMutablePointer<sem_t> {
        (base + Self.headerSize + Int(turn % Self.slots) * Self.slotSize + 8).assumingMemoryBound(to: sem_t.self)
    }

    /// Runs `body` in this writer's turn.
    func inTurn<T>(_ body: () throws -> T) rethrows -> T {
        let turn = wait(for: take())
        defer { release(turn) }
        return try body()
    }

    /// Takes the next turn number (the place in line); `owner` is this process unless a test says.
    func take(owner: Int32 = getpid()) -> UInt32 {
        let t = next.pointee.wrappingAdd(1, ordering: .acquiringAndReleasing).oldValue
        pid(t).pointee.store(owner, ordering: .releasing)
        return t
    }

    /// Sleeps until turn `t` is served. While it waits it checks the turn being served: a holder
    /// that died, gave up, or never wrote its pid is skipped.
    func wait(for t: UInt32) -> Turn {
        let start = Self.seconds()
        var watched = serving.pointee.load(ordering: .acquiring), watchedSince = start
        while true {
            let s = serving.pointee.load(ordering: .acquiring)
            if s == t {
                while sem_trywait(sem(t)) == 0 {}          // a late wake-up left from an earlier round
                return Turn(number: t, inOrder: true)
            }
            if Int32(bitPattern: s &- t) > 0 { return Turn(number: t, inOrder: false) }   // skipped past us
            let now = Self.seconds()
            if now - start > patience {
                pid(t).pointee.store(-1, ordering: .releasing)   // gone: the line skips this turn
                return Turn(number: t, inOrder: false)
            }
            if s != watched { watched = s; watchedSince = now }
            let holder = pid(s).pointee.load(ordering: .acquiring)
            if holder == -1 || (holder > 0 && kill(holder, 0) != 0 && errno == ESRCH)
                || (holder == 0 && now - watchedSince > unclaimedLimit) {
                advance(from: s)
                continue
            }
            var deadline = timespec()
            clock_gettime(CLOCK_REALTIME, &deadline)
            deadline.tv_nsec += 20_000_000                  // look at the holder again every 20 ms
            if deadline.tv_nsec >= 1_000_000_000 { deadline.tv_sec += 1; deadline.tv_nsec -= 1_000_000_000 }
            _ = sem_timedwait(sem(t), &deadline)
        }
    }

    /// Hands the lock to the next in line (if this turn is still the one served).
    func release(_ turn: Turn) {
        pid(turn.number).pointee.store(turn.inOrder ? 0 : -1, ordering: .releasing)
        advance(from: turn.number)
    }

    private func advance(from s: UInt32) {
        if serving.pointee.compareExchange(expected: s, desired: s &+ 1, ordering: .acquiringAndReleasing).exchanged {
            _ = sem_post(sem(s &+ 1))
        }
    }

    private static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
