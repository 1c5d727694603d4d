import ArgumentParser
import GembaGenerate
import GembaShell

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `gemba` command line. A subcommand (`generate`; `notebook` will join) runs itself; without one,
/// the arguments configure the shell.
struct Gemba: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemba",
        abstract: "An analytics shell with a pipe query language over an in-memory column store.",
        // The shell's usage, as before subcommands: errors show it, and the help lists the subcommands.
        usage: "gemba [<database>] [--command <STATEMENT> ...] [--file <SCRIPT> ...] [-i] [--format <FORMAT>] [--bail] [--init <FILE>] [--no-init] [--load <FILE> ...]",
        version: "gemba \(Shell.version)",
        subcommands: [Generate.self, NotebookGroup.self])

    @Argument(help: "A workspace file (SQLite), opened or created; tables and views are kept in it.")
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

/// `gemba generate`: seeded benchmark data, or with `--org` the simulated organisation.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write seeded data: benchmark allocations.csv and items.csv, or with --org a simulated organisation.",
        discussion: """
            Without --org: allocations.csv (alloc_id, item_id, person, team, project, role, day, hours, rate, \
            billable) refers to items.csv (item_id, type, team, state, priority, created, started, done, \
            estimate, value) by item_id. A smaller allocations file is a prefix of a larger one. Defaults: \
            --allocations 1M --items 100k.

            With --org: a discrete-event simulation of a knowledge-work firm over two years (2024-07-01 to \
            2026-06-30), written as holidays, teams, stages, people, initiatives, items, transitions, \
            blocks, allocations, deals and deal_transitions CSV files (datasets/README.md describes \
            them). --items N simulates N items (default 3000, the sample in datasets/: \
            gemba generate --org --seed 1 --out datasets); --allocations N instead simulates enough teams \
            for about N allocation rows (about 8.5 per item).

            The same seed and sizes always give the same bytes. Counts take suffixes: 10M, 250k, 1_000_000.
            """)

    @Flag(help: "Simulate an organisation and write all its tables (see the discussion below).")
    var org = false

    @Option(help: ArgumentHelp("Rows of allocations.csv (0: none); with --org, about this many.", valueName: "N"))
    var allocations: RowCount?

    @Option(help: ArgumentHelp("Rows of items.csv; allocations refer to this many items.", valueName: "N"))
    var items: RowCount?

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The folder to write into (created when missing).", valueName: "DIR"))
    var out: String = "."

    @Flag(name: .customLong("no-items"), help: "Do not write items.csv (allocations still refer to --items items; not with --org).")
    var noItems = false

    @Flag(name: .shortAndLong, help: "Print nothing.")
    var quiet = false

    mutating func validate() throws {
        if org, noItems { throw ValidationError("--no-items does not go with --org") }
    }

    func run() throws {
        do {
            if org {
                let options = GembaGenerate.OrgOptions(items: items?.value, allocations: allocations?.value, seed: seed, directory: out)
                let report = try GembaGenerate.runOrganisation(options)
                if !quiet { print("simulated \(report.items) items in \(fixed(report.seconds, 2)) s") }
                list(report.files)
            } else {
                let options = GembaGenerate.Options(allocations: allocations?.value ?? 1_000_000, items: items?.value ?? 100_000,
                                                    seed: seed, directory: out, writeItems: !noItems)
                list(try GembaGenerate.run(options))
            }
        } catch {
            let text = "error: generate: \(error.description)\n"
            _ = text.withCString { write(2, $0, strlen($0)) }
            throw ExitCode(1)
        }
    }

    /// One line per file written, unless quiet.
    private func list(_ reports: [GembaGenerate.Report]) {
        guard !quiet else { return }
        for report in reports {
            let mb = Double(report.bytes) / 1e6
            print("\(report.path): \(report.rows) rows, \(fixed(mb, 1)) MB in \(fixed(report.seconds, 2)) s "
                  + "(\(fixed(Double(report.rows) / max(report.seconds, 1e-9) / 1e6, 1)) M rows/s)")
        }
    }

    private func fixed(_ x: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let n = Int((x * scale).rounded())
        let whole = String(n / Int(scale)), fraction = String(n % Int(scale))
        return digits == 0 ? whole : whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}

/// `gemba notebook ...`: Jupyter notebooks of gemba cells.
struct NotebookGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Run Jupyter notebooks whose code cells are gemba.",
        subcommands: [NotebookRun.self])
}

/// `gemba notebook run NOTEBOOK [-o OUT]`.
struct NotebookRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook's code cells in order as one session and store their outputs.",
        discussion: """
            Tables become text/plain and text/html outputs, errors error outputs. Cells run in the \
            notebook's folder, so relative paths in them resolve against it. Without -o the notebook is \
            updated in place, atomically. The run stops at the first cell that fails (the cells after it \
            are cleared) unless --continue is given. Exit status: 0 when every cell ran, 1 when one failed \
            or the notebook could not be read or written (then it is left as it was). See docs/notebooks.md.
            """)

    @Argument(help: "The notebook (.ipynb, nbformat 4).")
    var notebook: String

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the run notebook here instead of updating NOTEBOOK.", valueName: "OUT"))
    var output: String?

    @Flag(name: .customLong("continue"), help: "Run the remaining cells after one fails (the status is still 1).")
    var continueAfterError = false

    func run() throws {
        let status = Shell.runNotebook(path: notebook, outputPath: output, continueAfterError: continueAfterError)
        if status != 0 { throw ExitCode(status) }
    }
}

/// A row count on the command line: 10000000, 10_000_000, 10M, 250k.
struct RowCount: ExpressibleByArgument {
    var value: Int
    init(_ value: Int) { self.value = value }
    init?(argument: String) {
        guard let n = GembaGenerate.parseCount(argument) else { return nil }
        value = n
    }
    var defaultValueDescription: String { String(value) }
}

/// The subcommands alone. The shell's optional DATABASE argument would take a subcommand's name for a
/// file name (ArgumentParser parses the root's arguments first), so a first argument that names a
/// subcommand is parsed here instead; the help, usage and errors still say `gemba generate ...`.
struct Subcommands: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gemba", subcommands: Gemba.configuration.subcommands)

    static func names() -> [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName }
    }
}

#if canImport(Glibc)
// Queries free and ask again for large temporaries (masks, slots, row lists) every time. Served by
// mmap, each one comes back as fresh pages, faulted in and zeroed by the kernel (a tenth of a
// query's time, more at 30M rows); kept in the heap, they are reused as they are.
// (malloc.h is not in Swift's Glibc module: mallopt is looked up by name.)
if getenv("GEMBA_MALLOC_DEFAULT") == nil, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    let trimThreshold: Int32 = -1, mmapMax: Int32 = -4  // M_TRIM_THRESHOLD, M_MMAP_MAX in malloc.h
    _ = mallopt(mmapMax, 0)
    _ = mallopt(trimThreshold, Int32.max)
}
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
/// `gemba generate ...` and `gemba help generate` go to the subcommands; everything else is the shell's.
let wantsSubcommand = arguments.first.map(Subcommands.names().contains) == true
    || (arguments.count > 1 && arguments[0] == "help" && Subcommands.names().contains(arguments[1]))
let root: any ParsableCommand.Type = wantsSubcommand ? Subcommands.self : Gemba.self
do {
    let command = try root.parseAsRoot(arguments)
    guard let gemba = command as? Gemba else {
        // A subcommand runs itself.
        var other = command
        try other.run()
        exit(0)
    }
    exit(Shell.main(gemba.options(arguments: arguments)))
} catch let exitCode as ExitCode {
    // A subcommand that failed has printed why.
    exit(exitCode.rawValue)
} catch {
    let code = root.exitCode(for: error)
    if code == .success {
        print(root.fullMessage(for: error))
        exit(0)
    }
    // Bad command-line use: ArgumentParser's message and usage, on standard error, status 2.
    let text = "error: " + root.fullMessage(for: error).replacingPrefix("Error: ", with: "") + "\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
