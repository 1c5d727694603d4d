extension Binder {
    /// `xmr on VALUE [by KEY, ...] [baseline=N]`: the input's columns, then `mr`, `mean`, `mr_mean`,
    /// `unpl`, `lnpl`, `url` and `signal`. Rules in `docs/flow.md`.
    func bindXmr(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.xmr, clauses, options: ["baseline"], lists: [], words: ["on", "by"])
        let scope = input.fields
        guard let onExpr = try r.single("on") else {
            throw Diagnostic("xmr needs 'on VALUE': the series' values, one per row in order", at: range)
        }
        let value = try bindExpr(onExpr, scope: scope)
        guard value.type == .int || value.type == .float || value.type == .null else {
            throw typeError("xmr needs a number after 'on', not \(value.type.rawValue)", onExpr.range)
        }
        var baseline: Int? = nil
        if let o = r.option("baseline") {
            guard case .int(let n)? = try bindExpr(o.value, scope: []).constant, n >= 2, n <= Int64(Int32.max) else {
                throw Diagnostic("baseline= needs a constant whole number of values, at least 2", at: o.value.range)
            }
            baseline = Int(n)
        }
        let (keys, _) = try bucketKeys(r, scope: scope)
        let added = [Field("mr", .float), Field("mean", .float), Field("mr_mean", .float), Field("unpl", .float),
                     Field("lnpl", .float), Field("url", .float), Field("signal", .string)]
        for f in added where scope.contains(where: { $0.name == f.name }) {
            throw Diagnostic("column '\(f.name)' would appear twice in the result of xmr; rename or drop the input's '\(f.name)' first",
                             at: range, notes: ["xmr adds: " + added.map(\.name).joined(separator: ", ")])
        }
        return Plan(.xmr(input, XmrSpec(value: value, keys: keys, baseline: baseline)), fields: scope + added, range: range)
    }
}
