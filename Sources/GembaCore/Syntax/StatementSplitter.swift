/// Splits a token stream into statements. A statement ends at `;` or at the end of a line, unless the
/// line ends inside brackets, or ends with `|` or `,`, or the next line starts with `|` (or with `[`
/// after a line ending in `)`, so `datatable(...)` may put its values on the next line).
public enum StatementSplitter {
    /// The statements' tokens, newlines removed, each list ending with an `.end` token; empty
    /// statements are left out.
    public static func split(_ tokens: [Token]) -> [[Token]] {
        var out: [[Token]] = []
        var current: [Token] = []
        var depth = 0
        func finish(at offset: Int) {
            if !current.isEmpty { out.append(current + [Token(.end, "", SourceRange(offset, offset))]) }
            current = []
        }
        for (k, t) in tokens.enumerated() {
            switch t.kind {
            case .end:
                finish(at: t.range.start)
            case .newline:
                guard depth == 0, let last = current.last else { continue }
                if last.isSymbol("|") || last.isSymbol(",") { continue }
                if let next = nextSignificant(tokens, after: k), next.isSymbol("|") || (next.isSymbol("[") && last.isSymbol(")")) {
                    continue
                }
                finish(at: t.range.start)
            case .symbol where t.text == ";" && depth == 0:
                finish(at: t.range.start)
            default:
                if t.kind == .symbol {
                    if t.text == "(" || t.text == "[" || t.text == "{" { depth += 1 }
                    if t.text == ")" || t.text == "]" || t.text == "}" { depth = max(0, depth - 1) }
                }
                current.append(t)
            }
        }
        return out
    }

    /// True when `text` cannot be a finished statement yet: it ends inside brackets or a string, or
    /// with `|` or `,`. The prompt then reads another line.
    public static func needsMoreInput(_ text: String) -> Bool {
        let tokens = Lexer.tokenize(SourceText(text))
        var depth = 0
        var last: Token? = nil
        for t in tokens {
            switch t.kind {
            case .newline, .end: continue
            case .invalid where t.text == "unterminated string": return true
            case .symbol:
                if t.text == "(" || t.text == "[" || t.text == "{" { depth += 1 }
                if t.text == ")" || t.text == "]" || t.text == "}" { depth -= 1 }
                if t.text == ";" { depth = max(0, depth) }
            default: break
            }
            last = t
        }
        if depth > 0 { return true }
        if let l = last, l.isSymbol("|") || l.isSymbol(",") { return true }
        return false
    }

    private static func nextSignificant(_ tokens: [Token], after k: Int) -> Token? {
        var j = k + 1
        while j < tokens.count, tokens[j].kind == .newline { j += 1 }
        return j < tokens.count ? tokens[j] : nil
    }
}
