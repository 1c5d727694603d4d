extension Parser {
    /// The words that take a parenthesised list: `stages ("a", "b")`, `active ("dev")`.
    static let flowListWords: Set<String> = ["stages", "active", "split"]
    /// The words that stand alone, with no value (`funnel ... strict`, `forecast howmany by DATE`): a
    /// clause with no values.
    static let flowFlagWords: Set<String> = ["strict", "howmany"]

    /// The clauses after a flow operator's name, up to `|` or the end: `NAME=VALUE` options,
    /// `stages (...)`-style lists, and `WORD EXPR, ...` clauses. The binder checks which it takes.
    mutating func flowClauses() throws(Diagnostic) -> FlowClauses {
        var out = FlowClauses()
        while tok.kind == .identifier {
            let word = advance()
            let name = NameRef(word.text, word.range)
            if tok.isSymbol("=") {
                _ = advance()
                out.options.append((name, try expression()))
            } else if Parser.flowFlagWords.contains(word.text) {
                out.clauses.append((name, []))
            } else if Parser.flowListWords.contains(word.text), tok.isSymbol("(") {
                _ = advance()
                var items: [Expr] = []
                if !tok.isSymbol(")") {
                    repeat { items.append(try expression()) } while accept(",")
                }
                try expect(")", "')' closing the list of '\(word.text)'")
                out.lists.append((name, items))
            } else {
                out.clauses.append((name, try assignments()))
            }
        }
        return out
    }
}
