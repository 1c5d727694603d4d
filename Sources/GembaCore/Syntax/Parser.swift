/// Parses one statement's tokens (from `StatementSplitter`) into a `Statement`.
public struct Parser {
    private let tokens: [Token]
    private var p = 0
    /// How many `expression`s, `not`s and signs are open (see `maxNesting`).
    private var nesting = 0

    /// Parses one statement.
    public static func parse(_ tokens: [Token]) throws(Diagnostic) -> Statement {
        var parser = Parser(tokens: tokens)
        let s = try parser.statement()
        try parser.expectEnd()
        return s
    }

    /// Parses a query on its own (a view's stored text).
    public static func parseQuery(_ tokens: [Token]) throws(Diagnostic) -> Query {
        var parser = Parser(tokens: tokens)
        let q = try parser.query()
        try parser.expectEnd()
        return q
    }

    private init(tokens: [Token]) {
        self.tokens = tokens.isEmpty ? [Token(.end, "", SourceRange(0, 0))] : tokens
    }

    // MARK: helpers

    var tok: Token { tokens[min(p, tokens.count - 1)] }
    func peek(_ k: Int) -> Token { tokens[min(p + k, tokens.count - 1)] }
    var lastEnd: Int { p > 0 ? tokens[min(p - 1, tokens.count - 1)].range.end : tok.range.start }
    mutating func advance() -> Token { let t = tok; if p < tokens.count - 1 { p += 1 }; return t }

    mutating func accept(_ symbol: String) -> Bool {
        if tok.isSymbol(symbol) { p += 1; return true }
        return false
    }
    private mutating func acceptWord(_ word: String) -> Bool {
        if tok.isWord(word) { p += 1; return true }
        return false
    }
    mutating func expect(_ symbol: String, _ what: String) throws(Diagnostic) {
        if !accept(symbol) { throw unexpected(expected: what) }
    }
    private mutating func expectWord(_ word: String) throws(Diagnostic) {
        if !acceptWord(word) { throw unexpected(expected: "'\(word)'") }
    }

    func unexpected(expected: String) -> Diagnostic {
        let t = tok
        switch t.kind {
        case .invalid: return Diagnostic(t.text, at: t.range)
        case .end: return Diagnostic("syntax error: expected \(expected), found the end of the statement", at: t.range)
        default:
            var notes: [String] = []
            if p > 0, tokens[p - 1].isSymbol("//") {
                notes.append("'//' after a value divides; end the statement with ';' before a comment")
            }
            return Diagnostic("syntax error: expected \(expected), found '\(t.kind == .string ? "\"" + t.text + "\"" : t.text)'", at: t.range, notes: notes)
        }
    }

    private mutating func expectEnd() throws(Diagnostic) {
        if tok.kind != .end { throw unexpected(expected: "'|' or the end of the statement") }
    }

    private mutating func identifier(_ what: String) throws(Diagnostic) -> NameRef {
        guard tok.kind == .identifier else { throw unexpected(expected: what) }
        let t = advance()
        return NameRef(t.text, t.range)
    }

    // MARK: statements and queries

    private mutating func statement() throws(Diagnostic) -> Statement {
        if tok.isWord("let"), peek(1).kind == .identifier, peek(2).isSymbol("=") {
            p += 1
            let name = try identifier("a name")
            p += 1
            return .let(name, try query())
        }
        return .query(try query())
    }

    mutating func query() throws(Diagnostic) -> Query {
        let head = try expression()
        var ops: [Operator] = []
        while accept("|") {
            ops.append(try pipeOperator())
        }
        return Query(head: head, operators: ops, range: head.range.union(SourceRange(head.range.start, lastEnd)))
    }

    /// The operator names, for errors and completion.
    public static let operatorNames = ["where", "extend", "project", "project-away", "rename", "summarize", "sort",
                                       "order", "take", "limit", "top", "distinct", "count", "export", "join", "union", "series",
                                       "flow", "wip", "throughput", "cfd", "aging",
                                       "forecast", "xmr", "funnel", "utilization", "attribute", "littles", "share", "render"]

    private mutating func pipeOperator() throws(Diagnostic) -> Operator {
        let start = tok.range.start
        guard tok.kind == .identifier else { throw unexpected(expected: "an operator after '|'") }
        let word = advance()
        let kind: Operator.Kind
        switch word.text {
        case "where", "filter":
            kind = .where(try expression())
        case "extend":
            kind = .extend(try assignments())
        case "project":
            kind = .project(try assignments())
        case "project-away":
            kind = .projectAway(try nameList())
        case "rename", "project-rename":
            var pairs: [(new: NameRef, old: NameRef)] = []
            repeat {
                let new = try identifier("a new column name")
                try expect("=", "'=' in 'rename NEW = OLD'")
                pairs.append((new, try identifier("the column to rename")))
            } while accept(",")
            kind = .rename(pairs)
        case "summarize":
            var aggs: [Assignment] = []
            if !tok.isWord("by") { aggs = try assignments() }
            var by: [Assignment] = []
            if acceptWord("by") { by = try assignments() }
            kind = .summarize(aggregates: aggs, by: by)
        case "sort", "order":
            try expectWord("by")
            var keys: [SortKey] = []
            repeat { keys.append(try sortKey(defaultDescending: false)) } while accept(",")
            kind = .sort(keys)
        case "take", "limit":
            kind = .take(try expression())
        case "top":
            let n = try expression()
            try expectWord("by")
            var keys: [SortKey] = []
            repeat { keys.append(try sortKey(defaultDescending: true)) } while accept(",")
            kind = .top(n, keys)
        case "distinct":
            if tok.isSymbol("*") { _ = advance(); kind = .distinct([]) } else { kind = .distinct(try nameList()) }
        case "count":
            kind = .count
        case "export":
            if acceptWord("table") {
                kind = .exportTable(try identifier("a table name"))
                break
            }
            guard tok.kind == .string else { throw unexpected(expected: "a file path in quotes, or 'table NAME'") }
            kind = .export(path: advance().text)
        case "join":
            var joinKind = JoinKind.inner
            if tok.isWord("kind") {
                _ = advance()
                try expect("=", "'=' after 'kind'")
                let k = try identifier("a join kind")
                let name = k.name == "leftouter" ? "left" : k.name == "rightouter" ? "right" : k.name == "fullouter" ? "full"
                    : k.name == "leftsemi" ? "semi" : k.name == "leftanti" ? "anti" : k.name
                guard let jk = JoinKind(rawValue: name) else {
                    throw Diagnostic("unknown join kind '\(k.name)'", at: k.range,
                                     notes: ["join kinds: " + JoinKind.allCases.map(\.rawValue).joined(separator: ", ")])
                }
                joinKind = jk
            }
            try expect("(", "'(' before the joined query")
            let right = try query()
            try expect(")", "')' after the joined query")
            try expectWord("on")
            var keys: [Expr] = []
            repeat { keys.append(try expression()) } while accept(",")
            kind = .join(joinKind, right, keys: keys)
        case "union":
            var parts: [Query] = []
            repeat {
                if accept("(") {
                    let q = try query()
                    try expect(")", "')'")
                    parts.append(q)
                } else {
                    let n = try identifier("a table or '(query)'")
                    parts.append(Query(head: Expr(.name(n.name), n.range), operators: [], range: n.range))
                }
            } while accept(",")
            kind = .union(parts)
        case "series":
            let aggs = try assignments()
            try expectWord("on")
            let on = try expression()
            var from: Expr? = nil, to: Expr? = nil
            if acceptWord("from") { from = try expression() }
            if acceptWord("to") { to = try expression() }
            try expectWord("step")
            let step = try expression()
            var by: [Assignment] = []
            if acceptWord("by") { by = try assignments() }
            kind = .series(aggregates: aggs, on: on, from: from, to: to, step: step, by: by)
        case "render":
            let chartKind = try identifier("a chart kind (\(ChartKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            kind = .render(kind: chartKind, options: try renderOptions())
        case let w where FlowOperator(rawValue: w) != nil:
            let op = FlowOperator(rawValue: w) ?? .flow
            kind = .flow(op, try flowClauses(op))
        default:
            throw Diagnostic("unknown operator '\(word.text)'", at: word.range,
                             notes: Suggest.notes(for: word.text, among: Parser.operatorNames, what: "operators"))
        }
        return Operator(kind, SourceRange(start, lastEnd))
    }

    /// `with (NAME=VALUE, NAME=(A, B), ...)` after `render KIND`, or nothing.
    private mutating func renderOptions() throws(Diagnostic) -> [RenderOption] {
        guard acceptWord("with") else { return [] }
        try expect("(", "'(' after 'with'")
        var options: [RenderOption] = []
        if accept(")") { return options }
        repeat {
            let name = try identifier("an option name")
            try expect("=", "'=' after the option name")
            let start = tok.range.start
            if accept("(") {
                var values: [Expr] = []
                repeat { values.append(try expression()) } while accept(",")
                try expect(")", "')' after the list")
                options.append(RenderOption(name: name, values: values, isList: true, range: SourceRange(start, lastEnd)))
            } else {
                let e = try expression()
                options.append(RenderOption(name: name, values: [e], isList: false, range: e.range))
            }
        } while accept(",")
        try expect(")", "')' after the options")
        return options
    }

    private mutating func sortKey(defaultDescending: Bool) throws(Diagnostic) -> SortKey {
        let e = try expression()
        var desc = defaultDescending
        if acceptWord("asc") { desc = false } else if acceptWord("desc") { desc = true }
        var nullsFirst: Bool? = nil
        if acceptWord("nulls") {
            if acceptWord("first") { nullsFirst = true } else if acceptWord("last") { nullsFirst = false } else {
                throw unexpected(expected: "'first' or 'last' after 'nulls'")
            }
        }
        return SortKey(expr: e, descending: desc, nullsFirst: nullsFirst)
    }

    private mutating func nameList() throws(Diagnostic) -> [NameRef] {
        var names: [NameRef] = []
        repeat { names.append(try identifier("a column name")) } while accept(",")
        return names
    }

    mutating func assignments() throws(Diagnostic) -> [Assignment] {
        var out: [Assignment] = []
        repeat {
            if tok.kind == .identifier, peek(1).isSymbol("=") {
                let n = advance()
                p += 1
                out.append(Assignment(name: n.text, nameRange: n.range, expr: try expression()))
            } else {
                out.append(Assignment(name: nil, nameRange: nil, expr: try expression()))
            }
        } while accept(",")
        return out
    }

    // MARK: expressions, lowest precedence first

    /// Parses one expression.
    /// The deepest expression tree a statement may hold: binding and running walk trees recursively,
    /// so a deeper one is refused here with an error. (1,000, SQLite's limit, overflowed an 8 MB stack
    /// when binding under AddressSanitizer.)
    static let maxDepth = 256
    /// The most parentheses, subqueries, `not`s and signs one inside another (each level costs the
    /// parser several stack frames).
    static let maxNesting = 256

    mutating func expression() throws(Diagnostic) -> Expr {
        try descend()
        defer { nesting -= 1 }
        return try orExpr()
    }

    /// One level deeper into the text's nesting; an error past `maxNesting`.
    private mutating func descend() throws(Diagnostic) {
        nesting += 1
        if nesting > Parser.maxNesting {
            throw Diagnostic("expression nested too deeply: more than \(Parser.maxNesting) levels of parentheses, subqueries or prefixes",
                             at: tok.range)
        }
    }

    /// A new expression node; an error when its tree is deeper than `maxDepth`.
    private func node(_ kind: Expr.Kind, _ range: SourceRange) throws(Diagnostic) -> Expr {
        let e = Expr(kind, range)
        if e.depth > Parser.maxDepth {
            throw Diagnostic("expression too deep: more than \(Parser.maxDepth) operators inside one another", at: range,
                             notes: ["a long chain of 'or' or '==' tests can often be written with 'in (...)'"])
        }
        return e
    }

    private mutating func orExpr() throws(Diagnostic) -> Expr {
        var l = try andExpr()
        while tok.isWord("or") {
            _ = advance()
            let r = try andExpr()
            l = try node(.binary("or", l, r), l.range.union(r.range))
        }
        return l
    }

    private mutating func andExpr() throws(Diagnostic) -> Expr {
        var l = try notExpr()
        while tok.isWord("and") {
            _ = advance()
            let r = try notExpr()
            l = try node(.binary("and", l, r), l.range.union(r.range))
        }
        return l
    }

    private mutating func notExpr() throws(Diagnostic) -> Expr {
        if tok.isWord("not") {
            let t = advance()
            try descend()
            defer { nesting -= 1 }
            let e = try notExpr()
            return try node(.unary("not", e), t.range.union(e.range))
        }
        return try comparison()
    }

    private static let comparisonSymbols: Set<String> = ["==", "!=", "<", "<=", ">", ">=", "=~", "!~"]
    private static let stringTests: Set<String> = ["contains", "startswith", "endswith", "has",
                                                   "!contains", "!startswith", "!endswith"]

    private mutating func comparison() throws(Diagnostic) -> Expr {
        let l = try additive()
        if tok.kind == .symbol, Parser.comparisonSymbols.contains(tok.text) {
            let op = advance().text
            let r = try additive()
            return try node(.binary(op, l, r), l.range.union(r.range))
        }
        if tok.isSymbol("!in") || tok.isWord("in") {
            let negated = advance().text == "!in"
            try expect("(", "'(' after 'in'")
            var items: [Expr] = []
            if !tok.isSymbol(")") {
                repeat { items.append(try expression()) } while accept(",")
            }
            try expect(")", "')' closing the list")
            return try node(.inList(l, items, negated: negated), SourceRange(l.range.start, lastEnd))
        }
        if tok.isWord("between") || (tok.isSymbol("!") && peek(1).isWord("between")) {
            let negated = tok.isSymbol("!")
            if negated { p += 1 }
            p += 1
            try expect("(", "'(' after 'between'")
            let lo = try additive()
            try expect("..", "'..' between the bounds")
            let hi = try additive()
            try expect(")", "')'")
            return try node(.between(l, lo, hi, negated: negated), SourceRange(l.range.start, lastEnd))
        }
        if tok.kind == .identifier, Parser.stringTests.contains(tok.text) || tok.text == "matches" {
            var op = advance().text
            if op == "matches" { try expectWord("regex"); op = "matches regex" }
            let r = try additive()
            return try node(.binary(op, l, r), l.range.union(r.range))
        }
        if tok.isSymbol("!"), peek(1).kind == .identifier, Parser.stringTests.contains("!" + peek(1).text) {
            p += 1
            let op = "!" + advance().text
            let r = try additive()
            return try node(.binary(op, l, r), l.range.union(r.range))
        }
        return l
    }

    private mutating func additive() throws(Diagnostic) -> Expr {
        var l = try multiplicative()
        while tok.isSymbol("+") || tok.isSymbol("-") {
            let op = advance().text
            let r = try multiplicative()
            l = try node(.binary(op, l, r), l.range.union(r.range))
        }
        return l
    }

    private mutating func multiplicative() throws(Diagnostic) -> Expr {
        var l = try unary()
        while tok.isSymbol("*") || tok.isSymbol("/") || tok.isSymbol("//") || tok.isSymbol("%") {
            let op = advance().text
            let r = try unary()
            l = try node(.binary(op, l, r), l.range.union(r.range))
        }
        return l
    }

    private mutating func unary() throws(Diagnostic) -> Expr {
        if tok.isSymbol("-") || tok.isSymbol("+") {
            let t = advance()
            try descend()
            defer { nesting -= 1 }
            let e = try unary()
            // Fold a negative literal so `-9223372036854775808` style bounds and `-7` stay literals.
            if t.text == "-", case .literal(let v) = e.kind {
                switch v {
                case .int(let i): return Expr(.literal(.int(0 &- i)), t.range.union(e.range))
                case .float(let f): return Expr(.literal(.float(-f)), t.range.union(e.range))
                case .duration(let d): return Expr(.literal(.duration(-d)), t.range.union(e.range))
                default: break
                }
            }
            return t.text == "-" ? try node(.unary("-", e), t.range.union(e.range)) : e
        }
        return try postfix()
    }

    private mutating func postfix() throws(Diagnostic) -> Expr {
        var e = try primary()
        while tok.isSymbol("[") {
            _ = advance()
            let i = try expression()
            try expect("]", "']'")
            e = try node(.index(e, i), SourceRange(e.range.start, lastEnd))
        }
        return e
    }

    private mutating func primary() throws(Diagnostic) -> Expr {
        let t = tok
        switch t.kind {
        case .int:
            _ = advance()
            return Expr(.literal(.int(Int64(t.text) ?? 0)), t.range)
        case .float:
            _ = advance()
            return Expr(.literal(.float(Double(t.text) ?? 0)), t.range)
        case .string:
            _ = advance()
            return Expr(.literal(.string(t.text)), t.range)
        case .date:
            _ = advance()
            return Expr(.literal(.date(Temporal.parseDate(t.text) ?? 0)), t.range)
        case .datetime:
            _ = advance()
            return Expr(.literal(.datetime(Temporal.parseDatetime(t.text) ?? 0)), t.range)
        case .duration:
            _ = advance()
            return Expr(.literal(.duration(Conversion.parseDuration(t.text) ?? 0)), t.range)
        case .identifier:
            return try identifierExpr()
        case .symbol where t.text == "(":
            _ = advance()
            let q = try query()
            try expect(")", "')'")
            let range = SourceRange(t.range.start, lastEnd)
            if q.operators.isEmpty { return Expr(q.head.kind, range) }
            return Expr(.subquery(q), range)
        case .symbol where t.text == "*":
            _ = advance()
            return Expr(.star, t.range)
        default:
            throw unexpected(expected: "a value, a name or '('")
        }
    }

    private mutating func identifierExpr() throws(Diagnostic) -> Expr {
        let t = advance()
        switch t.text {
        case "true": return Expr(.literal(.bool(true)), t.range)
        case "false": return Expr(.literal(.bool(false)), t.range)
        case "null": return Expr(.literal(.null), t.range)
        case "datatable" where tok.isSymbol("("):
            return try datatable(start: t.range.start)
        default: break
        }
        if accept("(") {
            var args: [Expr] = []
            if !tok.isSymbol(")") {
                repeat { args.append(try expression()) } while accept(",")
            }
            try expect(")", "')' closing the arguments of '\(t.text)'")
            return try node(.call(t.text, args), SourceRange(t.range.start, lastEnd))
        }
        // `left.a` / `right.b` in join keys.
        if tok.isSymbol("."), peek(1).kind == .identifier, tok.range.start == t.range.end {
            p += 1
            let member = advance()
            return Expr(.name(t.text + "." + member.text), t.range.union(member.range))
        }
        return Expr(.name(t.text), t.range)
    }

    private mutating func datatable(start: Int) throws(Diagnostic) -> Expr {
        try expect("(", "'('")
        var schema: [(String, DataType)] = []
        repeat {
            let name = try identifier("a column name")
            try expect(":", "':' and a type after the column name")
            let typeName = try identifier("a type")
            guard let type = DataType(name: typeName.name), type != .null else {
                throw Diagnostic("unknown type '\(typeName.name)'", at: typeName.range,
                                 notes: ["types: int, float, bool, string, date, datetime, duration"])
            }
            schema.append((name.name, type))
        } while accept(",")
        try expect(")", "')' after the columns")
        try expect("[", "'[' before the values")
        var values: [Expr] = []
        if !tok.isSymbol("]") {
            repeat {
                if tok.isSymbol("]") { break }  // a trailing comma
                values.append(try expression())
            } while accept(",")
        }
        try expect("]", "']' after the values")
        return Expr(.datatable(schema, values), SourceRange(start, lastEnd))
    }
}
