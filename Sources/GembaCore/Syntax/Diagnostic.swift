/// An error in a statement: what kind, where (a source range), and hints. Errors are values, never
/// crashes: every step from lexing to execution reports through this type.
public struct Diagnostic: Error, Sendable {
    /// What went wrong, e.g. `unknown column 'asignee'`.
    public var message: String
    /// Where: the part of the statement text it is about.
    public var range: SourceRange
    /// Extra lines shown under the caret, e.g. `did you mean 'assignee'?`.
    public var notes: [String]
    /// Further independent errors found in the same statement, reported together with this one.
    public var related: [Diagnostic] = []

    /// A diagnostic.
    public init(_ message: String, at range: SourceRange, notes: [String] = []) {
        self.message = message
        self.range = range
        self.notes = notes
    }

    /// The error as the shell prints it:
    /// ```
    /// error: unknown column 'asignee' at 1:28
    ///   items | summarize count() by asignee
    ///                                ^^^^^^^
    ///   did you mean 'assignee'?
    /// ```
    public func rendered(in source: SourceText) -> String {
        let (line, column, lineText) = source.location(of: range.start)
        let endLoc = source.location(of: range.end)
        let width = endLoc.line == line ? max(1, endLoc.column - column) : max(1, lineText.count - column + 1)
        let (shown, offset) = Self.clip(lineText, around: column - 1)
        let caretWidth = max(1, min(width, shown.count - (column - 1 - offset)))
        let caretLine = String(repeating: " ", count: column - 1 - offset) + String(repeating: "^", count: caretWidth)
        var out = "error: \(message) at \(line):\(column)\n  \(shown)\n  \(caretLine)"
        for note in notes { out += "\n  \(note)" }
        return out
    }

    /// The most characters of a source line an error shows: a longer line (a generated statement, a
    /// minified script) is cut to a window around the caret, marked with `…`.
    static let shownWidth = 200

    /// `line` cut to `shownWidth` characters around the character at `caret`, and how many columns
    /// the caret moves left in it (the characters cut before it, less one for the `…`).
    static func clip(_ line: String, around caret: Int) -> (text: String, offset: Int) {
        let chars = Array(line)
        guard chars.count > shownWidth else { return (line, 0) }
        let start = max(0, min(caret - shownWidth / 4, chars.count - shownWidth))
        let end = min(chars.count, start + shownWidth)
        let text = (start > 0 ? "…" : "") + String(chars[start..<end]) + (end < chars.count ? "…" : "")
        return (text, start > 0 ? start - 1 : 0)
    }
}

/// The errors of one statement, with the text they point into; what the shell prints on failure.
public struct StatementError: Error, Sendable, CustomStringConvertible {
    /// The diagnostics, in source order (at least one).
    public var diagnostics: [Diagnostic]
    /// The text the ranges point into.
    public var source: SourceText

    /// An error of one or more diagnostics (each one's `related` diagnostics are listed after it).
    public init(_ diagnostics: [Diagnostic], source: SourceText) {
        self.diagnostics = diagnostics.flatMap { d -> [Diagnostic] in
            var head = d
            head.related = []
            return [head] + d.related
        }
        self.source = source
    }

    /// Every diagnostic rendered, one after another.
    public var description: String { diagnostics.map { $0.rendered(in: source) }.joined(separator: "\n") }
}
