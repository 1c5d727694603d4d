/// Turns a byte offset into a line and column, for error messages (never on a hot path).
enum TextPosition {
    /// The 1-based line and 1-based byte column of `offset` in `p` (lines end at LF).
    static func locate(_ p: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let end = min(offset, p.count)
        var i = 0
        while i < end {
            if p[i] == 10 { line += 1; lineStart = i + 1 }
            i += 1
        }
        return (line, offset - lineStart + 1)
    }

    /// The 1-based line of `offset` in `p`.
    static func line(_ p: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int { locate(p, offset).line }

    /// Up to `limit` bytes at `p[start..<end]` as text for a message, with `…` when cut.
    static func snippet(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, limit: Int = 40) -> String {
        var stop = min(end, start + limit)
        // Do not cut a UTF-8 sequence in half.
        while stop < end, stop > start, p[stop] & 0xC0 == 0x80 { stop -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<stop]), as: UTF8.self)
        return stop < end ? text + "…" : text
    }
}
