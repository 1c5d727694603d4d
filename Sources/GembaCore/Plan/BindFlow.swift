extension Binder {
    /// Binds one of the flow operators (`docs/flow.md`).
    func bindFlowOperator(_ op: FlowOperator, _ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        switch op {
        case .flow: return try bindFlow(clauses, input: input, range: range)
        case .wip: return try bindWip(clauses, input: input, range: range)
        case .throughput: return try bindThroughput(clauses, input: input, range: range)
        case .cfd: return try bindCfd(clauses, input: input, range: range)
        case .aging: return try bindAging(clauses, input: input, range: range)
        case .forecast: return try bindForecast(clauses, input: input, range: range)
        case .xmr: return try bindXmr(clauses, input: input, range: range)
        case .funnel: return try bindFunnel(clauses, input: input, range: range)
        case .utilization: return try bindUtilization(clauses, input: input, range: range)
        case .attribute: return try bindAttribute(clauses, input: input, range: range)
        case .littles: return try bindLittles(clauses, input: input, range: range)
        case .share: return try bindShare(clauses, input: input, range: range)
        }
    }

    /// `flow start="S" finish="F" [entry=first|last] [stages (...)] [by ITEM] [at TIME] [state STATE]
    /// [calendar=days|workdays] [holidays=TABLE] [count=inclusive|elapsed] [today=DATE] [active (...)]`.
    private func bindFlow(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.flow, clauses, options: ["start", "finish", "entry", "calendar", "holidays", "count", "today"],
                                     lists: ["stages", "active"], words: ["by", "at", "state"])
        let scope = input.fields
        let (item, time, state) = try transitionColumns(r, itemWord: "by", scope: scope, range: range)
        guard let startOpt = r.option("start") else {
            throw Diagnostic("flow needs start=\"STAGE\": the stage where cycle time starts", at: range)
        }
        guard let finishOpt = r.option("finish") else {
            throw Diagnostic("flow needs finish=\"STAGE\": the stage where cycle time ends", at: range)
        }
        let start = try stageName(startOpt.value), finish = try stageName(finishOpt.value)
        var stages: [String]? = nil
        if let l = r.list("stages") {
            let s = try stageList(l)
            for (name, e) in [(start, startOpt.value), (finish, finishOpt.value)] where !s.contains(name) {
                throw Diagnostic("stage '\(name)' is not in the stages list", at: e.range,
                                 notes: Suggest.notes(for: name, among: s, what: "stages"))
            }
            if let a = s.firstIndex(of: start), let b = s.firstIndex(of: finish), a > b {
                throw Diagnostic("the start stage '\(start)' comes after the finish stage '\(finish)'", at: startOpt.value.range)
            }
            stages = s
        }
        let entryLast = try word(r.option("entry")?.value, ["last", "first"], what: "entry") != "first"
        let workdays = try word(r.option("calendar")?.value, ["days", "workdays"], what: "calendar") == "workdays"
        let inclusive = try word(r.option("count")?.value, ["inclusive", "elapsed"], what: "count") != "elapsed"
        var holidays: [Int64] = []
        if let h = r.option("holidays") {
            guard workdays else { throw Diagnostic("holidays= needs calendar=workdays", at: h.name.range) }
            guard case .name = h.value.kind else {
                throw Diagnostic("holidays= needs a table or view name", at: h.value.range)
            }
            holidays = CalendarFunctions.holidays(.string(try holidayDates(h.value)))
        }
        var today = Temporal.floorDiv(clock.now, Temporal.microsPerDay)
        if let t = r.option("today") {
            switch try bindExpr(t.value, scope: []).constant {
            case .date(let d)?: today = d
            case .datetime(let v)?: today = Temporal.floorDiv(v, Temporal.microsPerDay)
            default: throw Diagnostic("today= needs a constant date", at: t.value.range)
            }
        }
        var active: [String]? = nil
        if let l = r.list("active") {
            let a = try stageList(l)
            if let s = stages, let bad = a.first(where: { !s.contains($0) }), let e = l.items.first(where: { (try? stageName($0)) == bad }) {
                throw Diagnostic("active stage '\(bad)' is not in the stages list", at: e.range,
                                 notes: Suggest.notes(for: bad, among: s, what: "stages"))
            }
            active = a
        }

        var fields = [Field(scope[item].name, scope[item].type), Field("created", .date), Field("started", .date),
                      Field("finished", .date), Field("cycletime", .int), Field("leadtime", .int), Field("age", .int),
                      Field("reopened", .int), Field("stages", .string)]
        for s in stages ?? [] {
            if fields.contains(where: { $0.name == s }) {
                throw Diagnostic("stage '\(s)' has the name of a flow column; rename the state first", at: r.list("stages")?.name.range ?? range)
            }
            fields.append(Field(s, .date))
        }
        if active != nil {
            for name in ["active", "waiting", "efficiency"] where fields.contains(where: { $0.name == name }) {
                throw Diagnostic("stage '\(name)' has the name of a flow column; rename the state first", at: r.list("stages")?.name.range ?? range)
            }
            fields += [Field("active", .float), Field("waiting", .float), Field("efficiency", .float)]
        }
        let spec = FlowSpec(item: item, time: time, state: state, stages: stages, start: start, finish: finish,
                            startRange: startOpt.value.range, finishRange: finishOpt.value.range, entryLast: entryLast,
                            workdays: workdays, holidays: holidays, inclusive: inclusive, today: today, active: active)
        return Plan(.flow(input, spec), fields: fields, range: range)
    }

    /// The item, time and state columns of a transitions table: named by clauses, or found by their
    /// usual names.
    func transitionColumns(_ r: FlowClauseReader, itemWord: String, scope: [Field], range: SourceRange) throws(Diagnostic) -> (Int, Int, Int) {
        let op = r.op.rawValue
        let item = try column(r, itemWord, defaults: ["item", "item_id", "key", "id"], scope: scope, range: range, what: "item")
        let time = try column(r, "at", defaults: ["at", "time", "timestamp"], scope: scope, range: range, what: "time")
        let state = try column(r, "state", defaults: ["state", "to_state", "status", "to_status"], scope: scope, range: range, what: "state")
        let t = scope[time].type
        guard t == .date || t == .datetime else {
            throw typeError("\(op) needs a date or datetime time column, not \(t.rawValue) ('\(scope[time].name)')",
                            (try r.single("at"))?.range ?? range)
        }
        guard scope[state].type == .string || scope[state].type == .null else {
            throw typeError("\(op) needs a string state column, not \(scope[state].type.rawValue) ('\(scope[state].name)')",
                            (try r.single("state"))?.range ?? range)
        }
        return (item, time, state)
    }

    private func column(_ r: FlowClauseReader, _ word: String, defaults: [String], scope: [Field], range: SourceRange, what: String) throws(Diagnostic) -> Int {
        if let e = try r.single(word) {
            guard case .name(let n) = e.kind else { throw Diagnostic("expected the name of the \(what) column", at: e.range) }
            return try columnIndex(NameRef(n, e.range), in: scope)
        }
        if let i = defaults.lazy.compactMap({ d in scope.firstIndex { $0.name == d } }).first { return i }
        throw Diagnostic("\(r.op.rawValue) needs the \(what) column: none of \(defaults.joined(separator: ", ")) is here; name it with '\(word) COLUMN'",
                         at: range, notes: ["columns: " + scope.map(\.name).joined(separator: ", ")])
    }

    /// A stage name: a constant string.
    func stageName(_ e: Expr) throws(Diagnostic) -> String {
        guard case .string(let s)? = (try? bindExpr(e, scope: []))?.constant else {
            throw Diagnostic("expected a stage name in quotes, such as \"dev\"", at: e.range)
        }
        return s
    }

    /// The stages of a `stages (...)` or `active (...)` list: distinct constant strings, at least one.
    func stageList(_ l: (name: NameRef, items: [Expr])) throws(Diagnostic) -> [String] {
        guard !l.items.isEmpty else { throw Diagnostic("'\(l.name.name)' needs at least one stage", at: l.name.range) }
        var out: [String] = []
        for e in l.items {
            let s = try stageName(e)
            if out.contains(s) { throw Diagnostic("stage '\(s)' is listed twice", at: e.range) }
            out.append(s)
        }
        return out
    }

    /// One of `allowed`, written as a bare word or a string (`entry=first`); the first when absent.
    func word(_ e: Expr?, _ allowed: [String], what: String) throws(Diagnostic) -> String {
        guard let e else { return allowed[0] }
        var text: String? = nil
        if case .name(let n) = e.kind { text = n }
        if case .literal(.string(let s)) = e.kind { text = s }
        guard let t = text, allowed.contains(t) else {
            throw Diagnostic("\(what)= takes " + allowed.joined(separator: " or "), at: e.range)
        }
        return t
    }
}
