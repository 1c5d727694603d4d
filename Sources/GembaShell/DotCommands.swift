import GembaCore

extension Shell {
    /// Runs a parsed dot command.
    func perform(_ command: DotCommand) throws(ShellError) -> Outcome {
        let args = command.arguments
        switch command.name {
        case "help":
            try expect(command, at: 0...1, usage: ".help [TOPIC]")
            guard let topic = args.first else {
                printText(Help.overview)
                return .ok
            }
            guard let text = Help.topic(topic) else {
                throw ShellError(command: "help", "no help on '\(topic)'",
                                 notes: Suggest.notes(for: topic, among: Help.topicNames, what: "topics") + ["type .help for the list"])
            }
            printText(text)
        case "tables":
            try expect(command, at: 0...0, usage: ".tables")
            showTables()
        case "schema":
            try expect(command, at: 0...1, usage: ".schema [NAME]")
            try showSchema(args.first)
        case "load":
            try load(args)
        case "export":
            try expect(command, at: 1...1, usage: ".export FILE")
            try export(to: args[0])
        case "mode":
            try expect(command, at: 0...1, usage: ".mode [FORMAT]")
            guard let name = args.first else {
                printText(mode.rawValue)
                return .ok
            }
            guard let m = OutputMode(name: name) else {
                throw ShellError(command: "mode", "unknown format '\(name)'",
                                 notes: Suggest.notes(for: name, among: OutputMode.allCases.map(\.rawValue), what: "formats"))
            }
            mode = m
        case "output":
            try expect(command, at: 0...1, usage: ".output [FILE]")
            if let path = args.first, path != "stdout" {
                redirect(to: try open(path, for: "output"))
            } else {
                redirect(to: nil)
            }
        case "once":
            try expect(command, at: 1...1, usage: ".once FILE")
            redirectOnce(to: try open(args[0], for: "once"))
        case "read":
            try expect(command, at: 1...1, usage: ".read SCRIPT")
            return try runScriptFile(args[0], nested: true, command: ".read")
        case "open":
            try expect(command, at: 1...1, usage: ".open DATABASE")
            try openWorkspace(args[0])
        case "save":
            try expect(command, at: 0...1, usage: ".save [DATABASE]")
            try save(to: args.first)
        case "drop":
            try expect(command, at: 1...1, usage: ".drop NAME")
            let name = args[0]
            let dropped: Bool
            do { dropped = try session.drop(name) } catch {
                throw ShellError(command: "drop", "\(error)")
            }
            if !dropped {
                let known = session.catalog.relationNames + Array(session.catalog.scalars.keys)
                throw ShellError(command: "drop", "no table, view or scalar '\(name)'",
                                 notes: Suggest.notes(for: name, among: known, what: "known names"))
            }
        case "timer":
            try expect(command, at: 1...1, usage: ".timer on|off")
            switch args[0].lowercased() {
            case "on": timer = true
            case "off": timer = false
            default: throw ShellError(command: "timer", "expected on or off, not '\(args[0])'")
            }
        case "quit":
            try expect(command, at: 0...0, usage: ".quit")
            return .exit(0)
        case "exit":
            try expect(command, at: 0...1, usage: ".exit [CODE]")
            guard let text = args.first else { return .exit(0) }
            guard let code = Int32(text), (0...255).contains(code) else {
                throw ShellError(command: "exit", "the exit code must be a number from 0 to 255, not '\(text)'")
            }
            return .exit(code)
        case "":
            throw ShellError(text: "error: a lone '.' is not a command\n  type .help for the commands")
        default:
            let names = Help.commands.map(\.name)
            let near = Suggest.nearest(command.name, among: names, limit: 1)
            throw ShellError(text: "error: unknown command '.\(command.name)'"
                + (near.first.map { "\n  did you mean '.\($0)'?" } ?? "") + "\n  type .help for the commands")
        }
        return .ok
    }

    /// Checks the number of arguments.
    private func expect(_ command: DotCommand, at range: ClosedRange<Int>, usage: String) throws(ShellError) {
        let n = command.arguments.count
        guard !range.contains(n) else { return }
        let what: String
        if n < range.lowerBound {
            what = "missing argument"
        } else if range.upperBound == 0 {
            what = "takes no arguments"
        } else {
            what = "too many arguments"
        }
        throw ShellError(command: command.name, what, notes: ["usage: \(usage)"])
    }

    private func open(_ path: String, for command: String) throws(ShellError) -> Sink {
        switch Sink.file(path) {
        case .success(let sink): return sink
        case .failure(let e): throw ShellError(command: command, "cannot write '\(path)': \(e)")
        }
    }

    // MARK: .load and .export

    /// `.load FILE [as NAME] [--types col:type,...]`: reads a file into a table. Nothing changes when it
    /// fails.
    func load(_ args: [String]) throws(ShellError) {
        let usage = ["usage: .load FILE [as NAME] [--types col:type,...]"]
        var path: String?
        var name: String?
        var types: [String: DataType] = [:]
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "as" || a == "AS" {
                guard i + 1 < args.count else { throw ShellError(command: "load", "expected a table name after 'as'", notes: usage) }
                name = args[i + 1]
                i += 2
            } else if a == "--types" || a.hasPrefix("--types=") {
                let spec: String
                if a == "--types" {
                    guard i + 1 < args.count else { throw ShellError(command: "load", "expected col:type,... after --types", notes: usage) }
                    spec = args[i + 1]
                    i += 2
                } else {
                    spec = String(a.dropFirst("--types=".count))
                    i += 1
                }
                for (column, type) in try Self.parseTypes(spec) { types[column] = type }
            } else if path == nil, !a.hasPrefix("--") {
                path = a
                i += 1
            } else {
                throw ShellError(command: "load", "unexpected argument '\(a)'", notes: usage)
            }
        }
        guard let path else { throw ShellError(command: "load", "missing argument", notes: usage) }
        guard let format = FileFormat(path: path), format != .markdown else {
            throw ShellError(command: "load", "cannot tell the format of '\(path)' from its extension",
                             notes: ["use .csv, .tsv, .jsonl or .json"])
        }
        let tableName = name ?? Self.stem(of: path)
        guard Self.isIdentifier(tableName) else {
            throw ShellError(command: "load", "'\(tableName)' is not a valid table name",
                             notes: ["use letters, digits and _, not starting with a digit, e.g. .load \(path) as t"])
        }
        let table: Table
        do {
            table = try TableReader.read(path: path, format: format, typeOverrides: types)
        } catch {
            throw ShellError(text: error.description)
        }
        do { try session.defineTable(tableName, table) } catch {
            throw ShellError(command: "load", "\(error)")
        }
        if interactive {
            errors.line("loaded \(tableName): \(table.rowCount) row\(table.rowCount == 1 ? "" : "s"), \(table.fields.count) columns")
        }
    }

    /// Parses `col:type,col2:type`.
    static func parseTypes(_ spec: String) throws(ShellError) -> [(String, DataType)] {
        var out: [(String, DataType)] = []
        for part in spec.split(separator: ",") {
            let pieces = part.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2, !pieces[0].isEmpty else {
                throw ShellError(command: "load", "expected col:type in --types, not '\(part)'")
            }
            guard let type = DataType(name: String(pieces[1])), type != .null else {
                let names = DataType.allCases.filter { $0 != .null }.map(\.rawValue)
                throw ShellError(command: "load", "unknown type '\(pieces[1])' for column '\(pieces[0])'",
                                 notes: Suggest.notes(for: String(pieces[1]), among: names, what: "types"))
            }
            out.append((String(pieces[0]), type))
        }
        if out.isEmpty { throw ShellError(command: "load", "expected col:type,... after --types") }
        return out
    }

    /// The file name without its folder and extension: `data/items.csv` is `items`.
    static func stem(of path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// True for a name the language can use as a table: ASCII letters, digits and `_`, not starting
    /// with a digit.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(48...57).contains(first) else { return false }
        return name.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }

    /// `.export FILE`: writes the last result, in the format the extension names.
    func export(to path: String) throws(ShellError) {
        if path.lowercased().hasSuffix(".svg") {
            guard let chart = lastChart else {
                throw ShellError(command: "export", "there is no chart to export as SVG; run a query ending in '| render KIND' first")
            }
            do throws(ShellError) { try writeChart(chart.table, chart.spec, to: path) } catch {
                throw ShellError(text: "error: .export: " + error.text)
            }
            if interactive { errors.line("exported a chart to \(path)") }
            return
        }
        guard let table = session.last else {
            throw ShellError(command: "export", "there is no result to export yet; run a query first")
        }
        guard let format = FileFormat(path: path) else {
            throw ShellError(command: "export", "cannot tell the format of '\(path)' from its extension",
                             notes: ["use .csv, .tsv, .json, .jsonl or .md"])
        }
        do {
            try TableWriter.write(table, format: format, to: path)
        } catch {
            throw ShellError(text: error.description)
        }
        if interactive { errors.line("exported \(table.rowCount) row\(table.rowCount == 1 ? "" : "s") to \(path)") }
    }

    // MARK: .tables and .schema

    /// `.tables`: one row per table and view with its kind, rows and columns.
    private func showTables() {
        let catalog = session.catalog
        let names = catalog.relationNames
        guard !names.isEmpty else { return }
        var name = ColumnBuilder(type: .string), kind = ColumnBuilder(type: .string)
        var rows = ColumnBuilder(type: .int), columns = ColumnBuilder(type: .int)
        for n in names {
            name.appendString(n)
            if let t = catalog.tables[n] {
                kind.appendString("table")
                rows.appendInt(Int64(t.rowCount))
                columns.appendInt(Int64(t.fields.count))
            } else {
                kind.appendString("view")
                if let count = viewRowCount(n) { rows.appendInt(Int64(count)) } else { rows.appendNull() }
                if let fields = fields(of: n) { columns.appendInt(Int64(fields.count)) } else { columns.appendNull() }
            }
        }
        printTable(Table([("name", name.build()), ("kind", kind.build()), ("rows", rows.build()), ("columns", columns.build())]),
              limitRows: false)
    }

    /// `.schema [NAME]`: the columns and types of one relation, or of all of them.
    private func showSchema(_ only: String?) throws(ShellError) {
        let catalog = session.catalog
        let names: [String]
        if let only {
            guard catalog.tables[only] != nil || catalog.views[only] != nil else {
                throw ShellError(command: "schema", "no table or view '\(only)'",
                                 notes: Suggest.notes(for: only, among: catalog.relationNames, what: "tables and views"))
            }
            names = [only]
        } else {
            names = catalog.relationNames
        }
        guard !names.isEmpty else { return }
        var table = ColumnBuilder(type: .string), column = ColumnBuilder(type: .string), type = ColumnBuilder(type: .string)
        for n in names {
            guard let fields = fields(of: n) else {
                if only != nil { throw ShellError(command: "schema", "view '\(n)' does not run: its tables or columns changed") }
                continue
            }
            for f in fields {
                table.appendString(n)
                column.appendString(f.name)
                type.appendString(f.type.rawValue)
            }
        }
        var parts = [("column", column.build()), ("type", type.build())]
        if only == nil { parts.insert(("table", table.build()), at: 0) }
        printTable(Table(parts), limitRows: false)
    }

    /// The columns of a table, or of a view (found by running it with no rows); nil when a view fails.
    private func fields(of name: String) -> [Field]? {
        if let t = session.catalog.tables[name] { return t.fields }
        return session.fields(of: name)
    }

    private func viewRowCount(_ name: String) -> Int? {
        guard let t = runAside("\(name) | count"), t.rowCount == 1, case .int(let n) = t.row(0).first else { return nil }
        return Int(n)
    }

    /// Runs a query in a scratch session over the same catalog, so `_` and the catalog stay as they are.
    private func runAside(_ text: String) -> Table? {
        let scratch = Session(catalog: session.catalog)
        var table: Table?
        do {
            try scratch.run(text) { result in
                if case .table(let t) = result { table = t }
            }
        } catch {
            return nil
        }
        return table
    }
}
