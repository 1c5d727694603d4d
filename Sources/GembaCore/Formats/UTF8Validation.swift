/// Checks that bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
enum UTF8Validation {
    /// The offset of the first byte that does not start or continue a valid sequence, or nil when all
    /// of `p` is valid. Runs of ASCII are skipped eight bytes at a time.
    static func firstInvalidOffset(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = p.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let n = p.count
        var i = 0
        while i < n {
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            if p[i] < 0x80 { i += 1; continue }
            guard let length = sequenceLength(base, i, n) else { return i }
            i += length
        }
        return nil
    }

    /// The length of the well-formed multi-byte sequence starting at `p[i]` (a byte of 0x80 or more),
    /// or nil when it is not one. `end` bounds the bytes that may be read.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch p[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return nil
        }
        guard i + length <= end else { return nil }
        let second = p[i + 1]
        guard second >= lower, second <= upper else { return nil }
        for k in 2..<length where p[i + k] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// The error for the first invalid byte of `p` (the file `name`), or nil when all of it is valid.
    static func error(_ p: UnsafeBufferPointer<UInt8>, name: String) -> FormatError? {
        guard let bad = firstInvalidOffset(p) else { return nil }
        let (line, column) = TextPosition.locate(p, bad)
        return FormatError(file: name, line: line, column: column, columnUnit: .byte,
                           message: "invalid UTF-8 (byte 0x\(String(p[bad], radix: 16, uppercase: true)))")
    }
}

/// Where the first byte of `bytes` that is not well-formed UTF-8 is: its 1-based line, 1-based byte
/// column and value; nil when all of `bytes` is valid. For text that is not a table file (scripts,
/// notebooks), so that a bad byte is an error rather than a silent U+FFFD.
public func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
    bytes.withUnsafeBufferPointer { p in
        guard let bad = UTF8Validation.firstInvalidOffset(p) else { return nil }
        let (line, column) = TextPosition.locate(p, bad)
        return (line, column, p[bad])
    }
}
