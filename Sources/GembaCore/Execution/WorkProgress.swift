import Synchronization

/// How far long work has come: the process-wide counters a progress bar reads. Like `Cancellation`,
/// one per process, because one statement runs at a time.
///
/// Readers update it per chunk (a CSV reader per window of bytes, the workspace reader per 65,536 rows),
/// from any thread; it holds no terminal code. The shell's ticker reads `snapshot` a few times a second
/// and draws the bar. A phase (`begin` ... `end`) is one piece of work with a known total: a file's
/// bytes, a table's rows. Outside a phase the work's size is unknown (a long query) and the bar shows
/// only that it is working.
public enum WorkProgress {
    private static let done = Atomic<Int>(0)
    private static let total = Atomic<Int>(0)
    private static let rows = Atomic<Int>(0)
    private static let phase = Atomic<Int>(0)
    /// The phase's label and when it began.
    private static let info = Mutex<(label: String, start: ContinuousClock.Instant)>(("", ContinuousClock.now))

    /// What the counters say at one moment.
    public struct Snapshot: Equatable, Sendable {
        /// Which phase this is: it changes at each `begin`, so a reader can tell a new phase from more
        /// of the same one.
        public var phase: Int
        /// What the phase is doing, e.g. `reading big.csv`; empty outside a phase.
        public var label: String
        /// Units done (bytes, rows) of `total`.
        public var done: Int
        /// Units in all; 0 when unknown.
        public var total: Int
        /// Rows done so far in the phase.
        public var rows: Int
        /// Seconds since the phase began.
        public var seconds: Double
        /// A snapshot with these values (for tests and other readers).
        public init(phase: Int, label: String, done: Int, total: Int, rows: Int, seconds: Double) {
            self.phase = phase
            self.label = label
            self.done = done
            self.total = total
            self.rows = rows
            self.seconds = seconds
        }

        /// The fraction done, from 0 to 1; nil when the total is unknown.
        public var fraction: Double? {
            total > 0 ? min(1, max(0, Double(done) / Double(total))) : nil
        }
    }

    /// Starts a phase of `total` units (0: unknown) described by `label`.
    public static func begin(_ text: String, total units: Int) {
        info.withLock { $0 = (text, ContinuousClock.now) }
        done.store(0, ordering: .relaxed)
        rows.store(0, ordering: .relaxed)
        total.store(max(0, units), ordering: .relaxed)
        phase.add(1, ordering: .releasing)
    }

    /// Adds `units` done and `rowCount` rows to the phase; safe from several threads at once.
    @inline(__always) public static func advance(_ units: Int, rows rowCount: Int) {
        done.add(units, ordering: .relaxed)
        rows.add(rowCount, ordering: .relaxed)
    }

    /// Ends the phase: the size of what runs next is unknown again.
    public static func end() {
        info.withLock { $0 = ("", ContinuousClock.now) }
        total.store(0, ordering: .relaxed)
        done.store(0, ordering: .relaxed)
        rows.store(0, ordering: .relaxed)
        phase.add(1, ordering: .releasing)
    }

    /// The counters now.
    public static var snapshot: Snapshot {
        let p = phase.load(ordering: .acquiring)
        let (label, start) = info.withLock { $0 }
        let (s, atto) = (ContinuousClock.now - start).components
        return Snapshot(phase: p, label: label, done: done.load(ordering: .relaxed), total: total.load(ordering: .relaxed),
                        rows: rows.load(ordering: .relaxed), seconds: Double(s) + Double(atto) / 1e18)
    }
}
