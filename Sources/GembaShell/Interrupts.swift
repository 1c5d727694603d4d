#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GembaCore
import Synchronization

/// Ctrl-C at the prompt: a SIGINT handler that asks running work to stop (`Cancellation.request()`)
/// and wakes the prompt's `poll` through a self-pipe.
///
/// The handler only does async-signal-safe things: an atomic store and a `write` to a non-blocking pipe.
/// Its state lives in `Atomic` statics, which are initialised by `install()` before the handler can run
/// (a static's first use runs a once-initialiser, which must not happen inside a signal handler).
enum Interrupts {
    private static let readEnd = Atomic<Int32>(-1)
    private static let writeEnd = Atomic<Int32>(-1)

    /// The descriptor to poll: readable after a SIGINT; -1 before `install()`.
    static var descriptor: Int32 { readEnd.load(ordering: .relaxed) }

    /// Creates the pipe and installs the SIGINT handler; false when the system refuses.
    static func install() -> Bool {
        Cancellation.reset()  // also initialises the flag's storage outside the handler
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return false }
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd.store(ends[0], ordering: .relaxed)
        writeEnd.store(ends[1], ordering: .relaxed)
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in Interrupts.signalArrived() }
        #else
        action.__sigaction_u.__sa_handler = { _ in Interrupts.signalArrived() }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        return sigaction(SIGINT, &action, nil) == 0
    }

    /// The signal handler's body.
    private static func signalArrived() {
        let saved = errno
        Cancellation.request()
        let fd = writeEnd.load(ordering: .relaxed)
        if fd >= 0 {
            var byte: UInt8 = 1
            _ = write(fd, &byte, 1)
        }
        errno = saved
    }

    /// Empties the pipe; true when a SIGINT had arrived since the last call.
    @discardableResult static func drain() -> Bool {
        let fd = descriptor
        guard fd >= 0 else { return false }
        var any = false
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 { any = true }
        return any
    }
}
