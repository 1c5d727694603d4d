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
        if case .failure(let e) = writeFileAtomically(target, run.notebook.text) {
            errors.line("error: notebook: cannot write '\(outputPath ?? path)': \(e)")
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

/// Replaces the file at `path` with `text` so that a crash leaves either the old file or the new one:
/// writes a temporary file in the same folder, flushes it to disk, renames it over `path`, and flushes
/// the folder. An existing file's permissions are kept.
func writeFileAtomically(_ path: String, _ text: String) -> Result<Void, SystemError> {
    let folder = Shell.directory(of: path)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let temporary = (folder == "/" ? "" : folder) + "/.\(name).\(getpid()).tmp"
    var mode: mode_t = 0o644
    var info = stat()
    if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    if fd < 0 { return .failure(SystemError.current()) }
    let bytes = Array(text.utf8)
    var failure: SystemError?
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count, let base = buffer.baseAddress {
            let n = write(fd, base + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = SystemError.current()
                return
            }
            offset += n
        }
    }
    if failure == nil, fchmod(fd, mode) != 0 || fsync(fd) != 0 { failure = SystemError.current() }
    if close(fd) != 0, failure == nil { failure = SystemError.current() }
    if failure == nil, rename(temporary, path) != 0 { failure = SystemError.current() }
    if let failure {
        _ = unlink(temporary)
        return .failure(failure)
    }
    let dir = open(folder, O_RDONLY | O_CLOEXEC)
    if dir >= 0 {
        _ = fsync(dir)
        _ = close(dir)
    }
    return .success(())
}
