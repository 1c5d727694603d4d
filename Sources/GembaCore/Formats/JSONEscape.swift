/// The backslash escapes of a JSON string (RFC 8259 §7), decoded in one place for the table reader
/// (`JSONParser`) and the notebook reader (`JSONReader`).
public enum JSONEscape {
    /// What is wrong with an escape, in words for an error message.
    public struct Invalid: Error, Sendable {
        /// E.g. `invalid \u escape: expected 4 hex digits`.
        public var message: String
    }

    /// Decodes the escape whose backslash is at `bytes[at]`, appending its UTF-8 to `out`, and returns
    /// the offset just after it. A `\u` high surrogate must be followed by a `\u` low one; a lone
    /// surrogate is invalid, as a string of Unicode scalars cannot hold it.
    public static func decode<C: RandomAccessCollection<UInt8>>(_ bytes: C, backslashAt at: Int,
                                                                into out: inout [UInt8]) throws(Invalid) -> Int where C.Index == Int {
        guard at + 1 < bytes.endIndex else { throw Invalid(message: "unterminated string") }
        let e = bytes[at + 1]
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4(bytes, at + 2)
            var next = at + 6
            if code >= 0xD800, code <= 0xDBFF {
                guard next + 1 < bytes.endIndex, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u") else {
                    throw Invalid(message: "invalid \\u escape: a high surrogate without a low one")
                }
                let low = try hex4(bytes, next + 2)
                guard low >= 0xDC00, low <= 0xDFFF else { throw Invalid(message: "invalid \\u escape: a high surrogate without a low one") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                next += 6
            } else if code >= 0xDC00, code <= 0xDFFF {
                throw Invalid(message: "invalid \\u escape: a low surrogate without a high one")
            }
            guard let scalar = Unicode.Scalar(code) else { throw Invalid(message: "invalid \\u escape") }
            UTF8.encode(scalar) { out.append($0) }
            return next
        default:
            throw Invalid(message: "invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
        }
        return at + 2
    }

    /// The four hex digits at `bytes[at...]` as a number.
    static func hex4<C: RandomAccessCollection<UInt8>>(_ bytes: C, _ at: Int) throws(Invalid) -> UInt32 where C.Index == Int {
        guard at + 4 <= bytes.endIndex else { throw Invalid(message: "invalid \\u escape: expected 4 hex digits") }
        var v: UInt32 = 0
        for c in bytes[at..<(at + 4)] {
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - 55
            default: throw Invalid(message: "invalid \\u escape: expected 4 hex digits")
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }
}
