/// The kinds of token the lexer produces.
public enum TokenKind: Sendable, Equatable {
    /// A name: table, column, operator keyword or function (`project-away` is one identifier).
    case identifier
    /// `42`, `1_000`.
    case int
    /// `3.5`, `1e-3`.
    case float
    /// `"text"` or `'text'`; the token's `text` holds the decoded string.
    case string
    /// `@2026-03-31`.
    case date
    /// `@2026-03-31T14:05:00Z`.
    case datetime
    /// `90s`, `1.5d`.
    case duration
    /// Punctuation and symbolic operators: `| ( ) [ ] , ; : = == != < <= > >= + - * / // % . .. =~ !in`.
    case symbol
    /// The end of a line (statements may end there).
    case newline
    /// Something that is not a token; `text` says what was wrong.
    case invalid
    /// The end of the input.
    case end
}

/// One token: its kind, its text (decoded for strings) and where it stands.
public struct Token: Sendable {
    /// The kind.
    public var kind: TokenKind
    /// The text as written, or the decoded value of a string, or the error of an invalid token.
    public var text: String
    /// Where the token stands in the source.
    public var range: SourceRange

    /// A token.
    public init(_ kind: TokenKind, _ text: String, _ range: SourceRange) {
        self.kind = kind; self.text = text; self.range = range
    }

    /// True when this is the symbol `s`.
    @inline(__always) public func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
    /// True when this is the identifier `s` (keywords are identifiers).
    @inline(__always) public func isWord(_ s: String) -> Bool { kind == .identifier && text == s }

    /// True when the token can end an operand (so a following `//` divides and `|` may continue).
    var endsOperand: Bool {
        switch kind {
        case .identifier, .int, .float, .string, .date, .datetime, .duration: return true
        case .symbol: return text == ")" || text == "]"
        default: return false
        }
    }
}
