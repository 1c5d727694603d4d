extension Binder {
    /// `funnel stages ("A", "B", ...) [strict] [count=inclusive|elapsed] [by KEY, ...] [item COL] [at COL]
    /// [state COL]`: the keys, `stage`, `reached`, `next_step`, `cumulative`, `median_days`, `win_rate`.
    /// Rules in `docs/flow.md`.
    func bindFunnel(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.funnel, clauses, options: ["count"], lists: ["stages"],
                                     words: ["strict", "by", "item", "at", "state"])
        let scope = input.fields
        let (item, time, state) = try transitionColumns(r, itemWord: "item", scope: scope, range: range)
        guard let l = r.list("stages") else {
            throw Diagnostic("funnel needs 'stages (\"A\", \"B\", ...)': the funnel's stages in order", at: range)
        }
        let stages = try stageList(l)
        guard stages.count >= 2 else {
            throw Diagnostic("a funnel needs at least two stages", at: l.name.range)
        }
        let inclusive = try word(r.option("count")?.value, ["inclusive", "elapsed"], what: "count") != "elapsed"
        let (keys, keyFields) = try bucketKeys(r, scope: scope)
        let fields = keyFields + [Field("stage", .string), Field("reached", .int), Field("next_step", .float),
                                  Field("cumulative", .float), Field("median_days", .float), Field("win_rate", .float)]
        try checkDistinct(fields, r, range: range)
        let spec = FunnelSpec(item: item, time: time, state: state, stages: stages, stageRanges: l.items.map(\.range), strict: r.clause("strict") != nil,
                              inclusive: inclusive, keys: keys)
        return Plan(.funnel(input, spec), fields: fields, range: range)
    }
}
