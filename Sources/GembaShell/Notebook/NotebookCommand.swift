#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GembaCore

extension Shell {
    /// `gemba notebook run PATH [-o OUT]`: runs the notebook at `path` and writes it with its outputs to
    /// `outputPath`, or back to `path` atomically. Returns the exit status: 0 when every code cell ran,
    /// 1 when one failed or the notebook could not be read or written (the message goes to standard
    /// error; a notebook that cannot be read is left as it is), 130 when Ctrl-C stopped it (nothing is
    /// written).
    ///
    /// Cells run in the notebook's folder, so relative paths in them (`.load data.csv`) resolve against
    /// it, as in Jupyter; `path` and `outputPath` themselves are relative to the current folder.
    public static func runNotebook(path: String, outputPath: String?, continueAfterError: Bool) -> Int32 {
        let errors = Sink.standardError()
        let source = absolutePath(path)
        let target = outputPath.map(absolutePath) ?? source
        let notebook: Notebook
        switch readTextFile(source) {
        case .failure(let e):
            errors.line("error: notebook: cannot read '\(path)': \(e)")
            return 1
        case .success(let text):
            do { notebook = try Notebook(text: text) } catch {
                errors.line("error: notebook: \(path): \(error.text)")
                return 1
            }
        }

        let previous = currentDirectory()
        guard chdir(directory(of: source)) == 0 else {
            errors.line("error: notebook: cannot enter the folder of '\(path)': \(SystemError.current())")
            return 1
        }
        // Ctrl-C stops the cell that runs (the engine checks the flag the handler sets) and the
        // notebook is left as it was.
        _ = Interrupts.install()
        let ticker = ProgressTicker.start()
        let run = NotebookRunner.run(notebook, continueAfterError: continueAfterError)
        ticker?.stop()
        if let previous { _ = chdir(previous) }
        if Cancellation.isRequested {
            errors.line("error: notebook: interrupted; '\(outputPath ?? path)' was not written")
            return 130
        }

        for failure in run.failures {
            errors.line("error: notebook: \(path): cell \(failure.cell + 1) failed:")
            errors.line(failure.message)
        }
        do {
            try FileIO.writeFileAtomically(Array(run.notebook.text.utf8), to: target)
        } catch {
            errors.line("error: notebook: \(outputPath ?? path): \(error.message)")
            return 1
        }
        return run.status
    }

    private static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let cwd = currentDirectory() else { return path }
        return cwd == "/" ? "/" + path : cwd + "/" + path
    }

    /// The folder part of an absolute path (`/` for a file at the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
