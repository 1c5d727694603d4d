/// Evaluates bound expressions a whole column at a time over an input table.
struct ExpressionEvaluator {
    /// The table whose columns `.column(i)` refers to.
    let input: Table
    /// Where the expression came from, for runtime errors (a bad regex).
    let range: SourceRange

    /// The expression's value for every input row. Kernels stop early when interrupted; the check after
    /// each one turns that into an error before a partial column is used.
    func evaluate(_ e: BoundExpr) throws(Diagnostic) -> Column {
        let c = try compute(e)
        try Cancellation.check(range)
        return c
    }

    private func compute(_ e: BoundExpr) throws(Diagnostic) -> Column {
        let n = input.rowCount
        switch e {
        case .column(let i, _):
            return input.columns[i]
        case .literal(let v, let t):
            return Column.constant(v, type: t == .null ? .null : t, count: n)
        case .unary(let op, let x, let t):
            let c = try evaluate(x)
            return Arithmetic.unary(op, c, type: t)
        case .binary(let op, let l, let r, let t):
            if op == .and || op == .or {
                return Logic.apply(op, try evaluate(l), try evaluate(r))
            }
            if op.isStringTest {
                return try StringTests.apply(op, try evaluate(l), r, evaluator: self)
            }
            if op.isComparison {
                return Comparison.apply(op, try evaluate(l), try evaluate(r))
            }
            return Arithmetic.binary(op, try evaluate(l), try evaluate(r), type: t)
        case .inList(let x, let values, let negated):
            return Membership.apply(try evaluate(x), values, negated: negated)
        case .call(let f, let args, let t):
            var cols: [Column] = []
            for a in args { cols.append(try evaluate(a)) }
            return f.evaluate(cols, count: n, type: t)
        }
    }
}
