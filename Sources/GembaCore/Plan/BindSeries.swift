extension Binder {
    /// Binds `series AGG, ... on TIME [from A] [to B] step DURATION [by KEY, ...]`. The output is the keys,
    /// then the bucket start (named as the time column), then the aggregates.
    func bindSeries(_ aggregates: [Assignment], on: Expr, from: Expr?, to: Expr?, step: Expr, by: [Assignment],
                    input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let scope = input.fields
        let time = try bindExpr(on, scope: scope)
        guard time.type == .date || time.type == .datetime else {
            throw typeError("series needs a date or datetime after 'on', not \(time.type.rawValue)", on.range)
        }
        let isDate = time.type == .date
        guard case .duration(let micros)? = try bindExpr(step, scope: []).constant, micros > 0 else {
            throw Diagnostic("series needs a positive constant duration after 'step'", at: step.range)
        }
        if isDate, micros % Temporal.microsPerDay != 0 {
            throw Diagnostic("a series over dates needs a step of whole days", at: step.range)
        }
        func bound(_ e: Expr?) throws(Diagnostic) -> Int64? {
            guard let e else { return nil }
            switch try bindExpr(e, scope: []).constant {
            case .date(let d)?: return isDate ? d : d * Temporal.microsPerDay
            case .datetime(let t)?: return isDate ? Temporal.floorDiv(t, Temporal.microsPerDay) : t
            default: throw Diagnostic("expected a constant date or datetime", at: e.range)
            }
        }
        let spec = SeriesSpec(time: time, from: try bound(from), to: try bound(to),
                              step: isDate ? micros / Temporal.microsPerDay : micros, keys: [], aggregates: [])
        var keys: [BoundExpr] = [], fields: [Field] = []
        var generated = 0
        for k in by {
            let b = try bindExpr(k.expr, scope: scope)
            keys.append(b)
            fields.append(Field(try outputName(k, generated: &generated, in: fields), b.type))
        }
        fields.append(Field(Binder.derivedName(on) ?? "time", time.type))
        var calls: [AggregateCall] = []
        for a in aggregates {
            guard case .call(let name, let args) = a.expr.kind else {
                throw Diagnostic("series takes aggregate calls such as count() or sum(hours)", at: a.expr.range)
            }
            let call = try bindAggregateCall(name, args, range: a.expr.range, scope: scope)
            calls.append(call)
            let fieldName = a.name ?? Binder.aggregateName(name, args)
            if fields.contains(where: { $0.name == fieldName }) {
                throw Diagnostic("column '\(fieldName)' appears twice in series", at: a.nameRange ?? a.expr.range)
            }
            fields.append(Field(fieldName, call.type))
        }
        var full = spec
        full.keys = keys
        full.aggregates = calls
        return Plan(.series(input, full), fields: fields, range: range)
    }
}
