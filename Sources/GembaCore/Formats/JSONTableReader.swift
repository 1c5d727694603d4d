/// Reads JSON lines (one object per line) or a JSON array of objects into a table.
///
/// - Keys become columns, in the order they are first seen; a row without a key is null there. A key
///   repeated in one object keeps its last value. An empty key becomes `col_N`, as in CSV headers.
///   Blank lines are skipped.
/// - Column types come from the values: only ints give int, ints and floats give float, only bools
///   give bool, only strings give string, or date when every string is a date, or datetime when every
///   string is a date or a datetime. A column with no values, or with a mix of other kinds, is string
///   (numbers and bools written as JSON writes them, nested arrays and objects as their JSON text).
/// - `typeOverrides` set a column's type; a value that does not convert is an error naming its line
///   and byte column. A string converts to date, datetime or duration by their text forms; any value
///   converts to string.
struct JSONTableReader {
    /// The file's name, for errors.
    let name: String
    /// Types given for some columns, by name.
    let typeOverrides: [String: DataType]
    /// True for a JSON array of objects, false for JSON lines.
    let isArray: Bool

    private struct Accumulator {
        var names: [String] = []
        var index: [String: Int] = [:]
        var cells: [[JSONCell]] = []
        var offsets: [[Int]] = []
        var rows = 0

        mutating func add(_ members: [(key: String, value: JSONCell, offset: Int)]) {
            for m in members {
                let c: Int
                if let known = index[m.key] {
                    c = known
                } else {
                    c = names.count
                    index[m.key] = c
                    names.append(m.key)
                    cells.append([JSONCell](repeating: .null, count: rows))
                    offsets.append([Int](repeating: 0, count: rows))
                }
                if cells[c].count > rows {
                    cells[c][rows] = m.value
                    offsets[c][rows] = m.offset
                } else {
                    cells[c].append(m.value)
                    offsets[c].append(m.offset)
                }
            }
            rows += 1
            for c in cells.indices where cells[c].count < rows {
                cells[c].append(.null)
                offsets[c].append(0)
            }
        }
    }

    /// Reads the whole buffer; throws without returning anything partial.
    func read(_ p: UnsafeBufferPointer<UInt8>) throws(FormatError) -> Table {
        if let bad = UTF8Validation.firstInvalidOffset(p) {
            let (line, column) = TextPosition.locate(p, bad)
            throw FormatError(file: name, line: line, column: column, columnUnit: .byte,
                              message: "invalid UTF-8 (byte 0x\(String(p[bad], radix: 16, uppercase: true)))")
        }
        var start = 0
        if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { start = 3 }
        var parser = JSONParser(p, name: name, start: start)
        var acc = Accumulator()
        if isArray {
            parser.skipWhitespace()
            guard parser.i < p.count, p[parser.i] == UInt8(ascii: "[") else {
                throw parser.error("expected a JSON array of objects ('['), found \(parser.found())", at: parser.i)
            }
            parser.i += 1
            parser.skipWhitespace()
            if parser.i < p.count, p[parser.i] == UInt8(ascii: "]") {
                parser.i += 1
            } else {
                while true {
                    parser.skipWhitespace()
                    acc.add(try parser.object())
                    parser.skipWhitespace()
                    guard parser.i < p.count else { throw parser.error("unterminated array: expected ',' or ']'", at: parser.i) }
                    if p[parser.i] == UInt8(ascii: ",") { parser.i += 1; continue }
                    if p[parser.i] == UInt8(ascii: "]") { parser.i += 1; break }
                    throw parser.error("expected ',' or ']', found \(parser.found())", at: parser.i)
                }
            }
            parser.skipWhitespace()
            guard parser.i == p.count else { throw parser.error("unexpected \(parser.found()) after the array", at: parser.i) }
        } else {
            while true {
                parser.skipWhitespace()
                if parser.i >= p.count { break }
                acc.add(try parser.object())
                parser.skipInlineWhitespace()
                if parser.i < p.count, p[parser.i] != 0x0A {
                    throw parser.error("expected a line end after the object, found \(parser.found())", at: parser.i)
                }
            }
        }
        let names = CSVReader.uniqueNames(acc.names)
        for (key, type) in typeOverrides.sorted(by: { $0.key < $1.key }) {
            guard names.contains(key) else {
                throw FormatError(file: name, message: "type given for unknown column '\(key)' (columns: \(names.joined(separator: ", ")))")
            }
            if type == .null { throw FormatError(file: name, message: "column '\(key)' cannot be read as type null") }
        }
        var fields: [Field] = []
        var columns: [Column] = []
        for (c, columnName) in names.enumerated() {
            let type = typeOverrides[columnName] ?? Self.inferType(acc.cells[c])
            columns.append(try build(acc.cells[c], acc.offsets[c], columnName, type, p))
            fields.append(Field(columnName, type))
        }
        return Table(fields: fields, columns: columns, rowCount: acc.rows)
    }

    /// The type of a column of cells (see the type rules above).
    static func inferType(_ cells: [JSONCell]) -> DataType {
        var ints = false, floats = false, bools = false, strings = false, other = false
        var allDates = true, allTemporal = true
        for cell in cells {
            switch cell {
            case .null: continue
            case .int: ints = true
            case .float: floats = true
            case .bool: bools = true
            case .nested: other = true
            case .string(var s):
                strings = true
                if allTemporal {
                    s.withUTF8 { b in
                        if ByteParse.date(b, 0, b.count) != nil { return }
                        allDates = false
                        if ByteParse.datetime(b, 0, b.count) == nil { allTemporal = false }
                    }
                }
            }
        }
        let kinds = [ints || floats, bools, strings, other].filter { $0 }.count
        if kinds != 1 { return .string }
        if ints || floats { return floats ? .float : .int }
        if bools { return .bool }
        if strings { return allDates ? .date : allTemporal ? .datetime : .string }
        return .string
    }

    private func build(_ cells: [JSONCell], _ offsets: [Int], _ columnName: String, _ type: DataType,
                       _ p: UnsafeBufferPointer<UInt8>) throws(FormatError) -> Column {
        var builder = ColumnBuilder(type: type, capacity: cells.count)
        for (r, cell) in cells.enumerated() {
            if case .null = cell { builder.appendNull(); continue }
            switch (type, cell) {
            case (.int, .int(let v)): builder.appendInt(v)
            case (.float, .int(let v)): builder.appendFloat(Double(v))
            case (.float, .float(let v)): builder.appendFloat(v)
            case (.bool, .bool(let v)): builder.appendBool(v)
            case (.string, _): builder.appendString(Self.text(cell))
            case (.date, .string(var s)):
                guard let v = s.withUTF8({ ByteParse.date($0, 0, $0.count) }) else { throw mismatch(cell, offsets[r], columnName, type, p) }
                builder.appendInt(v)
            case (.datetime, .string(var s)):
                guard let v = s.withUTF8({ ByteParse.datetimeOrDate($0, 0, $0.count) }) else { throw mismatch(cell, offsets[r], columnName, type, p) }
                builder.appendInt(v)
            case (.duration, .string(var s)):
                guard let v = s.withUTF8({ ByteParse.duration($0, 0, $0.count) }) else { throw mismatch(cell, offsets[r], columnName, type, p) }
                builder.appendInt(v)
            default:
                throw mismatch(cell, offsets[r], columnName, type, p)
            }
        }
        return builder.build()
    }

    /// A cell as the text a string column holds.
    static func text(_ cell: JSONCell) -> String {
        switch cell {
        case .null: return ""
        case .int(let v): return String(v)
        case .float(let v): return Value.formatFloat(v)
        case .bool(let v): return v ? "true" : "false"
        case .string(let s): return s
        case .nested(let s): return s
        }
    }

    private func mismatch(_ cell: JSONCell, _ offset: Int, _ columnName: String, _ type: DataType,
                          _ p: UnsafeBufferPointer<UInt8>) -> FormatError {
        let (line, column) = TextPosition.locate(p, offset)
        var shown: String
        if case .string(let s) = cell { shown = "\"" + s + "\"" } else { shown = Self.text(cell) }
        if shown.count > 40 { shown = String(shown.prefix(40)) + "…" }
        return FormatError(file: name, line: line, column: column, columnUnit: .byte,
                           message: "key '\(columnName)': expected \(FormatError.expectation(type)), found \(shown)")
    }
}
