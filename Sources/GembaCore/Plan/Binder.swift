/// What a statement turned out to be once its names were resolved.
public enum BoundStatement: Sendable {
    /// A query producing a table.
    case relation(Plan)
    /// A scalar expression (a bare expression, or `let x = EXPR`).
    case scalar(BoundExpr)
}

/// Resolves names and types: turns a parsed query into a `Plan`, reporting unknown names and type
/// errors at their place in the source.
public struct Binder {
    let catalog: Catalog
    let last: Table?
    let source: SourceText
    /// The statement's start time, for `now()` and `today()`.
    let clock: StatementClock
    /// Views being expanded, to catch a view that uses itself.
    var expanding: [String] = []

    /// A binder over the session's catalog and last result.
    public init(catalog: Catalog, last: Table?, source: SourceText, clock: StatementClock = .current()) {
        self.catalog = catalog
        self.last = last
        self.source = source
        self.clock = clock
    }

    /// Binds a statement's query: a relation when it names or builds a table, else a scalar. With
    /// `allowRender` (a shown query, not a view), the query may end in `render` (and `export "F.svg"`).
    public func bindStatement(_ query: Query, allowRender: Bool = true) throws(Diagnostic) -> BoundStatement {
        if query.operators.isEmpty, !isRelationHead(query.head) {
            return .scalar(try bindExpr(query.head, scope: []))
        }
        return .relation(try bindQuery(query, allowRender: allowRender))
    }

    /// True when the head of a query is a table-like source rather than a scalar expression.
    private func isRelationHead(_ e: Expr) -> Bool {
        switch e.kind {
        case .name(let n): return n == "_" || catalog.tables[n] != nil || catalog.views[n] != nil || catalog.scalars[n] == nil
        case .subquery, .datatable: return true
        case .call(let f, _): return f == "range"
        default: return false
        }
    }

    /// Binds a query to a plan. `render` may end it only with `allowRender` (a statement's own query,
    /// not a subquery or a view), followed at most by `export "PATH"`.
    public func bindQuery(_ query: Query, allowRender: Bool = false) throws(Diagnostic) -> Plan {
        var plan = try bindSource(query.head)
        let ops = query.operators
        for (i, op) in ops.enumerated() {
            guard case .render = op.kind else { continue }
            guard allowRender else {
                throw Diagnostic("render draws a statement's result: it cannot stand in a subquery or a view", at: op.range)
            }
            if i + 1 < ops.count {
                let next = ops[i + 1]
                var isExport = false
                if case .export = next.kind { isExport = true }
                if !isExport || i + 2 < ops.count {
                    throw Diagnostic("render must be the last operator, or be followed only by export \"FILE.svg\"",
                                     at: isExport ? ops[i + 2].range : next.range)
                }
            }
        }
        for op in ops {
            try Cancellation.check(op.range)
            plan = try bindOperator(op, input: plan)
        }
        return plan
    }

    // MARK: sources

    private func bindSource(_ e: Expr) throws(Diagnostic) -> Plan {
        switch e.kind {
        case .name(let name):
            if name == "_" {
                guard let t = last else { throw Diagnostic("'_' has no result yet: no query has printed", at: e.range) }
                return Plan(.table(t), fields: t.fields, range: e.range)
            }
            if let t = catalog.tables[name] { return Plan(.table(t), fields: t.fields, range: e.range) }
            if let view = catalog.views[name] { return try bindView(view, at: e.range) }
            if catalog.scalars[name] != nil {
                throw Diagnostic("'\(name)' is a scalar, not a table", at: e.range)
            }
            throw Diagnostic("unknown table '\(name)'", at: e.range,
                             notes: Suggest.notes(for: name, among: catalog.relationNames, what: "tables"))
        case .subquery(let q):
            return try bindQuery(q)
        case .datatable(let schema, let values):
            return try bindDatatable(schema, values, range: e.range)
        case .call("range", let args):
            return try bindRange(args, range: e.range)
        default:
            throw Diagnostic("expected a table, a view, '(query)', range(...) or datatable(...) before '|'", at: e.range)
        }
    }

    private func bindView(_ view: ViewDefinition, at range: SourceRange) throws(Diagnostic) -> Plan {
        guard !expanding.contains(view.name) else {
            throw Diagnostic("view '\(view.name)' refers to itself", at: range)
        }
        let viewSource = SourceText(view.text)
        let query: Query
        let plan: Plan
        do throws(Diagnostic) {
            guard let tokens = StatementSplitter.split(Lexer.tokenize(viewSource)).first else {
                throw Diagnostic("view is empty", at: SourceRange(0, 0))
            }
            query = try Parser.parseQuery(tokens)
            var inner = Binder(catalog: catalog, last: last, source: viewSource, clock: clock)
            inner.expanding = expanding + [view.name]
            plan = try inner.bindQuery(query)
        } catch let d {
            throw Diagnostic("view '\(view.name)' no longer works: \(d.message)", at: range,
                             notes: ["its definition: \(view.text)"])
        }
        return Plan(plan.node, fields: plan.fields, range: range)
    }

    private func bindDatatable(_ schema: [(String, DataType)], _ values: [Expr], range: SourceRange) throws(Diagnostic) -> Plan {
        guard values.count % schema.count == 0 else {
            throw Diagnostic("datatable has \(schema.count) columns but \(values.count) values, not a multiple", at: range)
        }
        var builders = schema.map { ColumnBuilder(type: $0.1, capacity: values.count / schema.count) }
        for (k, e) in values.enumerated() {
            let col = k % schema.count
            let type = schema[col].1
            let value = try constantValue(e)
            let fits = value.isNull || value.type == type || (type == .float && value.type == .int)
            guard fits else {
                throw Diagnostic("datatable column '\(schema[col].0)' is \(type.rawValue), but this value is \(value.type.rawValue)", at: e.range)
            }
            builders[col].append(value)
        }
        let table = Table(fields: schema.map { Field($0.0, $0.1) }, columns: builders.map { $0.build() },
                          rowCount: values.count / schema.count)
        return Plan(.table(table), fields: table.fields, range: range)
    }

    private func bindRange(_ args: [Expr], range: SourceRange) throws(Diagnostic) -> Plan {
        guard args.count == 3 else { throw Diagnostic("range() takes 3 arguments: range(FROM, TO, STEP)", at: range) }
        var values: [Value] = []
        for a in args { values.append(try constantValue(a)) }
        let (from, to, step) = (values[0], values[1], values[2])
        let type: DataType
        switch (from, to, step) {
        case (.int, .int, .int): type = .int
        case (.int, .int, .float), (.float, .float, _), (.int, .float, _), (.float, .int, _): type = .float
        case (.date, .date, .duration): type = .date
        case (.datetime, .datetime, .duration): type = .datetime
        case (.duration, .duration, .duration): type = .duration
        default:
            throw Diagnostic("range() needs numbers, or dates/datetimes/durations with a duration step; got \(from.type.rawValue), \(to.type.rawValue), \(step.type.rawValue)", at: range)
        }
        let zero: Bool
        switch step {
        case .int(let s): zero = s == 0
        case .float(let s): zero = s == 0 || !s.isFinite
        case .duration(let s): zero = s == 0
        default: zero = true
        }
        if zero { throw Diagnostic("range() step must not be zero", at: args[2].range) }
        return Plan(.range(from: from, to: to, step: step), fields: [Field("value", type)], range: range)
    }

    /// The value of an expression that must be a constant: a literal or a named scalar.
    private func constantValue(_ e: Expr) throws(Diagnostic) -> Value {
        guard let v = try bindExpr(e, scope: []).constant else {
            throw Diagnostic("expected a constant value here", at: e.range)
        }
        return v
    }
}
