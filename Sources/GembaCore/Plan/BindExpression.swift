extension Binder {
    /// Binds an expression against the columns in `scope`; names not in scope may be scalar constants.
    func bindExpr(_ e: Expr, scope: [Field]) throws(Diagnostic) -> BoundExpr {
        switch e.kind {
        case .literal(let v):
            return .literal(v, v.type)
        case .name(let name):
            if let i = scope.firstIndex(where: { $0.name == name }) { return .column(i, scope[i].type) }
            if let v = catalog.scalars[name] { return .literal(v, v.type) }
            if scope.isEmpty, catalog.tables[name] != nil || catalog.views[name] != nil {
                throw Diagnostic("'\(name)' is a table; a scalar was expected here", at: e.range)
            }
            throw Diagnostic("unknown column '\(name)'", at: e.range,
                             notes: Suggest.notes(for: name, among: scope.map(\.name) + Array(catalog.scalars.keys), what: "columns"))
        case .unary(let op, let x):
            let bx = try bindExpr(x, scope: scope)
            if op == "not" {
                guard bx.type == .bool || bx.type == .null else { throw typeError("'not' needs a bool, not \(bx.type.rawValue)", x.range) }
                return .unary(.not, bx, .bool)
            }
            guard bx.type.isNumeric || bx.type == .duration || bx.type == .null else {
                throw typeError("cannot negate a \(bx.type.rawValue)", e.range)
            }
            return .unary(.negate, bx, bx.type == .null ? .int : bx.type)
        case .binary(let opText, let l, let r):
            return try bindBinary(opText, l, r, range: e.range, scope: scope)
        case .inList(let x, let items, let negated):
            let bx = try bindExpr(x, scope: scope)
            var values: [Value] = []
            for item in items {
                let bi = try bindExpr(item, scope: scope)
                guard let v = bi.constant else { throw Diagnostic("the list after 'in' must hold constants", at: item.range) }
                guard TypeRules.comparable(bx.type, v.type) else {
                    throw typeError("cannot compare \(bx.type.rawValue) with \(v.type.rawValue) in 'in'", item.range)
                }
                values.append(v)
            }
            return .inList(bx, values, negated: negated)
        case .between(let x, let lo, let hi, let negated):
            let ge = try bindBinary(">=", x, lo, range: e.range, scope: scope)
            let le = try bindBinary("<=", x, hi, range: e.range, scope: scope)
            let both = BoundExpr.binary(.and, ge, le, .bool)
            return negated ? .unary(.not, both, .bool) : both
        case .call(let name, let args):
            return try bindCall(name, args, range: e.range, scope: scope)
        case .index(let base, let i):
            // Lists exist only as split(s, sep)[i]: bind it as one three-argument function.
            guard case .call("split", let args) = base.kind, args.count == 2 else {
                throw Diagnostic("only split(s, sep)[i] can be indexed with [...]", at: e.range)
            }
            return try bindCall("split", args + [i], range: e.range, scope: scope, indexed: true)
        case .subquery:
            throw Diagnostic("a query cannot stand where a value is expected", at: e.range)
        case .datatable:
            throw Diagnostic("datatable cannot stand where a value is expected", at: e.range)
        case .star:
            throw Diagnostic("'*' is only allowed in count(*) and distinct *", at: e.range)
        }
    }

    func typeError(_ message: String, _ range: SourceRange) -> Diagnostic {
        Diagnostic("type error: " + message, at: range)
    }

    private func bindBinary(_ opText: String, _ l: Expr, _ r: Expr, range: SourceRange, scope: [Field]) throws(Diagnostic) -> BoundExpr {
        let op: BinaryOp
        switch opText {
        case "and": op = .and
        case "or": op = .or
        default:
            guard let o = BinaryOp(rawValue: opText) else { throw Diagnostic("unknown operator '\(opText)'", at: range) }
            op = o
        }
        let bl = try bindExpr(l, scope: scope)
        let br = try bindExpr(r, scope: scope)
        // `x == null` and `x != null` test for null.
        if op == .eq || op == .ne {
            if case .literal(.null, _) = br { return .unary(op == .eq ? .isNull : .isNotNull, bl, .bool) }
            if case .literal(.null, _) = bl { return .unary(op == .eq ? .isNull : .isNotNull, br, .bool) }
        }
        guard let type = TypeRules.binary(op, bl.type, br.type) else {
            throw typeError("cannot apply '\(opText)' to \(bl.type.rawValue) and \(br.type.rawValue)", range)
        }
        // A constant pattern is checked here, so its error points at the pattern, not the clause.
        if op == .matchesRegex, case .literal(.string(let pattern), _) = br {
            _ = try StringFunctions.regex(pattern, range: r.range)
        }
        // A date shifted by a duration that is not whole days becomes a datetime.
        if type == .date, op == .add || op == .sub {
            let d = bl.type == .duration ? bl : br
            if case .literal(.duration(let micros), _) = d, micros % Temporal.microsPerDay == 0 {
                return .binary(op, bl, br, .date)
            }
            if case .literal(.null, _) = d { return .binary(op, bl, br, .date) }
            return .binary(op, bl, br, .datetime)
        }
        return .binary(op, bl, br, type)
    }

    private func bindCall(_ name: String, _ args: [Expr], range: SourceRange, scope: [Field], indexed: Bool = false) throws(Diagnostic) -> BoundExpr {
        switch name {
        case "split" where !indexed:
            throw Diagnostic("split() gives a list, which must be indexed: split(s, sep)[i]", at: range)
        case "now":
            guard args.isEmpty else { throw Diagnostic("now() takes no arguments", at: range) }
            return .literal(.datetime(clock.now), .datetime)
        case "today":
            guard args.isEmpty else { throw Diagnostic("today() takes no arguments", at: range) }
            return .literal(.date(Temporal.floorDiv(clock.now, Temporal.microsPerDay)), .date)
        case "not":
            guard args.count == 1 else { throw Diagnostic("not() takes 1 argument", at: range) }
            return try bindExpr(Expr(.unary("not", args[0]), range), scope: scope)
        case "workdays" where args.count == 3:
            var bound: [BoundExpr] = []
            for a in args.prefix(2) { bound.append(try bindExpr(a, scope: scope)) }
            bound.append(.literal(.string(try holidayDates(args[2])), .string))
            switch ScalarFunction.workdays.resultType(bound.map(\.type)) {
            case .success(let t): return .call(.workdays, bound, t)
            case .failure(let err): throw typeError(err.message, range)
            }
        default: break
        }
        if AggregateFunction(rawValue: name) != nil {
            throw Diagnostic("aggregate '\(name)()' can only be used in summarize", at: range)
        }
        guard let f = ScalarFunction(rawValue: name) else {
            throw Diagnostic("unknown function '\(name)'", at: range,
                             notes: Suggest.notes(for: name, among: ScalarFunction.allCases.map(\.rawValue) + ["now", "today"]
                                                 + AggregateFunction.allCases.map(\.rawValue), what: "functions"))
        }
        var bound: [BoundExpr] = []
        for a in args { bound.append(try bindExpr(a, scope: scope)) }
        switch f.resultType(bound.map(\.type)) {
        case .success(let t): return .call(f, bound, t)
        case .failure(let err): throw typeError(err.message, range)
        }
    }

    /// The dates in the first date column of the table or view named by `e` (workdays' HOLIDAYS), read
    /// when the statement is bound, as a string `2026-04-03,2026-04-06`.
    func holidayDates(_ e: Expr) throws(Diagnostic) -> String {
        guard case .name(let name) = e.kind else {
            throw Diagnostic("workdays() needs a table or view name as its third argument (HOLIDAYS)", at: e.range)
        }
        let plan = try bindQuery(Query(head: e, operators: [], range: e.range))
        guard let k = plan.fields.firstIndex(where: { $0.type == .date }) else {
            throw Diagnostic("'\(name)' has no date column to take holidays from", at: e.range)
        }
        let table = try PlanExecutor.execute(plan)
        let column = table.columns[k]
        return (0..<table.rowCount).filter { !column.isNull($0) }.map { column.value(at: $0).text }.joined(separator: ",")
    }
}
