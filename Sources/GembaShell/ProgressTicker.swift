#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import GembaCore
import Synchronization

/// The progress bar: while work runs, a thread of its own waits a second and then redraws one line on
/// standard error a few times a second from `WorkProgress.snapshot` (what is being done, a bar and a
/// percentage when the size is known, rows and rows per second), and clears it when the work ends.
///
/// It only runs when standard error is a terminal (and `TERM` is not `dumb`): a bar is no use in a
/// file or a pipe, so there nothing is drawn. Output never mixes with it: every write to a terminal
/// or file by a `Sink` first clears the bar (see `TerminalLine`), and the bar is cleared before the
/// prompt comes back.
final class ProgressTicker: @unchecked Sendable {
    /// How long work runs before the bar shows.
    static let delay = DispatchTimeInterval.milliseconds(1000)
    /// How often the bar is redrawn.
    static let interval = DispatchTimeInterval.milliseconds(200)

    private let stopRequest = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let isStopped = Atomic<Bool>(false)

    private init() {}

    /// A running ticker when standard error is a terminal; nil (nothing to stop) otherwise.
    static func start() -> ProgressTicker? {
        guard isatty(2) == 1, !isDumbTerminal else { return nil }
        WorkProgress.end()  // nothing left over from earlier work
        let ticker = ProgressTicker()
        let thread = Thread { [ticker] in ticker.run() }
        thread.stackSize = 1 << 20
        thread.start()
        return ticker
    }

    /// Stops the ticker and clears its line; returns once the line is clear. Later calls do nothing.
    func stop() {
        guard !isStopped.exchange(true, ordering: .relaxed) else { return }
        stopRequest.signal()
        stopped.wait()
    }

    private static var isDumbTerminal: Bool {
        guard let term = getenv("TERM") else { return false }
        return String(cString: term) == "dumb"
    }

    private func run() {
        defer {
            TerminalLine.clear()
            stopped.signal()
        }
        if stopRequest.wait(timeout: .now() + Self.delay) == .success { return }
        let clock = ContinuousClock()
        let started = clock.now - .seconds(1)
        var frame = 0
        repeat {
            let snapshot = WorkProgress.snapshot
            let total = Self.seconds(clock.now - started)
            TerminalLine.draw(Self.line(snapshot, totalSeconds: total, frame: frame, width: Self.width()))
            frame += 1
        } while stopRequest.wait(timeout: .now() + Self.interval) != .success
    }

    private static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }

    private static func width() -> Int {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    private static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// The bar's text, at most `width - 1` columns (a line that fills the last column would wrap).
    static func line(_ s: WorkProgress.Snapshot, totalSeconds: Double, frame: Int, width: Int) -> String {
        var right = ""
        if let fraction = s.fraction {
            let cells = 20
            let full = Int((fraction * Double(cells)).rounded(.down))
            right += " " + String(repeating: "█", count: full) + String(repeating: "░", count: cells - full)
            right += " " + String(Int((fraction * 100).rounded(.down))).leftPadded(to: 3) + "%"
        } else {
            right += " " + String(spinner[frame % spinner.count]) + " " + oneDecimal(totalSeconds) + " s"
        }
        if s.rows > 0 {
            right += "  " + ValueText.grouped(s.rows) + " rows"
            if s.seconds >= 0.5 { right += "  " + ValueText.grouped(Int(Double(s.rows) / s.seconds)) + " rows/s" }
        }
        var label = s.label.isEmpty ? "working" : ValueText.visible(s.label)
        let room = max(0, width - 1 - right.count)
        if label.count > room {
            label = room > 1 ? "…" + String(label.suffix(room - 1)) : ""
        }
        let text = label + right
        return text.count > width - 1 ? String(text.prefix(max(0, width - 1))) : text
    }

    private static func oneDecimal(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// The line on standard error the progress bar is drawn on, shared with everything that writes to a
/// descriptor: a write first clears a drawn bar, under one lock, so a result is never printed into
/// the middle of the bar (nor the bar into a result).
enum TerminalLine {
    /// True while a bar is on the screen.
    private static let drawn = Mutex<Bool>(false)
    private static let clearCode = Array("\r\u{1B}[K".utf8)

    /// Runs `write` with the bar cleared and kept off meanwhile.
    static func exclusive(_ write: () -> Void) {
        drawn.withLock { isDrawn in
            if isDrawn {
                writeAll(2, clearCode)
                isDrawn = false
            }
            write()
        }
    }

    /// Replaces the bar with `text` (one line, no newline).
    static func draw(_ text: String) {
        if Sink.muted.load(ordering: .relaxed) { return }
        drawn.withLock { isDrawn in
            writeAll(2, clearCode + Array(text.utf8))
            isDrawn = true
        }
    }

    /// Clears the bar if one is drawn.
    static func clear() {
        exclusive {}
    }
}
