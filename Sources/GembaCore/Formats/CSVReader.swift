/// Reads CSV or TSV bytes into a table.
///
/// - The first record is the header and is required. An empty name becomes `col_N` (N its 1-based
///   position) and a repeated name gets `_2`, `_3`, ... (a suffix no other column has), so every column
///   has a unique name.
/// - Every record must have as many fields as the header (a ragged row is an error naming its line, the
///   field counts, and as the column the first extra field or the last field present). Blank lines are
///   skipped, except in a one-column file, where a blank line is a null.
/// - An unquoted empty field is null; a quoted empty field (`""`) is the empty string.
/// - Each column's type is inferred from all its non-null values (see `InferredKind`), unless
///   `typeOverrides` names it; a value that does not parse as the overridden type is an error.
/// - Fields are not trimmed: ` 12` is a string.
struct CSVReader {
    /// The file's name, for errors.
    let name: String
    /// `,` for CSV, a tab for TSV.
    let delimiter: UInt8
    /// Types given for some columns, by name.
    let typeOverrides: [String: DataType]

    /// Reads the whole buffer; throws without returning anything partial.
    func read(_ p: UnsafeBufferPointer<UInt8>) throws(FormatError) -> Table {
        if let bad = UTF8Validation.firstInvalidOffset(p) {
            let (line, column) = TextPosition.locate(p, bad)
            throw FormatError(file: name, line: line, column: column, columnUnit: .byte,
                              message: "invalid UTF-8 (byte 0x\(String(p[bad], radix: 16, uppercase: true)))")
        }
        var start = 0
        if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { start = 3 }
        guard start < p.count else {
            throw FormatError(file: name, line: 1, column: nil, message: "empty file: expected a header row")
        }
        let tokenizer = CSVTokenizer(p: p, delimiter: delimiter, name: name)
        let (header, bodyStart) = try tokenizer.record(at: start)
        let names = Self.uniqueNames(header.map { String(decoding: tokenizer.bytes(of: $0), as: UTF8.self) })
        for (key, type) in typeOverrides.sorted(by: { $0.key < $1.key }) {
            guard names.contains(key) else {
                throw FormatError(file: name, line: 1, message: "type given for unknown column '\(key)' (columns: \(names.joined(separator: ", ")))")
            }
            if type == .null {
                throw FormatError(file: name, line: 1, message: "column '\(key)' cannot be read as type null")
            }
        }
        let (spans, rows) = try tokenizer.records(from: bodyStart, columns: names.count)
        var fields: [Field] = []
        var columns: [Column] = []
        let builder = CSVColumnBuilder(p: p, spans: spans, rows: rows, stride: names.count, name: name)
        for (c, columnName) in names.enumerated() {
            let type = typeOverrides[columnName] ?? builder.inferType(column: c)
            columns.append(try builder.build(column: c, named: columnName, as: type))
            fields.append(Field(columnName, type))
        }
        return Table(fields: fields, columns: columns, rowCount: rows)
    }

    /// Header names made non-empty and unique: an empty name at position N becomes `col_N`, a repeat
    /// of `x` becomes `x_2` (or `x_3`, ... the first that no column is called).
    static func uniqueNames(_ raw: [String]) -> [String] {
        let named = raw.enumerated().map { $0.element.isEmpty ? "col_\($0.offset + 1)" : $0.element }
        let taken = Set(named)
        var used = Set<String>()
        var out: [String] = []
        out.reserveCapacity(named.count)
        for n in named {
            if !used.contains(n) {
                used.insert(n); out.append(n); continue
            }
            var k = 2
            while taken.contains("\(n)_\(k)") || used.contains("\(n)_\(k)") { k += 1 }
            let fresh = "\(n)_\(k)"
            used.insert(fresh); out.append(fresh)
        }
        return out
    }
}
