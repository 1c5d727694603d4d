/// Where one field's text lies in the file: `start..<end`, quotes included for a quoted field (a field
/// is quoted exactly when its first byte is `"`). `start == end` is an unquoted empty field: a null.
struct FieldSpan {
    var start: Int
    var end: Int
}

/// Splits CSV or TSV bytes into records and fields (RFC 4180): fields are separated by the delimiter,
/// records end at LF or CRLF, a field starting with `"` runs to the matching `"` (with `""` inside
/// standing for one `"`) and may hold delimiters and line breaks. A `"` inside an unquoted field is
/// kept as it is; a lone CR not followed by LF is data.
///
/// The reader splits the header with it, and reports a record a chunk rejected through `checkRecord`;
/// the chunks themselves use `CSVChunk.scan`, the same rules without errors as values (keep the two
/// in step).
struct CSVTokenizer {
    /// The bytes being split.
    let p: UnsafeBufferPointer<UInt8>
    /// The field separator (`,` or a tab).
    let delimiter: UInt8
    /// The file's name, for errors.
    let name: String

    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    /// Scans the field starting at `i` (field number `field`, 1-based, for errors): where its text ends,
    /// where the next field or record starts, and whether this field ends its record.
    @inline(__always)
    func scanField(at i: Int, field: Int) throws(FormatError) -> (end: Int, next: Int, recordEnds: Bool) {
        let n = p.count
        var j = i
        if j < n, p[j] == Self.quote {
            j += 1
            while true {
                guard j < n else {
                    throw FormatError(file: name, line: TextPosition.line(p, i), column: field,
                                      message: "unterminated quote: the quoted field starting here never ends")
                }
                if p[j] == Self.quote {
                    if j + 1 < n, p[j + 1] == Self.quote { j += 2; continue }
                    j += 1
                    break
                }
                j += 1
            }
            let end = j
            if j == n { return (end, n, true) }
            let c = p[j]
            if c == delimiter { return (end, j + 1, false) }
            if c == Self.lf { return (end, j + 1, true) }
            if c == Self.cr {
                if j + 1 == n { return (end, n, true) }
                if p[j + 1] == Self.lf { return (end, j + 2, true) }
            }
            throw FormatError(file: name, line: TextPosition.line(p, j), column: field,
                              message: "unexpected \(Self.describe(c)) after a closing quote (expected a delimiter or a line end)")
        }
        while j < n {
            let c = p[j]
            if c == delimiter || c == Self.lf { break }
            j += 1
        }
        if j < n, p[j] == delimiter { return (j, j + 1, false) }
        let end = j > i && p[j - 1] == Self.cr ? j - 1 : j
        return (end, j < n ? j + 1 : n, true)
    }

    /// The fields of the record starting at `i`, and where the next record starts.
    func record(at i: Int) throws(FormatError) -> (fields: [FieldSpan], next: Int) {
        var fields: [FieldSpan] = []
        var at = i
        while true {
            let (end, next, ends) = try scanField(at: at, field: fields.count + 1)
            fields.append(FieldSpan(start: at, end: end))
            at = next
            if ends { return (fields, at) }
        }
    }

    /// Splits the record starting at `i` as a reader does and throws what is wrong with it: a
    /// malformed field, or a field count other than `columns`. Used to report a record a chunk rejected.
    func checkRecord(at i: Int, columns: Int) throws(FormatError) {
        var at = i
        var field = 0
        while true {
            let (_, next, ends) = try scanField(at: at, field: field + 1)
            field += 1
            at = next
            if ends { break }
        }
        if field != columns {
            throw FormatError(file: name, line: TextPosition.line(p, i), column: field > columns ? columns + 1 : field,
                              message: "expected \(columns) field\(columns == 1 ? "" : "s"), found \(field)")
        }
    }

    /// The text of a field: its bytes, without the quotes and with `""` made `"` when quoted.
    func bytes(of f: FieldSpan) -> [UInt8] {
        guard f.start < f.end, p[f.start] == Self.quote else { return Array(p[f.start..<f.end]) }
        var out: [UInt8] = []
        out.reserveCapacity(f.end - f.start - 2)
        var k = f.start + 1
        while k < f.end - 1 {
            out.append(p[k])
            k += p[k] == Self.quote ? 2 : 1
        }
        return out
    }

    /// A byte as a message shows it: `'x'` for printable ASCII, else its hex value.
    static func describe(_ c: UInt8) -> String {
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x" + String(c, radix: 16, uppercase: true)
    }
}
