import GembaCore

/// How results are printed: the `--format` flag and the `.mode` command.
public enum OutputMode: String, Sendable, CaseIterable {
    /// A box table sized to the terminal.
    case table
    /// Comma-separated values with a header.
    case csv
    /// Tab-separated values with a header.
    case tsv
    /// A JSON array of objects.
    case json
    /// One JSON object per line.
    case jsonl
    /// A GitHub-flavoured Markdown table.
    case markdown

    /// The mode called `name` (`md` is markdown); nil for any other name.
    public init?(name: String) {
        if name.lowercased() == "md" { self = .markdown; return }
        self.init(rawValue: name.lowercased())
    }

    /// The file format this mode writes with; nil for `table`.
    var fileFormat: FileFormat? {
        switch self {
        case .table: return nil
        case .csv: return .csv
        case .tsv: return .tsv
        case .json: return .json
        case .jsonl: return .jsonl
        case .markdown: return .markdown
        }
    }

    /// The mode names, for help and error messages.
    static let names = allCases.map(\.rawValue).joined(separator: ", ")
}

/// What the command line asked for, already parsed (see `Sources/gemba/main.swift`).
public struct ShellOptions: Sendable {
    /// One `-c STATEMENT` or `-f SCRIPT`, kept in command-line order.
    public enum Action: Sendable, Equatable {
        /// `-c`: statement text (dot commands allowed).
        case command(String)
        /// `-f`: a script file's path.
        case script(String)
    }

    /// The workspace file (`DATABASE`); accepted but not used yet.
    public var database: String?
    /// The `-c` and `-f` actions, in the order given.
    public var actions: [Action] = []
    /// `-i`: stay at the prompt after the actions.
    public var interactive = false
    /// `--format`: how results print.
    public var mode: OutputMode = .table
    /// `--bail`: stop at the first error at the prompt too.
    public var bail = false
    /// `--init FILE`: the start-up script instead of `~/.gembarc`.
    public var initFile: String?
    /// `--no-init`: run no start-up script.
    public var noInit = false
    /// `--load FILE`: CSV files loaded as tables (named by file stem) before anything else.
    public var loads: [String] = []

    /// Default options: an in-memory session at the prompt.
    public init() {}

    /// The `-c` and `-f` actions in command-line order. An argument parser that collects `-c` values and
    /// `-f` values in two arrays loses their interleaving; this recovers it by walking the raw
    /// `arguments` (without the program name), where `-c`/`--command` and `-f`/`--file` take the next
    /// argument whatever it looks like, or join it with `=`. Values the walk does not account for
    /// still run, commands first.
    public static func orderedActions(_ arguments: [String], commands: [String], files: [String]) -> [Action] {
        var order: [Bool] = []  // true for -c, false for -f
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "-c" || a == "--command" { order.append(true); i += 2; continue }
            if a == "-f" || a == "--file" { order.append(false); i += 2; continue }
            if a.hasPrefix("--command=") { order.append(true) }
            if a.hasPrefix("--file=") { order.append(false) }
            i += 1
        }
        var c = commands.makeIterator(), f = files.makeIterator()
        var actions: [Action] = []
        for isCommand in order {
            if isCommand, let text = c.next() { actions.append(.command(text)) }
            if !isCommand, let path = f.next() { actions.append(.script(path)) }
        }
        while let text = c.next() { actions.append(.command(text)) }
        while let path = f.next() { actions.append(.script(path)) }
        return actions
    }
}
