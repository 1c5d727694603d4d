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
///
/// Large bodies are read in chunks on all cores (see `CSVBodyReader`), with the same result and the
/// same errors as one pass.
struct CSVReader {
    /// The file's name, for errors.
    let name: String
    /// `,` for CSV, a tab for TSV.
    let delimiter: UInt8
    /// Types given for some columns, by name.
    let typeOverrides: [String: DataType]
    /// How the work is split (tests make chunks tiny).
    var options = CSVReadOptions()
    /// Lets the file's pages before an offset go, for a mapped file.
    var release: ((Int) -> Void)? = nil

    init(name: String, delimiter: UInt8, typeOverrides: [String: DataType],
         options: CSVReadOptions = CSVReadOptions(), release: ((Int) -> Void)? = nil) {
        self.name = name
        self.delimiter = delimiter
        self.typeOverrides = typeOverrides
        self.options = options
        self.release = release
    }

    /// Reads the whole buffer; throws without returning anything partial.
    func read(_ p: UnsafeBufferPointer<UInt8>) throws(FormatError) -> Table {
        var start = 0
        if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { start = 3 }
        guard start < p.count else {
            throw UTF8Validation.error(p, name: name) ?? FormatError(file: name, line: 1, column: nil, message: "empty file: expected a header row")
        }
        let tokenizer = CSVTokenizer(p: p, delimiter: delimiter, name: name)
        let header: [FieldSpan], bodyStart: Int
        do {
            (header, bodyStart) = try tokenizer.record(at: start)
        } catch {
            throw UTF8Validation.error(p, name: name) ?? error
        }
        if UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: p[0..<bodyStart])) != nil, let e = UTF8Validation.error(p, name: name) {
            throw e
        }
        let names = Self.uniqueNames(header.map { String(decoding: tokenizer.bytes(of: $0), as: UTF8.self) })
        for (key, type) in typeOverrides.sorted(by: { $0.key < $1.key }) {
            guard names.contains(key) else {
                throw UTF8Validation.error(p, name: name) ?? FormatError(file: name, line: 1, message: "type given for unknown column '\(key)' (columns: \(names.joined(separator: ", ")))")
            }
            if type == .null {
                throw UTF8Validation.error(p, name: name) ?? FormatError(file: name, line: 1, message: "column '\(key)' cannot be read as type null")
            }
        }
        let columns = names.map { CSVColumnAccumulator(fixed: typeOverrides[$0]) }
        var reader = CSVBodyReader(p: p, delimiter: delimiter, name: name, columns: columns, options: options, release: release)
        let rows = try reader.read(from: bodyStart, lineBytes: bodyStart - start)
        for (c, acc) in columns.enumerated() {
            if let f = acc.error { throw badValue(p, f, column: c, names[c], acc.type) }
        }
        let fields = zip(names, columns).map { Field($0, $1.type) }
        return Table(fields: fields, columns: columns.map { $0.column() }, rowCount: rows)
    }

    /// The error for a value `f` of column `column` that is not a `type`.
    private func badValue(_ p: UnsafeBufferPointer<UInt8>, _ f: FieldSpan, column: Int, _ columnName: String, _ type: DataType) -> FormatError {
        let raw = TextPosition.snippet(p, f.start, f.end)
        let text = p[f.start] == CSVTokenizer.quote ? raw : "\"" + raw + "\""
        return FormatError(file: name, line: TextPosition.line(p, f.start), column: column + 1,
                           message: "column '\(columnName)': expected \(FormatError.expectation(type)), found \(text)")
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
