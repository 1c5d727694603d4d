import Synchronization

/// The process-wide "stop what you are doing" flag that Ctrl-C sets. Long work checks it per morsel
/// (`Cancellation.check`) and unwinds with an error, so the prompt comes back at once.
public enum Cancellation {
    private static let flag = Atomic<Bool>(false)

    /// Asks running work to stop; safe to call from a signal handler.
    public static func request() { flag.store(true, ordering: .relaxed) }

    /// Clears the flag before a statement starts.
    public static func reset() { flag.store(false, ordering: .relaxed) }

    /// True once `request()` was called since the last `reset()`.
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws `interrupted` when cancellation was requested.
    @inline(__always) public static func check(_ range: SourceRange) throws(Diagnostic) {
        if flag.load(ordering: .relaxed) { throw Diagnostic("interrupted", at: range) }
    }
}
