import GembaCore

/// The outcome of running a notebook.
public struct NotebookRun: Sendable {
    /// The notebook with its code cells' new outputs and execution counts.
    public var notebook: Notebook
    /// The cells that failed (index in `cells`, from 0) and their error text.
    public var failures: [(cell: Int, message: String)]
    /// The exit status: 0 when every code cell ran, 1 when one failed, or the code of an `.exit`.
    public var status: Int32
}

/// Runs a notebook's code cells in order as one shell session: a `let` in one cell is seen by the
/// next, and dot commands work as in a script. Each cell's results become its outputs; markdown and
/// raw cells are left as they are.
///
/// A failing cell gets an `error` output and, as with Jupyter's `nbconvert --execute`, the run stops
/// there: the cells after it are cleared (no outputs, no execution count), so no stale output is
/// left next to code that did not run. With `continueAfterError` the run goes on (like nbconvert's
/// `--allow-errors`); the status is 1 either way.
public enum NotebookRunner {
    /// Runs `notebook` in the current folder, where its relative paths resolve.
    public static func run(_ notebook: Notebook, continueAfterError: Bool = false) -> NotebookRun {
        let recorder = CellRecorder()
        let shell = Shell(mode: .table, output: recorder.output, errors: recorder.errors)
        shell.resultHandler = { [unowned shell, recorder] result in
            recorder.takeText()
            if let output = NotebookOutput.output(for: result, mode: shell.mode) { recorder.outputs.append(output) }
        }
        defer {
            shell.resultHandler = nil
            shell.closeFiles()
        }

        var cells = notebook.cells
        var failures: [(cell: Int, message: String)] = []
        var status: Int32 = 0
        var stopped = false
        var count = 0
        for (i, cell) in cells.enumerated() where Notebook.type(of: cell) == "code" {
            guard !stopped else {
                cells[i] = cell.setting("execution_count", .null).setting("outputs", .array([]))
                continue
            }
            count += 1
            recorder.start()
            let outcome = shell.runScript(Notebook.source(of: cell))
            let outputs = recorder.finish(failed: outcome == .failed)
            cells[i] = cell.setting("execution_count", .int(count))
                .setting("outputs", .array(NotebookOutput.json(outputs, executionCount: count)))
            switch outcome {
            case .ok:
                break
            case .failed:
                failures.append((i, recorder.lastError))
                status = 1
                if !continueAfterError { stopped = true }
            case .exit(let code):
                if status == 0 { status = code }
                stopped = true
            }
        }
        var result = notebook
        result.setCells(Self.withIDs(cells, minorVersion: notebook.minorVersion))
        result.claimKernel()
        return NotebookRun(notebook: result, failures: failures, status: status)
    }

    /// nbformat 4.5 and later require an `id` on every cell: cells without one get `cell-N` (N its
    /// position from 1, with a suffix if that is taken), so running a notebook twice gives the same ids.
    static func withIDs(_ cells: [JSONValue], minorVersion: Int) -> [JSONValue] {
        guard minorVersion >= 5 else { return cells }
        var taken = Set(cells.compactMap { $0["id"]?.stringValue })
        return cells.enumerated().map { i, cell in
            guard cell["id"] == nil else { return cell }
            var id = "cell-\(i + 1)"
            var k = 2
            while taken.contains(id) {
                id = "cell-\(i + 1)-\(k)"
                k += 1
            }
            taken.insert(id)
            return cell.setting("id", .string(id))
        }
    }
}

/// Collects one cell's outputs in order: results handed over by the shell, and the text it printed
/// (to memory sinks) between them.
private final class CellRecorder {
    let output = Sink.memory()
    let errors = Sink.memory()
    var outputs: [CellOutput] = []
    /// The error text of the last failed cell.
    private(set) var lastError = ""
    private var outputSeen = 0
    private var errorsSeen = 0

    func start() {
        outputs = []
        takeText()
    }

    /// Turns text printed since the last call into stream outputs.
    func takeText() {
        let out = Self.newText(output.text, after: &outputSeen)
        if !out.isEmpty { outputs.append(.stream(name: "stdout", text: out)) }
        let err = Self.newText(errors.text, after: &errorsSeen)
        if !err.isEmpty { outputs.append(.stream(name: "stderr", text: err)) }
    }

    /// The cell's outputs; when it failed, what it wrote to standard error last is its error output.
    func finish(failed: Bool) -> [CellOutput] {
        let out = Self.newText(output.text, after: &outputSeen)
        if !out.isEmpty { outputs.append(.stream(name: "stdout", text: out)) }
        let err = Self.newText(errors.text, after: &errorsSeen)
        if failed {
            lastError = err.isEmpty ? "error: the cell failed" : err
            outputs.append(.error(lastError))
        } else if !err.isEmpty {
            outputs.append(.stream(name: "stderr", text: err))
        }
        return outputs
    }

    private static func newText(_ text: String, after seen: inout Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > seen else { return "" }
        let new = String(Substring(utf8.dropFirst(seen)))
        seen = utf8.count
        return new
    }
}
