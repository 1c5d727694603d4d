#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time a statement started: `now()` and `today()` read it, so they are fixed for one statement.
public struct StatementClock: Sendable {
    /// Microseconds since the epoch, UTC.
    public let now: Int64

    /// A clock stopped at `now`.
    public init(now: Int64) { self.now = now }

    /// The wall-clock time now.
    public static func current() -> StatementClock {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return StatementClock(now: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000)
    }
}
