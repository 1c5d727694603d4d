extension Binder {
    /// Binds one pipe operator on top of `input`.
    func bindOperator(_ op: Operator, input: Plan) throws(Diagnostic) -> Plan {
        let scope = input.fields
        switch op.kind {
        case .where(let predicate):
            let p = try bindExpr(predicate, scope: scope)
            guard p.type == .bool || p.type == .null else {
                throw typeError("'where' needs a bool condition, not \(p.type.rawValue)", predicate.range)
            }
            return Plan(.filter(input, p), fields: scope, range: op.range)

        case .extend(let assignments):
            var exprs: [BoundExpr] = scope.enumerated().map { .column($0.offset, $0.element.type) }
            var fields = scope
            var generated = 0
            for a in assignments {
                // Later assignments may use earlier ones: bind against the fields so far, then inline.
                let bound = substitute(try bindExpr(a.expr, scope: fields), with: exprs)
                let name = try outputName(a, generated: &generated, in: fields)
                if let i = fields.firstIndex(where: { $0.name == name }) {
                    exprs[i] = bound
                    fields[i] = Field(name, bound.type)
                } else {
                    exprs.append(bound)
                    fields.append(Field(name, bound.type))
                }
            }
            return Plan(.project(input, exprs), fields: fields, range: op.range)

        case .project(let assignments):
            var exprs: [BoundExpr] = []
            var fields: [Field] = []
            var generated = 0
            let boundAll = try bindEach(assignments) { (a) throws(Diagnostic) in try bindExpr(a.expr, scope: scope) }
            for (a, bound) in zip(assignments, boundAll) {
                let name = try outputName(a, generated: &generated, in: fields)
                if fields.contains(where: { $0.name == name }) {
                    throw Diagnostic("column '\(name)' appears twice in project", at: a.nameRange ?? a.expr.range)
                }
                exprs.append(bound)
                fields.append(Field(name, bound.type))
            }
            return Plan(.project(input, exprs), fields: fields, range: op.range)

        case .projectAway(let names):
            let drop = Set(try bindEach(names) { (n) throws(Diagnostic) in try columnIndex(n, in: scope) })
            let keep = scope.indices.filter { !drop.contains($0) }
            return Plan(.project(input, keep.map { .column($0, scope[$0].type) }),
                        fields: keep.map { scope[$0] }, range: op.range)

        case .rename(let pairs):
            var fields = scope
            for (new, old) in pairs {
                let i = try columnIndex(old, in: scope)
                fields[i].name = new.name
            }
            if let dup = firstDuplicate(fields.map(\.name)) {
                throw Diagnostic("rename would give two columns the name '\(dup)'", at: op.range)
            }
            return Plan(.project(input, scope.enumerated().map { .column($0.offset, $0.element.type) }),
                        fields: fields, range: op.range)

        case .summarize(let aggregates, let by):
            return try bindSummarize(aggregates, by: by, input: input, range: op.range)

        case .sort(let keys):
            let bound = try bindEach(keys) { (k) throws(Diagnostic) in try bindSortKey(k, scope: scope) }
            return Plan(.sort(input, bound), fields: scope, range: op.range)

        case .take(let n):
            let count = try nonNegativeInt(n, what: "take")
            return Plan(.limit(input, count), fields: scope, range: op.range)

        case .top(let n, let keys):
            let count = try nonNegativeInt(n, what: "top")
            let bound = try bindEach(keys) { (k) throws(Diagnostic) in try bindSortKey(k, scope: scope) }
            let sorted = Plan(.sort(input, bound), fields: scope, range: op.range)
            return Plan(.limit(sorted, count), fields: scope, range: op.range)

        case .distinct(let names):
            var plan = input
            if !names.isEmpty {
                let idx = try bindEach(names) { (n) throws(Diagnostic) in try columnIndex(n, in: scope) }
                plan = Plan(.project(input, idx.map { .column($0, scope[$0].type) }), fields: idx.map { scope[$0] }, range: op.range)
            }
            return Plan(.distinct(plan), fields: plan.fields, range: op.range)

        case .count:
            return Plan(.count(input), fields: [Field("count", .int)], range: op.range)

        case .export(let path):
            if path.lowercased().hasSuffix(".svg"), !isRender(input) {
                throw Diagnostic("export to an .svg file needs a chart: put '| render KIND' before it", at: op.range)
            }
            return Plan(.export(input, path: path), fields: scope, range: op.range)
        case .exportTable(let name):
            return Plan(.exportTable(input, name: name.name), fields: scope, range: op.range)

        case .join(let kind, let right, let keys):
            return try bindJoin(kind, right, keys: keys, input: input, range: op.range)
        case .union(let queries):
            return try bindUnion(queries, input: input, range: op.range)
        case .series(let aggregates, let on, let from, let to, let step, let by):
            return try bindSeries(aggregates, on: on, from: from, to: to, step: step, by: by, input: input, range: op.range)
        case .flow(let kind, let clauses):
            return try bindFlowOperator(kind, clauses, input: input, range: op.range)
        case .render(let kind, let options):
            return try bindRender(kind: kind, options: options, input: input, range: op.range)
        }
    }

    private func isRender(_ plan: Plan) -> Bool {
        if case .render = plan.node { return true }
        return false
    }

    /// Binds every item, so that independent errors are reported together: the first error is thrown
    /// with the others as its `related` diagnostics.
    func bindEach<A, T>(_ items: [A], _ body: (A) throws(Diagnostic) -> T) throws(Diagnostic) -> [T] {
        var out: [T] = []
        var errors: [Diagnostic] = []
        for item in items {
            do throws(Diagnostic) { out.append(try body(item)) } catch { errors.append(error) }
        }
        if var first = errors.first {
            first.related = Array(errors.dropFirst())
            throw first
        }
        return out
    }

    /// The index of a named column, or an "unknown column" error with suggestions.
    func columnIndex(_ n: NameRef, in scope: [Field]) throws(Diagnostic) -> Int {
        if let i = scope.firstIndex(where: { $0.name == n.name }) { return i }
        throw Diagnostic("unknown column '\(n.name)'", at: n.range,
                         notes: Suggest.notes(for: n.name, among: scope.map(\.name), what: "columns"))
    }

    private func bindSortKey(_ k: SortKey, scope: [Field]) throws(Diagnostic) -> BoundSortKey {
        BoundSortKey(expr: try bindExpr(k.expr, scope: scope), descending: k.descending, nullsFirst: k.nullsFirst ?? false)
    }

    private func nonNegativeInt(_ e: Expr, what: String) throws(Diagnostic) -> Int {
        guard case .int(let n)? = try bindExpr(e, scope: []).constant, n >= 0 else {
            throw Diagnostic("'\(what)' needs a whole number ≥ 0", at: e.range)
        }
        return Int(n)
    }

    /// The name a computed column gets: the one given, a bare column's own, the first column named in
    /// a call (`bin(created, 7d)` is `created`), else `Column1`, `Column2`, ... as in KQL.
    func outputName(_ a: Assignment, generated: inout Int, in fields: [Field]) throws(Diagnostic) -> String {
        if let n = a.name { return n }
        if let n = Binder.derivedName(a.expr) { return n }
        repeat { generated += 1 } while fields.contains(where: { $0.name == "Column\(generated)" })
        return "Column\(generated)"
    }

    static func derivedName(_ e: Expr) -> String? {
        switch e.kind {
        case .name(let n): return n
        case .call(_, let args): return args.first.flatMap(derivedName)
        default: return nil
        }
    }

    private func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted { return n }
        return nil
    }

    /// Replaces column references with the expressions that computed those columns.
    func substitute(_ e: BoundExpr, with exprs: [BoundExpr]) -> BoundExpr {
        switch e {
        case .column(let i, _): return exprs[i]
        case .literal: return e
        case .unary(let op, let x, let t): return .unary(op, substitute(x, with: exprs), t)
        case .binary(let op, let l, let r, let t): return .binary(op, substitute(l, with: exprs), substitute(r, with: exprs), t)
        case .inList(let x, let v, let n): return .inList(substitute(x, with: exprs), v, negated: n)
        case .call(let f, let args, let t): return .call(f, args.map { substitute($0, with: exprs) }, t)
        }
    }
}
