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

    /// The error of work stopped by Ctrl-C outside a statement (a `.load`'s commit), where there is
    /// no source range for a `Diagnostic`.
    public struct Interrupted: Error, Sendable, CustomStringConvertible {
        public var description: String { "interrupted" }
    }

    /// Throws `interrupted` when cancellation was requested.
    @inline(__always) public static func check(_ range: SourceRange) throws(Diagnostic) {
        if flag.load(ordering: .relaxed) { throw Diagnostic("interrupted", at: range) }
    }
}

/// True every 65,536th row when cancellation was requested: kernels poll it in their loops and stop
/// early; the executor then throws `interrupted` at its next check, so a half-done result is never used.
@inline(__always) func interrupted(_ row: Int) -> Bool {
    row & 0xFFFF == 0 && Cancellation.isRequested
}
