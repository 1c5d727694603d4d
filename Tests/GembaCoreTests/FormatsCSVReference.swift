@testable import GembaCore

// The one-pass CSV reader gemba had before the parallel one, kept as an oracle: the parallel reader
// must give the same table (types, values, string codes) and the same errors.

/// Reads CSV or TSV bytes the one-pass way.
enum ReferenceCSV {
    static func read(_ bytes: [UInt8], name: String = "t.csv", delimiter: UInt8 = UInt8(ascii: ","),
                     types typeOverrides: [String: DataType] = [:]) throws(FormatError) -> Table {
        try bytes.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(FormatError) -> Table in
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
            let names = CSVReader.uniqueNames(header.map { String(decoding: tokenizer.bytes(of: $0), as: UTF8.self) })
            for (key, type) in typeOverrides.sorted(by: { $0.key < $1.key }) {
                guard names.contains(key) else {
                    throw FormatError(file: name, line: 1, message: "type given for unknown column '\(key)' (columns: \(names.joined(separator: ", ")))")
                }
                if type == .null {
                    throw FormatError(file: name, line: 1, message: "column '\(key)' cannot be read as type null")
                }
            }
            let (spans, rows) = try tokenizer.referenceRecords(from: bodyStart, columns: names.count)
            var fields: [Field] = []
            var columns: [Column] = []
            let builder = ReferenceColumnBuilder(p: p, spans: spans, rows: rows, stride: names.count, name: name)
            for (c, columnName) in names.enumerated() {
                let type = typeOverrides[columnName] ?? builder.inferType(column: c)
                columns.append(try builder.build(column: c, named: columnName, as: type))
                fields.append(Field(columnName, type))
            }
            return Table(fields: fields, columns: columns, rowCount: rows)
        }
    }
}

extension CSVTokenizer {
    /// Splits the records from `start` to the end, each of which must have `columns` fields, into a
    /// flat row-major array of spans; returns it and the number of records. A blank line is skipped
    /// when there are several columns, and is a null when there is one.
    func referenceRecords(from start: Int, columns: Int) throws(FormatError) -> (spans: [FieldSpan], rows: Int) {
        let n = p.count
        var spans: [FieldSpan] = []
        spans.reserveCapacity(referenceEstimatedRecords(from: start) * columns)
        var rows = 0
        var i = start
        while i < n {
            if columns > 1 {
                if p[i] == Self.lf { i += 1; continue }
                if p[i] == Self.cr, i + 1 < n, p[i + 1] == Self.lf { i += 2; continue }
            }
            let recordStart = i
            var field = 0
            while true {
                let (end, next, ends) = try scanField(at: i, field: field + 1)
                if field < columns { spans.append(FieldSpan(start: i, end: end)) }
                field += 1
                i = next
                if ends { break }
            }
            if field != columns {
                throw FormatError(file: name, line: TextPosition.line(p, recordStart), column: field > columns ? columns + 1 : field,
                                  message: "expected \(columns) field\(columns == 1 ? "" : "s"), found \(field)")
            }
            rows += 1
        }
        return (spans, rows)
    }

    /// A guess at the number of records from the line length in the first 64 KB, to size buffers once.
    private func referenceEstimatedRecords(from start: Int) -> Int {
        let sampleEnd = min(p.count, start + 65_536)
        var lines = 0
        for k in start..<sampleEnd where p[k] == Self.lf { lines += 1 }
        guard lines > 0, sampleEnd > start else { return 16 }
        let perLine = Double(sampleEnd - start) / Double(lines)
        return Int(Double(p.count - start) / perLine * 1.05) + 16
    }
}

/// The one-pass reader's column builder: one column's field spans into a typed column.
struct ReferenceColumnBuilder {
    /// The file's bytes.
    let p: UnsafeBufferPointer<UInt8>
    /// Every field of every record, row-major.
    let spans: [FieldSpan]
    /// The number of records.
    let rows: Int
    /// Fields per record.
    let stride: Int
    /// The file's name, for errors.
    let name: String

    /// The type of column `column` inferred from all its non-null values.
    func inferType(column: Int) -> DataType {
        var kind = InferredKind.none
        spans.withUnsafeBufferPointer { s in
            var index = column
            for _ in 0..<rows {
                let f = s[index]
                index += stride
                if f.start == f.end { continue }
                var a = f.start, b = f.end
                if p[a] == CSVTokenizer.quote {
                    a += 1; b -= 1
                    if a >= b { kind = .string; return }
                }
                kind = kind.joined(with: InferredKind.classify(p, a, b))
                if kind == .string { return }
            }
        }
        return kind.dataType
    }

    /// Column `column` parsed as `type`; throws at the first value that is not one.
    func build(column: Int, named columnName: String, as type: DataType) throws(FormatError) -> Column {
        switch type {
        case .int:
            let (v, valid) = try values(column, columnName, type, zero: Int64(0), parse: ByteParse.int)
            return Column(type: type, data: .int64(v), validity: valid)
        case .date:
            let (v, valid) = try values(column, columnName, type, zero: Int64(0), parse: ByteParse.date)
            return Column(type: type, data: .int64(v), validity: valid)
        case .datetime:
            let (v, valid) = try values(column, columnName, type, zero: Int64(0), parse: ByteParse.datetimeOrDate)
            return Column(type: type, data: .int64(v), validity: valid)
        case .duration:
            let (v, valid) = try values(column, columnName, type, zero: Int64(0), parse: ByteParse.duration)
            return Column(type: type, data: .int64(v), validity: valid)
        case .float:
            let (v, valid) = try values(column, columnName, type, zero: 0.0, parse: ByteParse.floatOrSpecial)
            return Column(type: type, data: .float64(v), validity: valid)
        case .bool:
            let (v, valid) = try values(column, columnName, type, zero: false, parse: ByteParse.bool)
            return Column(type: type, data: .bool(v), validity: valid)
        case .string:
            return strings(column)
        case .null:
            throw FormatError(file: name, line: 1, column: column + 1, message: "column '\(columnName)' cannot be read as type null")
        }
    }

    /// Parses every non-null value of a column; nulls get `zero` and a cleared validity bit.
    @inline(__always)
    private func values<T>(_ column: Int, _ columnName: String, _ type: DataType, zero: T,
                           parse: (UnsafeBufferPointer<UInt8>, Int, Int) -> T?) throws(FormatError) -> ([T], Bitmap?) {
        var out: [T] = []
        out.reserveCapacity(rows)
        var validity = Bitmap(count: rows, value: true)
        var hasNull = false
        var failed: FieldSpan? = nil
        spans.withUnsafeBufferPointer { s in
            var index = column
            for r in 0..<rows {
                let f = s[index]
                index += stride
                if f.start == f.end {
                    out.append(zero); validity[r] = false; hasNull = true
                    continue
                }
                var a = f.start, b = f.end
                if p[a] == CSVTokenizer.quote { a += 1; b -= 1 }
                guard a < b, let v = parse(p, a, b) else { failed = f; return }
                out.append(v)
            }
        }
        if let f = failed { throw badValue(f, column: column, columnName, type) }
        return (out, hasNull ? validity : nil)
    }

    /// A string column, dictionary-encoded as values arrive.
    private func strings(_ column: Int) -> Column {
        var interner = ByteStringInterner()
        var codes: [UInt32] = []
        codes.reserveCapacity(rows)
        var validity = Bitmap(count: rows, value: true)
        var hasNull = false
        var scratch: [UInt8] = []
        spans.withUnsafeBufferPointer { s in
            var index = column
            for r in 0..<rows {
                let f = s[index]
                index += stride
                if f.start == f.end {
                    codes.append(0); validity[r] = false; hasNull = true
                    continue
                }
                guard p[f.start] == CSVTokenizer.quote else {
                    codes.append(interner.code(p, f.start, f.end))
                    continue
                }
                let a = f.start + 1, b = f.end - 1
                var k = a
                while k < b, p[k] != CSVTokenizer.quote { k += 1 }
                if k == b {
                    codes.append(interner.code(p, a, b))
                } else {
                    scratch.removeAll(keepingCapacity: true)
                    k = a
                    while k < b {
                        scratch.append(p[k])
                        k += p[k] == CSVTokenizer.quote ? 2 : 1
                    }
                    codes.append(interner.code(scratch))
                }
            }
        }
        return Column(type: .string, data: .string(codes, interner.build()), validity: hasNull ? validity : nil)
    }

    private func badValue(_ f: FieldSpan, column: Int, _ columnName: String, _ type: DataType) -> FormatError {
        let raw = TextPosition.snippet(p, f.start, f.end)
        let text = p[f.start] == CSVTokenizer.quote ? raw : "\"" + raw + "\""
        return FormatError(file: name, line: TextPosition.line(p, f.start), column: column + 1,
                           message: "column '\(columnName)': expected \(FormatError.expectation(type)), found \(text)")
    }
}
