/// One JSON value as a cell of a table being read. Arrays and objects nested in a row are kept as
/// their JSON text.
enum JSONCell {
    case null
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case string(String)
    /// An array or object, as its text.
    case nested(String)
}

/// A JSON parser over UTF-8 bytes (RFC 8259), reading the objects of JSON lines or a JSON array.
/// Errors carry the byte offset, turned into a line and byte column.
struct JSONParser {
    /// The bytes (already checked to be UTF-8).
    let p: UnsafeBufferPointer<UInt8>
    /// The file's name, for errors.
    let name: String
    /// The read position.
    var i: Int

    /// Nesting deeper than this is an error rather than a deep recursion.
    static let maxDepth = 256

    /// A parser at `start`.
    init(_ p: UnsafeBufferPointer<UInt8>, name: String, start: Int) {
        self.p = p
        self.name = name
        self.i = start
    }

    /// An error at byte `offset`.
    func error(_ message: String, at offset: Int) -> FormatError {
        let (line, column) = TextPosition.locate(p, offset)
        return FormatError(file: name, line: line, column: column, columnUnit: .byte, message: message)
    }

    /// What is at the read position, for messages.
    func found() -> String {
        guard i < p.count else { return "the end of the file" }
        let c = p[i]
        if c == 10 { return "a line end" }
        return CSVTokenizer.describe(c)
    }

    /// Skips spaces, tabs, CRs and LFs.
    mutating func skipWhitespace() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
    }

    /// Skips spaces, tabs and CRs (not LFs).
    mutating func skipInlineWhitespace() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D { i += 1 }
    }

    /// Reads an object's members in order, each with the offset of its value.
    mutating func object() throws(FormatError) -> [(key: String, value: JSONCell, offset: Int)] {
        guard i < p.count, p[i] == UInt8(ascii: "{") else {
            throw error("expected a JSON object ('{'), found \(found())", at: i)
        }
        i += 1
        var members: [(key: String, value: JSONCell, offset: Int)] = []
        skipWhitespace()
        if i < p.count, p[i] == UInt8(ascii: "}") { i += 1; return members }
        while true {
            skipWhitespace()
            guard i < p.count, p[i] == UInt8(ascii: "\"") else {
                throw error("expected a key (a string), found \(found())", at: i)
            }
            let key = try string()
            skipWhitespace()
            guard i < p.count, p[i] == UInt8(ascii: ":") else { throw error("expected ':' after a key, found \(found())", at: i) }
            i += 1
            skipWhitespace()
            let offset = i
            let v = try value(depth: 1)
            members.append((key, v, offset))
            skipWhitespace()
            guard i < p.count else { throw error("unterminated object: expected ',' or '}'", at: i) }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "}") { i += 1; return members }
            throw error("expected ',' or '}', found \(found())", at: i)
        }
    }

    /// Reads any value.
    mutating func value(depth: Int) throws(FormatError) -> JSONCell {
        guard i < p.count else { throw error("expected a value, found the end of the file", at: i) }
        switch p[i] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let start = i
            try skipNested(depth: depth)
            return .nested(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
        default:
            throw error("expected a value, found \(found())", at: i)
        }
    }

    private mutating func literal(_ word: StaticString) throws(FormatError) {
        let n = word.utf8CodeUnitCount
        var ok = i + n <= p.count
        var k = 0
        while ok, k < n {
            ok = p[i + k] == word.utf8Start[k]
            k += 1
        }
        guard ok else { throw error("expected a value, found \(found())", at: i) }
        i += n
    }

    /// Skips an array or object, checking its syntax.
    private mutating func skipNested(depth: Int) throws(FormatError) {
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels", at: i) }
        let open = p[i]
        let close = open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
        i += 1
        skipWhitespace()
        if i < p.count, p[i] == close { i += 1; return }
        while true {
            skipWhitespace()
            if open == UInt8(ascii: "{") {
                guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw error("expected a key (a string), found \(found())", at: i) }
                _ = try string()
                skipWhitespace()
                guard i < p.count, p[i] == UInt8(ascii: ":") else { throw error("expected ':' after a key, found \(found())", at: i) }
                i += 1
                skipWhitespace()
            }
            _ = try value(depth: depth + 1)
            skipWhitespace()
            guard i < p.count else { throw error("unterminated \(open == UInt8(ascii: "[") ? "array" : "object")", at: i) }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == close { i += 1; return }
            throw error("expected ',' or '\(Character(Unicode.Scalar(close)))', found \(found())", at: i)
        }
    }

    /// Reads a string at the read position (which is at its opening quote).
    mutating func string() throws(FormatError) -> String {
        let open = i
        i += 1
        let start = i
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: UnsafeBufferPointer(rebasing: p[start..<(i - 1)]), as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character \(CSVTokenizer.describe(c)) in a string (escape it)", at: i) }
            i += 1
        }
        var bytes = Array(p[start..<i])
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character \(CSVTokenizer.describe(c)) in a string (escape it)", at: i) }
            if c != UInt8(ascii: "\\") { bytes.append(c); i += 1; continue }
            do {
                i = try JSONEscape.decode(p, backslashAt: i, into: &bytes)
            } catch {
                throw self.error(error.message, at: i)
            }
        }
        throw error("unterminated string", at: open)
    }

    /// Reads a number: an int when it has no fraction or exponent and fits in 64 bits, else a float.
    private mutating func number() throws(FormatError) -> JSONCell {
        let start = i
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < p.count, ByteParse.isDigit(p[i]) else { throw error("invalid number", at: start) }
        if p[i] == UInt8(ascii: "0") {
            i += 1
            if i < p.count, ByteParse.isDigit(p[i]) { throw error("invalid number: leading zero", at: start) }
        } else {
            while i < p.count, ByteParse.isDigit(p[i]) { i += 1 }
        }
        var isFloat = false
        if i < p.count, p[i] == UInt8(ascii: ".") {
            isFloat = true
            i += 1
            guard i < p.count, ByteParse.isDigit(p[i]) else { throw error("invalid number: expected digits after '.'", at: start) }
            while i < p.count, ByteParse.isDigit(p[i]) { i += 1 }
        }
        if i < p.count, p[i] | 0x20 == UInt8(ascii: "e") {
            isFloat = true
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < p.count, ByteParse.isDigit(p[i]) else { throw error("invalid number: expected exponent digits", at: start) }
            while i < p.count, ByteParse.isDigit(p[i]) { i += 1 }
        }
        if !isFloat, let v = ByteParse.int(p, start, i) { return .int(v) }
        guard let d = ByteParse.float(p, start, i) else { throw error("invalid number", at: start) }
        return .float(d)
    }
}
