extension Parser {
    /// The words that take a parenthesised list: `stages ("a", "b")`, `active ("dev")`.
    static let flowListWords: Set<String> = ["stages", "active", "split"]
    /// The words that stand alone, with no value (`funnel ... strict`, `forecast howmany by DATE`): a
    /// clause with no values.
    static let flowFlagWords: Set<String> = ["strict", "howmany"]

    /// The words that take another input: `over (QUERY)` or `over NAME`.
    static let flowSourceWords: Set<String> = ["over"]
    /// The operators written with a value before their clauses: `attribute VALUE over (...)`.
    static let flowLeadingValue: Set<FlowOperator> = [.attribute]

    /// The clauses after a flow operator's name, up to `|` or the end: a leading value for the
    /// operators that take one, `NAME=VALUE` options, `stages (...)`-style lists, `over (QUERY)`
    /// sources, and `WORD EXPR, ...` clauses. The binder checks which it takes.
    mutating func flowClauses(_ op: FlowOperator) throws(Diagnostic) -> FlowClauses {
        var out = FlowClauses()
        if Parser.flowLeadingValue.contains(op) {
            if tok.kind == .identifier, Parser.flowSourceWords.contains(tok.text) {
                throw unexpected(expected: "the value to share before '\(tok.text)': \(op.rawValue) VALUE \(tok.text) (...)")
            }
            out.lead = try expression()
        }
        while tok.kind == .identifier {
            let word = advance()
            let name = NameRef(word.text, word.range)
            if Parser.flowSourceWords.contains(word.text), !tok.isSymbol("=") {
                if accept("(") {
                    let q = try query()
                    try expect(")", "')' after the query of '\(word.text)'")
                    out.sources.append((name, q))
                } else {
                    guard tok.kind == .identifier else { throw unexpected(expected: "a table name or '(query)' after '\(word.text)'") }
                    let n = advance()
                    out.sources.append((name, Query(head: Expr(.name(n.text), n.range), operators: [], range: n.range)))
                }
            } else if tok.isSymbol("=") {
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
