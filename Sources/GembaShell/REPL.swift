#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
// readline's settings are C global variables, which Swift 6 flags as shared mutable state. The prompt
// runs on one thread only and touches them from nowhere else, so importing with @preconcurrency is safe.
@preconcurrency import CReadline
import GembaCore
import Synchronization

/// The interactive prompt on GNU readline's callback interface: a `poll` loop over standard input and
/// the interrupt pipe, so Ctrl-C can clear the line being typed without leaving readline in a bad
/// state, and a statement runs with the terminal in its normal mode.
final class REPL {
    private let shell: Shell
    private let bail: Bool
    private let historyPath: String?
    /// The lines of a statement that is not finished yet.
    private var pending = ""

    static let prompt = "gemba> "
    static let continuationPrompt = "...> "

    /// Lines readline finished (nil for end of input), handed from its C callback to the loop.
    private static let inbox = Mutex<[String?]>([])
    /// What Tab completes against: the session's names and the unfinished statement's earlier lines,
    /// refreshed before each prompt (readline's C callback cannot reach the shell itself).
    private static let completion = Mutex<(names: Completion, pending: String)>((Completion(), ""))

    /// A prompt for `shell`; with `bail`, the first failing statement ends the session with status 1.
    init(shell: Shell, bail: Bool, historyPath: String?) {
        self.shell = shell
        self.bail = bail
        self.historyPath = historyPath
    }

    /// The history file: `$GEMBA_HISTORY`, else `~/.gemba_history`; nil without a home folder.
    static var defaultHistoryPath: String? {
        if let p = getenv("GEMBA_HISTORY") { return String(cString: p) }
        guard let home = getenv("HOME") else { return nil }
        return String(cString: home) + "/.gemba_history"
    }

    /// Reads and runs statements until end of input, `.quit`, or (with `bail`) an error; returns the
    /// exit status.
    func run() -> Int32 {
        rl_readline_name = UnsafePointer(strdup("gemba"))
        rl_catch_signals = 0
        using_history()
        stifle_history(2000)
        if let historyPath { _ = read_history(historyPath) }
        _ = Interrupts.install()
        rl_attempted_completion_function = { text, _, end in REPL.complete(text, end: Int(end)) }
        defer {
            finishAbandoned()
            rl_callback_handler_remove()
            if let historyPath { _ = write_history(historyPath) }
        }
        installPrompt()
        while true {
            guard waitForInput() else { continue }
            while let line = Self.inbox.withLock({ $0.isEmpty ? nil : Optional($0.removeFirst()) }) {
                guard let line else {
                    shell.output.write("\n")
                    return 0
                }
                if let status = handle(line) { return status }
                installPrompt()
            }
        }
    }

    /// Waits for a key or a Ctrl-C and handles it; false when interrupted by a signal.
    private func waitForInput() -> Bool {
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: Interrupts.descriptor, events: Int16(POLLIN), revents: 0)]
        if poll(&fds, nfds_t(fds.count), -1) < 0 {
            if errno == EINTR { return false }
            Self.inbox.withLock { $0.append(nil) }  // standard input is unusable: end as at Ctrl-D
            return true
        }
        if fds[1].revents != 0, Interrupts.drain() {
            clearLine()
            return true
        }
        if fds[0].revents & Int16(POLLNVAL) != 0 {
            Self.inbox.withLock { $0.append(nil) }
        } else if fds[0].revents != 0 {
            rl_callback_read_char()
        }
        return true
    }

    /// Ctrl-C while typing: forget the line and any unfinished statement, show a fresh prompt.
    private func clearLine() {
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_replace_line("", 0)
        fflush(nil)
        shell.output.write("^C\n")
        pending = ""
        Cancellation.reset()
        rl_set_prompt(Self.prompt)
        rl_on_new_line()
        rl_redisplay()
    }

    private func installPrompt() {
        fflush(nil)
        let names = Completion(session: shell.session)
        Self.completion.withLock { $0 = (names, pending) }
        // readline learns of a resized window only while it reads a key; tell it before each prompt.
        var size = winsize()
        if ioctl(0, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            rl_set_screen_size(Int32(size.ws_row), Int32(size.ws_col))
        }
        rl_callback_handler_install(pending.isEmpty ? Self.prompt : Self.continuationPrompt) { raw in
            let line = raw.map { String(cString: $0) }
            free(raw)
            REPL.inbox.withLock { $0.append(line) }
            // Take readline off the terminal until the loop has dealt with the line; installing it
            // again shows the next prompt after any output.
            rl_callback_handler_remove()
        }
    }

    /// Handles one entered line; returns an exit status when the session should end.
    ///
    /// A dot command on a line of its own runs at once. Other lines collect until the statement is
    /// complete, then run as script text; so a pasted block of several lines (readline hands it over
    /// as one line with newlines in it) runs as a script would, dot commands and all.
    private func handle(_ line: String) -> Int32? {
        let outcome: Outcome
        if pending.isEmpty, !line.contains("\n"), Self.isDotLine(line) {
            remember(line)
            outcome = running { [shell] in shell.runDot(line) }
        } else {
            pending += pending.isEmpty ? line : "\n" + line
            if pending.allSatisfy(\.isWhitespace) {
                pending = ""
                return nil
            }
            if StatementSplitter.needsMoreInput(pending) { return nil }
            let text = pending
            pending = ""
            remember(text)
            outcome = running { [shell] in shell.runScript(text) }
        }
        switch outcome {
        case .ok: return nil
        case .failed: return bail ? 1 : nil
        case .exit(let code): return code
        }
    }

    private static func isDotLine<S: StringProtocol>(_ line: S) -> Bool {
        line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(".")
    }

    /// readline's completion hook: the candidates for the word before the cursor, as the NULL-terminated
    /// array readline frees (first the common prefix, then each match). Nil with
    /// `rl_attempted_completion_over` unset lets readline complete a file name instead.
    private static func complete(_ text: UnsafePointer<CChar>?, end: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1
        let line = rl_line_buffer.map { String(cString: $0) } ?? ""
        let before = String(decoding: Array(line.utf8.prefix(end)), as: UTF8.self)
        let (names, pending) = completion.withLock { $0 }
        guard let items = names.candidates(before: pending.isEmpty ? before : pending + "\n" + before) else {
            rl_attempted_completion_over = 0
            return nil
        }
        // readline replaces its own word (which stops at '.'), so drop what lies before it.
        let word = text.map { String(cString: $0) } ?? ""
        let typed = String(before.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }.reversed())
        let cut = max(0, typed.count - word.count)
        let matches = items.map { String($0.dropFirst(cut)) }.filter { $0.hasPrefix(word) }
        guard !matches.isEmpty else { return nil }
        // readline frees the array with free(): allocate it with malloc.
        guard let raw = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (matches.count + 2)) else { return nil }
        let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: matches.count + 2)
        array[0] = strdup(matches.count == 1 ? matches[0] : Completion.commonPrefix(matches))
        for (k, m) in matches.enumerated() where matches.count > 1 { array[k + 1] = strdup(m) }
        array[matches.count == 1 ? 1 : matches.count + 1] = nil
        return array
    }

    /// A statement abandoned by Ctrl-C that has not noticed yet; it must end before the next one runs.
    private var abandoned: Job?

    /// Runs `work` on a worker thread, with Ctrl-C cancelling it instead of clearing a line. The prompt
    /// comes back at once: the engine stops at its next cancellation check, and if that takes longer
    /// than a moment the statement is abandoned (its output muted) and waited for before the next one.
    private func running(_ work: @escaping () -> Outcome) -> Outcome {
        finishAbandoned()
        Interrupts.drain()
        Cancellation.reset()
        let job = Job(work)
        let ticker = ProgressTicker.start()
        job.start()
        while !job.isDone {
            var fds = [pollfd(fd: Interrupts.descriptor, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, 10)
            guard Interrupts.drain() else { continue }
            // Ctrl-C: the flag is set; give the engine a moment to stop cleanly and report it.
            ticker?.stop()
            if job.wait(milliseconds: 100) { break }
            Sink.muted.store(true, ordering: .relaxed)
            abandoned = job
            writeAll(2, Array("\nerror: interrupted\n".utf8))
            return .failed
        }
        ticker?.stop()
        let outcome = job.outcome
        Interrupts.drain()
        Cancellation.reset()
        return outcome
    }

    /// Waits for an abandoned statement to end, then lets output through again.
    private func finishAbandoned() {
        guard let job = abandoned else { return }
        while !job.wait(milliseconds: 1000) {}
        abandoned = nil
        Sink.muted.store(false, ordering: .relaxed)
    }

    /// Adds what was entered to the history. Several lines become one when that means the same (no
    /// `//` comment that would swallow the rest, no dot command), else each line is an entry.
    private func remember(_ text: String) {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        if lines.contains(where: { $0.contains("//") || Self.isDotLine($0) }) {
            for l in lines { add_history(l) }
        } else if !lines.isEmpty {
            add_history(lines.joined(separator: " "))
        }
    }
}

extension Substring {
    /// The text without leading and trailing white space.
    func trimmingCharacters() -> String {
        String(drop(while: \.isWhitespace)).trimmingTrailingWhitespace()
    }
}
