extension Binder {
    /// `littles [on START, FINISH] [from A] [to B] [by KEY, ...]`: keys, `start`, `end`, `days`,
    /// `arrivals`, `departures`, `avg_wip`, `throughput_per_day`, `avg_cycletime`,
    /// `throughput_x_cycletime` (`docs/flow.md`).
    func bindLittles(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.littles, clauses, options: [], lists: [], words: ["on", "from", "to", "by"])
        let scope = input.fields
        var ends: [Expr] = []
        if let on = r.clause("on") {
            guard on.values.count == 2, on.values.allSatisfy({ $0.name == nil }) else {
                throw Diagnostic("littles takes 'on START, FINISH': the columns where each item started and finished", at: on.name.range)
            }
            ends = on.values.map(\.expr)
        } else {
            for name in ["started", "finished"] {
                guard scope.contains(where: { $0.name == name }) else {
                    throw Diagnostic("littles needs each item's start and finish: there is no column '\(name)'; name them with 'on START, FINISH' (or use it after flow)",
                                     at: range, notes: ["columns: " + scope.map(\.name).joined(separator: ", ")])
                }
                ends.append(Expr(.name(name), range))
            }
        }
        let start = try bindExpr(ends[0], scope: scope), finish = try bindExpr(ends[1], scope: scope)
        for (b, e) in [(start, ends[0]), (finish, ends[1])] where b.type != .date && b.type != .datetime && b.type != .null {
            throw typeError("littles needs dates or datetimes after 'on', not \(b.type.rawValue)", e.range)
        }
        let (from, to) = try timeBounds(r, isDate: true)
        let (keys, keyFields) = try bucketKeys(r, scope: scope)
        let fields = keyFields + [Field("start", .date), Field("end", .date), Field("days", .int), Field("arrivals", .int),
                                  Field("departures", .int), Field("avg_wip", .float), Field("throughput_per_day", .float),
                                  Field("avg_cycletime", .float), Field("throughput_x_cycletime", .float)]
        try checkDistinct(fields, r, range: range)
        return Plan(.littles(input, LittlesSpec(start: start, finish: finish, from: from, to: to, keys: keys)), fields: fields, range: range)
    }
}
