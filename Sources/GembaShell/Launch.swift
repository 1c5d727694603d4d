#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GembaCore

extension Shell {
    /// The version `gemba --version` prints.
    public static let version = "0.1.0"

    /// Runs the shell as the command line asked and returns the exit status: 0 when everything
    /// succeeded, 1 when a statement or command failed.
    ///
    /// Order: `--load` files, the start-up script (only when the prompt will show), the `-c` and `-f`
    /// actions in the order given, then the prompt (`-i`, or no actions) or, when standard input is not
    /// a terminal, standard input as a script.
    public static func main(_ options: ShellOptions) -> Int32 {
        let shell = Shell(mode: options.mode)
        defer { shell.closeFiles() }
        // A progress bar for long loads and statements (the prompt starts its own per statement).
        let ticker = ProgressTicker.start()
        defer { ticker?.stop() }
        if let database = options.database {
            do { try shell.openWorkspace(database) } catch {
                shell.errors.line(error.text)
                return 1
            }
        }
        for path in options.loads {
            do { try shell.load([path]) } catch {
                shell.errors.line(error.text)
                return 1
            }
        }
        let wantsPrompt = options.interactive || options.actions.isEmpty
        let atTerminal = wantsPrompt && isatty(0) == 1
        if atTerminal, !options.noInit, let initFile = options.initFile ?? defaultInitFile() {
            switch initScript(shell, initFile) {
            case .ok: break
            case .failed: if options.bail { return 1 }
            case .exit(let code): return code
            }
        }
        for action in options.actions {
            let outcome: Outcome
            switch action {
            case .command(let text):
                outcome = shell.runScript(text)
            case .script(let path):
                do { outcome = try shell.runScriptFile(path, nested: false, command: "-f") } catch {
                    shell.errors.line(error.text)
                    return 1
                }
            }
            switch outcome {
            case .ok: continue
            case .failed: return 1
            case .exit(let code): return code
            }
        }
        guard wantsPrompt else { return 0 }
        if atTerminal {
            ticker?.stop()
            shell.interactive = true
            return REPL(shell: shell, bail: options.bail, historyPath: REPL.defaultHistoryPath).run()
        }
        let input: String
        switch readStandardInput() {
        case .success(let text): input = text
        case .failure(let e):
            shell.errors.line("error: standard input: cannot read the script: \(e)")
            return 1
        }
        switch shell.runScript(input) {
        case .ok: return 0
        case .failed: return 1
        case .exit(let code): return code
        }
    }

    /// `~/.gembarc` when it exists.
    private static func defaultInitFile() -> String? {
        guard let home = getenv("HOME") else { return nil }
        let path = String(cString: home) + "/.gembarc"
        return access(path, R_OK) == 0 ? path : nil
    }

    private static func initScript(_ shell: Shell, _ path: String) -> Outcome {
        do {
            return try shell.runScriptFile(path, nested: true, command: "--init")
        } catch {
            shell.errors.line(error.text)
            return .failed
        }
    }
}
