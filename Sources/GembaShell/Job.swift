import Dispatch
import Foundation
import Synchronization

/// A statement running on its own thread, so the prompt's thread stays free to notice Ctrl-C.
///
/// The work closure touches the shell and its session, which are not thread-safe. That is sound
/// because the prompt's thread does not touch them while a job runs: it only polls for Ctrl-C and
/// waits, and it waits for an abandoned job to end before running anything else. Hence
/// `@unchecked Sendable`.
final class Job: @unchecked Sendable {
    private let work: () -> Outcome
    private let done = DispatchSemaphore(value: 0)
    private let finished = Atomic<Bool>(false)
    /// The result, once `isDone`.
    private(set) var outcome: Outcome = .failed

    init(_ work: @escaping () -> Outcome) { self.work = work }

    /// Starts the work on a new thread with a large stack (deeply nested queries recurse).
    func start() {
        let thread = Thread { [self] in
            outcome = work()
            finished.store(true, ordering: .releasing)
            done.signal()
        }
        thread.stackSize = 64 << 20
        thread.start()
    }

    /// True once the work has ended.
    var isDone: Bool { finished.load(ordering: .acquiring) }

    /// Waits up to `milliseconds` for the work to end; true when it has.
    func wait(milliseconds: Int) -> Bool {
        if isDone { return true }
        guard done.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return false }
        done.signal()  // keep it signalled for later waits
        return true
    }
}
