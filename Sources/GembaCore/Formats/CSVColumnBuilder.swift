/// Turns one column's field spans into a typed column: infers its type and parses its values.
struct CSVColumnBuilder {
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
                           message: "column '\(columnName)': expected \(Self.expectation(type)), found \(text)")
    }

    /// How an error names what a value of `type` looks like.
    static func expectation(_ type: DataType) -> String {
        switch type {
        case .int: return "an int"
        case .float: return "a float"
        case .bool: return "a bool (true or false)"
        case .date: return "a date (YYYY-MM-DD)"
        case .datetime: return "a datetime (like 2026-03-31T14:05:00Z)"
        case .duration: return "a duration (like 90s, 1.5d or 1d2h)"
        case .string: return "a string"
        case .null: return "null"
        }
    }
}
