extension Binder {
    /// Binds `summarize AGGS by KEYS`: an aggregate node (keys, then each aggregate call), and on top a
    /// projection when an output is an expression over aggregates (`sum(a) / count()`).
    func bindSummarize(_ assignments: [Assignment], by keys: [Assignment], input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let scope = input.fields
        var keyExprs: [BoundExpr] = []
        var keyFields: [Field] = []
        var generated = 0
        // Key and aggregate errors are independent: collect both before giving up.
        var keyError: Diagnostic? = nil
        var boundKeys: [BoundExpr] = []
        do throws(Diagnostic) {
            boundKeys = try bindEach(keys) { (k) throws(Diagnostic) in try bindExpr(k.expr, scope: scope) }
        } catch { keyError = error }
        for (k, bound) in zip(keys, boundKeys) {
            let name = try outputName(k, generated: &generated, in: keyFields)
            if keyFields.contains(where: { $0.name == name }) {
                throw Diagnostic("'\(name)' appears twice after 'by'", at: k.nameRange ?? k.expr.range)
            }
            keyExprs.append(bound)
            keyFields.append(Field(name, bound.type))
        }

        var calls: [AggregateCall] = []
        var outputs: [(Field, Expr)] = []
        var taken = Set(keyFields.map(\.name))
        let expanded = Binder.expandPercentiles(assignments)
        let rewrittenAll: [(Expr, [AggregateCall])]
        do throws(Diagnostic) {
            rewrittenAll = try bindEach(expanded) { (a) throws(Diagnostic) -> (Expr, [AggregateCall]) in
                var own: [AggregateCall] = []
                let e = try extractAggregates(a.expr, scope: scope, keys: Set(keyFields.map(\.name)), calls: &own)
                return (e, own)
            }
        } catch {
            guard var first = keyError else { throw error }
            var head = error
            head.related = []
            first.related += [head] + error.related
            throw first
        }
        if let keyError { throw keyError }
        for (a, (ownExpr, own)) in zip(expanded, rewrittenAll) {
            // Renumber this output's hidden aggregate names after the calls gathered so far.
            let rewritten = Binder.shiftHidden(ownExpr, by: calls.count)
            calls += own
            var name: String
            if let n = a.name {
                name = n
            } else if case .call(let f, let args) = a.expr.kind, AggregateFunction(rawValue: f) != nil {
                // A generated name that is taken gets a number, as KQL does: `sum_x`, `sum_x1`.
                let base = Binder.aggregateName(f, args)
                name = base
                var k = 0
                while taken.contains(name) { k += 1; name = base + String(k) }
            } else {
                var g = generated
                name = try outputName(Assignment(name: nil, nameRange: nil, expr: Expr(.literal(.null), a.expr.range)), generated: &g, in: keyFields + outputs.map(\.0))
                generated = g
            }
            guard taken.insert(name).inserted else {
                throw Diagnostic("column '\(name)' appears twice in summarize", at: a.nameRange ?? a.expr.range,
                                 notes: ["name it: NAME = \(source.slice(a.expr.range))"])
            }
            outputs.append((Field(name, .null), rewritten))
        }

        let aggFields = keyFields + calls.enumerated().map { Field(Binder.hiddenName($0.offset), $0.element.type) }
        let aggregate = Plan(.aggregate(input, keys: keyExprs, aggregates: calls), fields: aggFields, range: range)

        // The projection: keys as they are, then each output over the aggregate's columns.
        var exprs: [BoundExpr] = keyFields.enumerated().map { .column($0.offset, $0.element.type) }
        var fields = keyFields
        var identity = calls.count == outputs.count
        for (k, (field, expr)) in outputs.enumerated() {
            let bound = try bindExpr(expr, scope: aggFields)
            if case .column(let i, _) = bound, i == keyFields.count + k {} else { identity = false }
            exprs.append(bound)
            fields.append(Field(field.name, bound.type))
        }
        if identity {
            return Plan(aggregate.node, fields: fields, range: range)
        }
        return Plan(.project(aggregate, exprs), fields: fields, range: range)
    }

    /// Binds one aggregate call, its arguments against the input's columns.
    func bindAggregateCall(_ name: String, _ args: [Expr], range: SourceRange, scope: [Field]) throws(Diagnostic) -> AggregateCall {
        guard let f = AggregateFunction(rawValue: name) else {
            throw Diagnostic("'\(name)' is not an aggregate", at: range,
                             notes: Suggest.notes(for: name, among: AggregateFunction.allCases.map(\.rawValue), what: "aggregates"))
        }
        if f == .percentiles {
            throw Diagnostic("percentiles() stands alone in summarize (it makes one column per rank)", at: range)
        }
        if f == .percentile || f == .percentileLinear || f == .sle, args.count == 2 {
            guard let p = (try? bindExpr(args[1], scope: []))?.constant?.asDouble, p >= 0, p <= 100 else {
                throw Diagnostic("\(name)() needs a constant rank from 0 to 100", at: args[1].range)
            }
        }
        var bound: [BoundExpr] = []
        for a in args {
            if case .star = a.kind, f == .count { continue }
            bound.append(try bindExpr(a, scope: scope))
        }
        switch f.resultType(bound.map(\.type)) {
        case .success(let t): return AggregateCall(function: f == .sle ? .percentile : f, arguments: bound, type: t)
        case .failure(let err): throw typeError(err.message, range)
        }
    }

    /// `percentiles(x, 50, 90)` becomes `percentile_x_50 = percentile(x, 50), percentile_x_90 = ...`
    /// (or `NAME_50`, ... when named).
    static func expandPercentiles(_ assignments: [Assignment]) -> [Assignment] {
        assignments.flatMap { a -> [Assignment] in
            guard case .call("percentiles", let args) = a.expr.kind, args.count >= 2 else { return [a] }
            let base = a.name ?? "percentile_" + (args[0].bareName ?? "")
            return args.dropFirst().enumerated().map { k, p in
                var rank = "p\(k + 1)"
                if case .literal(let v) = p.kind { rank = v.text.replacingDots() }
                return Assignment(name: base + "_" + rank, nameRange: a.nameRange, expr: Expr(.call("percentile", [args[0], p]), a.expr.range))
            }
        }
    }

    /// `e` with each hidden aggregate name k renamed to k + offset.
    static func shiftHidden(_ e: Expr, by offset: Int) -> Expr {
        guard offset != 0 else { return e }
        func shift(_ x: Expr) -> Expr { shiftHidden(x, by: offset) }
        switch e.kind {
        case .name(let n) where n.hasPrefix("\u{1}agg"):
            return Expr(.name(hiddenName((Int(n.dropFirst(4)) ?? 0) + offset)), e.range)
        case .call(let f, let args): return Expr(.call(f, args.map(shift)), e.range)
        case .unary(let op, let x): return Expr(.unary(op, shift(x)), e.range)
        case .binary(let op, let l, let r): return Expr(.binary(op, shift(l), shift(r)), e.range)
        case .inList(let x, let items, let n): return Expr(.inList(shift(x), items, negated: n), e.range)
        case .between(let x, let lo, let hi, let n): return Expr(.between(shift(x), shift(lo), shift(hi), negated: n), e.range)
        case .index(let x, let i): return Expr(.index(shift(x), shift(i)), e.range)
        default: return e
        }
    }

    /// The hidden name of the k-th aggregate column (not a valid identifier, so it never clashes).
    static func hiddenName(_ k: Int) -> String { "\u{1}agg\(k)" }

    /// KQL's default names: `count_`, `sum_hours`, `dcount_person`, `avg_` for an expression.
    static func aggregateName(_ f: String, _ args: [Expr]) -> String {
        if let first = args.first, case .name(let n) = first.kind { return "\(f)_\(n)" }
        return "\(f)_"
    }

    /// Binds each aggregate call inside `e` (its arguments against `scope`), appending it to `calls`,
    /// and returns `e` with each call replaced by the hidden name of its result column.
    private func extractAggregates(_ e: Expr, scope: [Field], keys: Set<String>, calls: inout [AggregateCall]) throws(Diagnostic) -> Expr {
        func recurse(_ x: Expr) throws(Diagnostic) -> Expr { try extractAggregates(x, scope: scope, keys: keys, calls: &calls) }
        switch e.kind {
        case .call(let name, let args):
            if AggregateFunction(rawValue: name) != nil {
                calls.append(try bindAggregateCall(name, args, range: e.range, scope: scope))
                return Expr(.name(Binder.hiddenName(calls.count - 1)), e.range)
            }
            var out: [Expr] = []
            for a in args { out.append(try recurse(a)) }
            return Expr(.call(name, out), e.range)
        case .unary(let op, let x): return Expr(.unary(op, try recurse(x)), e.range)
        case .binary(let op, let l, let r): return Expr(.binary(op, try recurse(l), try recurse(r)), e.range)
        case .inList(let x, let items, let n): return Expr(.inList(try recurse(x), items, negated: n), e.range)
        case .between(let x, let lo, let hi, let n):
            return Expr(.between(try recurse(x), try recurse(lo), try recurse(hi), negated: n), e.range)
        case .index(let x, let i): return Expr(.index(try recurse(x), try recurse(i)), e.range)
        case .name(let n):
            // A bare column outside an aggregate must be a key.
            if !keys.contains(n), scope.contains(where: { $0.name == n }) {
                throw Diagnostic("column '\(n)' must be inside an aggregate or listed after 'by'", at: e.range,
                                 notes: ["e.g. summarize count() by \(n)"])
            }
            return e
        case .literal, .subquery, .datatable, .star: return e
        }
    }
}

private extension String {
    /// `99.9` as a name part: `99_9`.
    func replacingDots() -> String { String(map { $0 == "." || $0 == "-" ? "_" : $0 }) }
}
