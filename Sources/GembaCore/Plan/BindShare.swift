extension Binder {
    /// `share on [NAME =] VALUE, ... [by KEY, ...] [digits=N]`: the input's columns, then per value its
    /// share in percent of its group's total, named NAME or VALUE's column name + `_pct`.
    func bindShare(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.share, clauses, options: ["digits"], lists: [], words: ["on", "by"])
        let scope = input.fields
        guard let on = r.clause("on") else {
            throw Diagnostic("share needs 'on VALUE, ...': the numbers to take shares of, such as share on hours", at: range)
        }
        var values: [BoundExpr] = []
        var fields = scope
        for a in on.values {
            let b = try bindExpr(a.expr, scope: scope)
            guard b.type.isNumeric || b.type == .null else {
                throw typeError("share needs numbers after 'on', not \(b.type.rawValue)", a.expr.range)
            }
            guard let name = a.name ?? Binder.derivedName(a.expr).map({ $0 + "_pct" }) else {
                throw Diagnostic("name this share: share on NAME = EXPR", at: a.expr.range)
            }
            if fields.contains(where: { $0.name == name }) {
                throw Diagnostic("column '\(name)' is already there; name the share: share on NAME = ...", at: a.nameRange ?? a.expr.range)
            }
            fields.append(Field(name, .float))
            values.append(b)
        }
        var keys: [BoundExpr] = []
        for k in r.clause("by")?.values ?? [] {
            if let n = k.nameRange { throw Diagnostic("share's keys are columns or expressions, not named ones", at: n) }
            keys.append(try bindExpr(k.expr, scope: scope))
        }
        var digits: Int? = nil
        if let o = r.option("digits") {
            guard case .int(let d)? = try bindExpr(o.value, scope: []).constant, d >= 0, d <= 9 else {
                throw Diagnostic("digits= needs a whole number from 0 to 9", at: o.value.range)
            }
            digits = Int(d)
        }
        return Plan(.share(input, ShareSpec(values: values, keys: keys, digits: digits)), fields: fields, range: range)
    }
}
