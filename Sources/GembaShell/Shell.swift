import Foundation
import GembaCore
import GembaWorkspace

/// How running a script, a statement or a command ended.
public enum Outcome: Equatable, Sendable {
    /// Everything succeeded.
    case ok
    /// Something failed; its error is already printed.
    case failed
    /// `.quit` or `.exit CODE`: leave with this status.
    case exit(Int32)
}

/// The shell around a session: runs scripts and dot commands, prints results in the current mode,
/// and reports errors. Used by the command line, the prompt and the tests (with memory sinks).
public final class Shell {
    /// The engine session: tables, views, scalars and the last result.
    public let session: Session
    /// How results print (`.mode`).
    public var mode: OutputMode
    /// Standard output (or a memory sink in tests).
    let output: Sink
    /// Standard error (or a memory sink in tests).
    let errors: Sink
    /// True at the prompt: a few notes go to standard error, and long results are cut to the screen.
    var interactive = false
    /// `.output FILE`: where results go until `.output` alone.
    private var redirect: Sink?
    /// `.once FILE`: where the next result goes.
    private var once: Sink?
    /// `.timer on`.
    var timer = false
    /// The open workspace, where tables and views are written through to.
    var workspace: Workspace?
    /// How deep `.read` scripts are nested (0 for the top level).
    private var depth = 0
    /// The last result when it was a chart (`render`), for `.export FILE.svg`.
    var lastChart: (table: Table, spec: ChartSpec)?
    /// Where results go instead of being printed, unless `.output` or `.once` sends them to a file
    /// (the notebook runner keeps them as the cell's outputs).
    var resultHandler: ((StatementResult) -> Void)?

    /// A shell printing to `output` and `errors` in `mode`.
    public init(session: Session = Session(), mode: OutputMode = .table, output: Sink = .standardOutput(), errors: Sink = .standardError()) {
        self.session = session
        self.mode = mode
        self.output = output
        self.errors = errors
    }

    // MARK: Running text

    /// Runs script text: dot commands and statements in order, stopping at the first error. `file`
    /// names the script in errors when it is run by `.read`.
    public func runScript(_ text: String, file: String? = nil) -> Outcome {
        for item in ScriptSplitter.split(text) {
            let outcome: Outcome
            switch item {
            case .dot(let line, _): outcome = runDot(line)
            case .statements(let chunk, let firstLine): outcome = runStatements(chunk, firstLine: firstLine, file: file)
            }
            if outcome != .ok { return outcome }
        }
        return .ok
    }

    /// Runs language text (no dot commands), printing each result; stops at the first error.
    public func runStatements(_ text: String, firstLine: Int = 1, file: String? = nil) -> Outcome {
        Cancellation.reset()
        let clock = ContinuousClock()
        var start = clock.now
        do {
            try session.run(text, firstLine: firstLine) { result in
                let elapsed = clock.now - start
                try show(result)
                if timer { reportTime(elapsed) }
                start = clock.now
            }
            return .ok
        } catch {
            var message = error.description
            if depth > 0, let file {
                // In a script run by `.read`, say which file the line numbers belong to.
                message = message.split(separator: "\n", omittingEmptySubsequences: false).map {
                    $0.hasPrefix("error: ") ? "\($0) in \(file)" : String($0)
                }.joined(separator: "\n")
            }
            // At the prompt the terminal echoed ^C; start the message on a line of its own.
            if interactive, Cancellation.isRequested { errors.write("\n") }
            errors.line(message)
            return .failed
        }
    }

    /// Runs one dot command line, printing its error if it fails.
    public func runDot(_ line: String) -> Outcome {
        do {
            return try perform(DotCommand.parse(line))
        } catch {
            errors.line(error.text)
            return .failed
        }
    }

    /// Runs a script file (`-f`, `.read`, the start-up script); line numbers in its errors are the
    /// file's. When `nested`, errors also name the file.
    func runScriptFile(_ path: String, nested: Bool, command: String) throws(ShellError) -> Outcome {
        let text: String
        switch readTextFile(path) {
        case .success(let t): text = t
        case .failure(let e): throw ShellError(text: "error: \(command): cannot read '\(path)': \(e)")
        }
        guard depth < 32 else { throw ShellError(text: "error: \(command): scripts nested too deeply (a script reading itself?)") }
        if nested { depth += 1 }
        defer { if nested { depth -= 1 } }
        return runScript(text, file: path)
    }

    // MARK: Printing

    /// Prints one statement's result; throws when a chart's SVG cannot be written.
    private func show(_ result: StatementResult) throws(ShellError) {
        // What is kept for `.export` and what is written to files happens wherever results go.
        switch result {
        case .table: lastChart = nil
        case .chart(let table, let spec): lastChart = (table, spec)
        case .chartExport(let path, let table, let spec): try writeChart(table, spec, to: path)
        default: break
        }
        if let resultHandler, once == nil, redirect == nil {
            resultHandler(result)
            return
        }
        switch result {
        case .table(let table):
            printTable(table, limitRows: true)
        case .chart(let table, let spec):
            printChart(table, spec)
        case .chartExport(let path, let table, _):
            if interactive { errors.line("exported a chart of \(table.rowCount) row\(table.rowCount == 1 ? "" : "s") to \(path)") }
        case .defined:
            break
        case .exported(let path, let rows):
            if interactive { errors.line("exported \(rows) row\(rows == 1 ? "" : "s") to \(path)") }
        case .stored(let name, let rows):
            if interactive { errors.line("stored \(rows) row\(rows == 1 ? "" : "s") as table \(name)") }
        }
    }

    /// Prints a table in the current mode to the current destination (`.once`, `.output`, or standard
    /// output). In table mode on a terminal the table fits the screen's width, and with `limitRows` a
    /// long one shows its first and last rows.
    func printTable(_ table: Table, limitRows: Bool) {
        let sink = once ?? redirect ?? output
        if let format = mode.fileFormat {
            sink.write(TableWriter.render(table, format: format))
        } else {
            let rows = limitRows && sink.isTerminal ? 40 : nil
            sink.line(TableView.render(table, maxWidth: sink.terminalWidth, maxRows: rows))
        }
        if let o = once {
            o.close()
            once = nil
        }
    }

    /// Draws a chart to the current destination: coloured on a terminal unless `NO_COLOR` is set, as
    /// wide as the terminal (80 columns elsewhere).
    func printChart(_ table: Table, _ spec: ChartSpec) {
        let sink = once ?? redirect ?? output
        let noColour = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        sink.write(TerminalChart.render(table, spec, width: sink.terminalWidth ?? 80, colour: sink.isTerminal && !noColour))
        if let o = once {
            o.close()
            once = nil
        }
    }

    /// Writes a chart as SVG to `path` (`render ... | export "x.svg"`, `.export x.svg`).
    func writeChart(_ table: Table, _ spec: ChartSpec, to path: String) throws(ShellError) {
        do {
            try ChartSVG.render(table, spec).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ShellError(text: "export failed: cannot write '\(path)': \(error.localizedDescription)")
        }
    }

    /// Prints text (help, the mode) to the current destination.
    func printText(_ text: String) {
        let sink = once ?? redirect ?? output
        sink.line(text)
        if let o = once {
            o.close()
            once = nil
        }
    }

    /// `.timer on`: the statement's wall time in seconds, to the microsecond.
    private func reportTime(_ elapsed: Duration) {
        let (seconds, attoseconds) = elapsed.components
        let us = Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
        let text = "\(us / 1_000_000)." + String(us % 1_000_000).leftPadded(to: 6, with: "0")
        errors.line("Run Time: real \(text) s")
    }

    /// Sends results to `sink` until `sink` is nil (`.output`).
    func redirect(to sink: Sink?) {
        redirect?.close()
        redirect = sink
    }

    /// Sends the next result to `sink` (`.once`).
    func redirectOnce(to sink: Sink) {
        once?.close()
        once = sink
    }

    /// Closes any `.output` or `.once` file.
    public func closeFiles() {
        redirect(to: nil)
        once?.close()
        once = nil
    }
}

extension String {
    /// The string padded on the left with `pad` to at least `width` characters.
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
