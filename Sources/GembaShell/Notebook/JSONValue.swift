import GembaCore

/// A JSON document as it was read: objects keep their keys in order and numbers keep their text, so a
/// notebook written back keeps every field it did not change exactly as it was.
///
/// (GembaCore's `JSONParser` reads JSON lines into table cells and keeps nested values as text; a
/// notebook needs the whole tree, in order, so it has this small reader and writer of its own; the two
/// share `JSONEscape` for what a backslash in a string means.)
public indirect enum JSONValue: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as its JSON text (`4`, `-1.5e3`).
    case number(String)
    /// A string, unescaped.
    case string(String)
    /// An array's items in their order.
    case array([JSONValue])
    /// An object's members in their order.
    case object([(String, JSONValue)])

    /// Equal values: same kind, same items, members in the same order, numbers with the same text.
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// An integer number.
    public static func int(_ n: Int) -> JSONValue { .number(String(n)) }

    /// The member `key` of an object (nil for a missing key or a value that is not an object).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The object with member `key` set to `value`: replaced where it is, or added at the end.
    /// A value that is not an object is returned unchanged.
    public func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let i = members.firstIndex(where: { $0.0 == key }) {
            members[i].1 = value
        } else {
            members.append((key, value))
        }
        return .object(members)
    }

    /// The string, or nil for other values.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number as an integer, or nil for other values and fractions.
    public var intValue: Int? {
        if case .number(let s) = self { return Int(s) }
        return nil
    }
}

/// A JSON text that could not be read: what was wrong and where (line and column, from 1).
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was expected or wrong.
    public var message: String
    /// The line, from 1.
    public var line: Int
    /// The column in characters, from 1.
    public var column: Int
    /// `line L, column C: message`.
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Reads JSON text (RFC 8259) into a `JSONValue`.
public enum JSONReader {
    /// The value `text` holds; throws for anything but one JSON value with white space around it.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var reader = ByteReader(bytes: Array(text.utf8))
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.offset == reader.bytes.count else { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    private struct ByteReader {
        let bytes: [UInt8]
        var offset = 0

        func error(_ message: String) -> JSONSyntaxError {
            var line = 1, lineStart = 0
            for i in 0..<min(offset, bytes.count) where bytes[i] == 10 {
                line += 1
                lineStart = i + 1
            }
            let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).count + 1
            return JSONSyntaxError(message: message, line: line, column: column)
        }

        var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        mutating func skipSpace() {
            while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { offset += 1 }
        }

        mutating func expect(_ c: UInt8, _ what: String) throws(JSONSyntaxError) {
            guard peek == c else { throw error("expected \(what)") }
            offset += 1
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            guard depth < 512 else { throw error("nested too deeply") }
            guard let c = peek else { throw error("unexpected end of text, expected a value") }
            switch c {
            case UInt8(ascii: "{"):
                offset += 1
                var members: [(String, JSONValue)] = []
                skipSpace()
                if peek == UInt8(ascii: "}") { offset += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard peek == UInt8(ascii: "\"") else { throw error("expected a string key") }
                    let key = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"), "':' after an object key")
                    skipSpace()
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    if peek == UInt8(ascii: ",") { offset += 1; continue }
                    try expect(UInt8(ascii: "}"), "',' or '}' in an object")
                    return .object(members)
                }
            case UInt8(ascii: "["):
                offset += 1
                var items: [JSONValue] = []
                skipSpace()
                if peek == UInt8(ascii: "]") { offset += 1; return .array(items) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    if peek == UInt8(ascii: ",") { offset += 1; continue }
                    try expect(UInt8(ascii: "]"), "',' or ']' in an array")
                    return .array(items)
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error("expected a value")
            }
        }

        mutating func literal(_ word: String) throws(JSONSyntaxError) {
            let w = Array(word.utf8)
            guard offset + w.count <= bytes.count, Array(bytes[offset..<offset + w.count]) == w else {
                throw error("expected a value")
            }
            offset += w.count
        }

        mutating func number() throws(JSONSyntaxError) -> JSONValue {
            let start = offset
            func digits(_ r: inout ByteReader) -> Int {
                let s = r.offset
                while let c = r.peek, c >= 0x30, c <= 0x39 { r.offset += 1 }
                return r.offset - s
            }
            if peek == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw error("expected digits in a number") }
            if peek == UInt8(ascii: ".") {
                offset += 1
                guard digits(&self) > 0 else { throw error("expected digits after '.'") }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                offset += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { offset += 1 }
                guard digits(&self) > 0 else { throw error("expected digits in an exponent") }
            }
            return .number(String(decoding: bytes[start..<offset], as: UTF8.self))
        }

        mutating func string() throws(JSONSyntaxError) -> String {
            offset += 1  // the opening quote
            var out: [UInt8] = []
            while true {
                guard let c = peek else { throw error("unterminated string") }
                offset += 1
                switch c {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    do {
                        offset = try JSONEscape.decode(bytes, backslashAt: offset - 1, into: &out)
                    } catch {
                        offset -= 1
                        throw self.error(error.message)
                    }
                case 0..<0x20:
                    offset -= 1
                    throw error("control character in a string")
                default:
                    out.append(c)
                }
            }
        }
    }
}

/// Writes a `JSONValue` as Jupyter writes notebooks: one space of indent per level, `": "` after keys,
/// non-ASCII characters as they are, and a newline at the end.
public enum JSONTextWriter {
    /// `value` as indented JSON text ending in a newline.
    public static func write(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        append(value, indent: 0, to: &out)
        out.append(10)
        return String(decoding: out, as: UTF8.self)
    }

    private static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(10)
        out.append(contentsOf: repeatElement(0x20, count: indent))
    }

    private static func append(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .number(let n): out.append(contentsOf: Array(n.utf8))
        case .string(let s): appendString(s, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out.append(contentsOf: Array("[]".utf8)); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                append(item, indent: indent + 1, to: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { out.append(contentsOf: Array("{}".utf8)); return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, item)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                appendString(key, to: &out)
                out.append(contentsOf: Array(": ".utf8))
                append(item, indent: indent + 1, to: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `text` as a JSON string literal; control characters escaped, everything else as it is.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(0x22)
        for c in text.utf8 {
            switch c {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0..<0x20: out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
            default: out.append(c)
            }
        }
        out.append(0x22)
    }
}
