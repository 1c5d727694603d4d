import ArgumentParser
import GembaShell

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `gemba` command line. Subcommands (`generate`, `notebook`) will join as
/// `CommandConfiguration.subcommands`; without one, the arguments configure the shell.
struct Gemba: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemba",
        abstract: "An analytics shell with a pipe query language over an in-memory column store.",
        version: "gemba \(Shell.version)")

    @Argument(help: "A workspace file (SQLite). Not yet supported: the session is in memory.")
    var database: String?

    @Option(name: [.customShort("c"), .customLong("command")], parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Run a statement (or a dot command); repeatable.", valueName: "STATEMENT"))
    var commands: [String] = []

    @Option(name: [.customShort("f"), .customLong("file")], parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Run a script; repeatable. -c and -f run in the order given.", valueName: "SCRIPT"))
    var files: [String] = []

    @Flag(name: .customShort("i"), help: "Stay at the prompt after -c and -f.")
    var interactive = false

    @Option(help: ArgumentHelp("How results print: table, csv, tsv, json, jsonl or markdown.", valueName: "FORMAT"))
    var format: String = "table"

    @Flag(help: "Stop at the first error, at the prompt too.")
    var bail = false

    @Option(name: .customLong("init"), help: ArgumentHelp("Run FILE first instead of ~/.gembarc (interactive sessions).", valueName: "FILE"))
    var initFile: String?

    @Flag(name: .customLong("no-init"), help: "Do not run ~/.gembarc.")
    var noInit = false

    @Option(name: .customLong("load"), help: ArgumentHelp("Load a CSV file as a table named after it, before anything else; repeatable.", valueName: "FILE"))
    var loads: [String] = []

    mutating func validate() throws {
        guard OutputMode(name: format) != nil else {
            throw ValidationError("unknown format '\(format)' (table, csv, tsv, json, jsonl, markdown)")
        }
    }

    /// The shell's options, with `-c` and `-f` in the order they appear in `arguments`.
    func options(arguments: [String]) -> ShellOptions {
        var o = ShellOptions()
        o.database = database
        o.actions = ShellOptions.orderedActions(arguments, commands: commands, files: files)
        o.interactive = interactive
        o.mode = OutputMode(name: format) ?? .table
        o.bail = bail
        o.initFile = initFile
        o.noInit = noInit
        o.loads = loads
        return o
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    let command = try Gemba.parseAsRoot(arguments)
    guard let gemba = command as? Gemba else {
        // A subcommand (none yet) runs itself.
        var other = command
        try other.run()
        exit(0)
    }
    exit(Shell.main(gemba.options(arguments: arguments)))
} catch {
    let code = Gemba.exitCode(for: error)
    if code == .success {
        print(Gemba.fullMessage(for: error))
        exit(0)
    }
    // Bad command-line use: ArgumentParser's message and usage, on standard error, status 2.
    let text = "error: " + Gemba.fullMessage(for: error).replacingPrefix("Error: ", with: "") + "\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
