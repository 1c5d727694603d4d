/// A span of statement text, as UTF-8 byte offsets into the source it came from.
public struct SourceRange: Sendable, Hashable {
    /// The first byte.
    public var start: Int
    /// One past the last byte.
    public var end: Int
    /// A range.
    public init(_ start: Int, _ end: Int) { self.start = start; self.end = max(start, end) }
    /// The smallest range holding both.
    public func union(_ other: SourceRange) -> SourceRange { SourceRange(min(start, other.start), max(end, other.end)) }
}

/// Text being run, with the line it starts on in its file (so errors name script lines).
public struct SourceText: Sendable {
    /// The text.
    public let text: String
    /// The UTF-8 bytes of `text`.
    public let bytes: [UInt8]
    /// The line number of the text's first line (1 for a whole script).
    public let firstLine: Int

    /// Source text starting at `firstLine`.
    public init(_ text: String, firstLine: Int = 1) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.firstLine = firstLine
    }

    /// The 1-based line and column (in characters) of byte `offset`, and the line's text.
    public func location(of offset: Int) -> (line: Int, column: Int, lineText: String) {
        let offset = min(max(0, offset), bytes.count)
        var line = firstLine, lineStart = 0
        for i in 0..<offset where bytes[i] == 10 { line += 1; lineStart = i + 1 }
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != 10, bytes[lineEnd] != 13 { lineEnd += 1 }
        let before = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
        let lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        return (line, before.count + 1, lineText)
    }

    /// The text of `range`.
    public func slice(_ range: SourceRange) -> String {
        let s = min(max(0, range.start), bytes.count), e = min(max(s, range.end), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }
}
