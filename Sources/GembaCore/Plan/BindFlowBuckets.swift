extension Binder {
    /// `wip on START, END step D [from A] [to B] [by KEY, ...]`: keys, bucket start (named as START), `wip`.
    func bindWip(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.wip, clauses, options: [], lists: [], words: ["on", "step", "from", "to", "by"])
        let scope = input.fields
        guard let on = r.clause("on"), on.values.count == 2, on.values.allSatisfy({ $0.name == nil }) else {
            throw Diagnostic("wip needs 'on START, END': the columns where each item's interval starts and ends",
                             at: r.clause("on")?.name.range ?? range)
        }
        let start = try bindExpr(on.values[0].expr, scope: scope), end = try bindExpr(on.values[1].expr, scope: scope)
        for (b, e) in [(start, on.values[0].expr), (end, on.values[1].expr)] where b.type != .date && b.type != .datetime && b.type != .null {
            throw typeError("wip needs dates or datetimes after 'on', not \(b.type.rawValue)", e.range)
        }
        let isDate = start.type != .datetime && end.type != .datetime
        let grid = try bucketGrid(r, isDate: isDate, range: range)
        let (keys, keyFields) = try bucketKeys(r, scope: scope)
        let fields = keyFields + [Field(Binder.derivedName(on.values[0].expr) ?? "time", isDate ? .date : .datetime), Field("wip", .int)]
        try checkDistinct(fields, r, range: range)
        return Plan(.wip(input, WipSpec(start: start, end: end, grid: grid, keys: keys)), fields: fields, range: range)
    }

    /// `throughput on TIME step D [from A] [to B] [by KEY, ...]`: keys, bucket start (named as TIME),
    /// `throughput`.
    func bindThroughput(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.throughput, clauses, options: [], lists: [], words: ["on", "step", "from", "to", "by"])
        let scope = input.fields
        guard let onExpr = try r.single("on") else {
            throw Diagnostic("throughput needs 'on TIME': the column holding when each item finished", at: range)
        }
        let time = try bindExpr(onExpr, scope: scope)
        guard time.type == .date || time.type == .datetime else {
            throw typeError("throughput needs a date or datetime after 'on', not \(time.type.rawValue)", onExpr.range)
        }
        let grid = try bucketGrid(r, isDate: time.type == .date, range: range)
        let (keys, keyFields) = try bucketKeys(r, scope: scope)
        let fields = keyFields + [Field(Binder.derivedName(onExpr) ?? "time", time.type), Field("throughput", .int)]
        try checkDistinct(fields, r, range: range)
        return Plan(.throughput(input, ThroughputSpec(time: time, grid: grid, keys: keys)), fields: fields, range: range)
    }

    /// `cfd stages ("A", ...) step D [from A] [to B] [by KEY, ...] [item COL] [at COL] [state COL]`: keys,
    /// bucket start (named as the time column), `stage`, `items`, `arrivals`, `departures`, `net`.
    func bindCfd(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.cfd, clauses, options: [], lists: ["stages"],
                                     words: ["step", "from", "to", "by", "item", "at", "state"])
        let scope = input.fields
        let (item, time, state) = try transitionColumns(r, itemWord: "item", scope: scope, range: range)
        guard let l = r.list("stages") else {
            throw Diagnostic("cfd needs 'stages (\"A\", \"B\", ...)': the workflow's stages in order", at: range)
        }
        let stages = try stageList(l)
        let grid = try bucketGrid(r, isDate: scope[time].type == .date, range: range)
        let (keys, keyFields) = try bucketKeys(r, scope: scope)
        let fields = keyFields + [Field(scope[time].name, scope[time].type), Field("stage", .string), Field("items", .int),
                                  Field("arrivals", .int), Field("departures", .int), Field("net", .int)]
        try checkDistinct(fields, r, range: range)
        let spec = CfdSpec(item: item, time: time, state: state, stages: stages, grid: grid, keys: keys)
        return Plan(.cfd(input, spec), fields: fields, range: range)
    }

    /// `aging [sle=P]` after `flow`: the started, unfinished items with `pace` and `sle`.
    func bindAging(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.aging, clauses, options: ["sle"], lists: [], words: [])
        let scope = input.fields
        var p = 85.0
        if let o = r.option("sle") {
            guard let v = try bindExpr(o.value, scope: []).constant?.asDouble, v > 0, v <= 100 else {
                throw Diagnostic("sle= needs a constant percentile above 0 and up to 100", at: o.value.range)
            }
            p = v
        }
        func need(_ name: String) throws(Diagnostic) -> Int {
            guard let i = scope.firstIndex(where: { $0.name == name && $0.type == .int }) else {
                throw Diagnostic("aging needs an int column '\(name)': use it after flow", at: range,
                                 notes: ["columns: " + scope.map(\.name).joined(separator: ", ")])
            }
            return i
        }
        let spec = AgingSpec(cycletime: try need("cycletime"), age: try need("age"), percentile: p)
        let fields = scope + [Field("pace", .float), Field("sle", .int)]
        try checkDistinct(fields, r, range: range)
        return Plan(.aging(input, spec), fields: fields, range: range)
    }

    /// The buckets of `step D [from A] [to B]`: a positive constant step (whole days over dates) and
    /// constant bounds, in the time unit.
    func bucketGrid(_ r: FlowClauseReader, isDate: Bool, range: SourceRange) throws(Diagnostic) -> BucketGrid {
        let op = r.op.rawValue
        guard let stepExpr = try r.single("step") else {
            throw Diagnostic("\(op) needs 'step DURATION', such as step 1d or step 7d", at: range)
        }
        guard case .duration(let micros)? = try bindExpr(stepExpr, scope: []).constant, micros > 0 else {
            throw Diagnostic("\(op) needs a positive constant duration after 'step'", at: stepExpr.range)
        }
        if isDate, micros % Temporal.microsPerDay != 0 {
            throw Diagnostic("\(op) over dates needs a step of whole days", at: stepExpr.range)
        }
        let (from, to) = try timeBounds(r, isDate: isDate)
        return BucketGrid(step: isDate ? micros / Temporal.microsPerDay : micros, from: from, to: to, isDate: isDate)
    }

    /// The constant bounds of `from A` and `to B`, in days (isDate) or microseconds; 'to' before
    /// 'from' is an error.
    func timeBounds(_ r: FlowClauseReader, isDate: Bool) throws(Diagnostic) -> (from: Int64?, to: Int64?) {
        func bound(_ word: String) throws(Diagnostic) -> Int64? {
            guard let e = try r.single(word) else { return nil }
            switch try bindExpr(e, scope: []).constant {
            case .date(let d)?: return isDate ? d : d * Temporal.microsPerDay
            case .datetime(let t)?: return isDate ? Temporal.floorDiv(t, Temporal.microsPerDay) : t
            default: throw Diagnostic("expected a constant date or datetime after '\(word)'", at: e.range)
            }
        }
        let from = try bound("from"), to = try bound("to")
        if let f = from, let t = to, t < f, let e = try r.single("to") {
            throw Diagnostic("'to' is before 'from'", at: e.range)
        }
        return (from, to)
    }

    /// The keys after `by` (or another clause word), bound, and their output fields.
    func bucketKeys(_ r: FlowClauseReader, scope: [Field], word: String = "by") throws(Diagnostic) -> ([BoundExpr], [Field]) {
        var keys: [BoundExpr] = [], fields: [Field] = []
        var generated = 0
        for k in r.clause(word)?.values ?? [] {
            let b = try bindExpr(k.expr, scope: scope)
            keys.append(b)
            fields.append(Field(try outputName(k, generated: &generated, in: fields), b.type))
        }
        return (keys, fields)
    }

    func checkDistinct(_ fields: [Field], _ r: FlowClauseReader, range: SourceRange, word: String = "by") throws(Diagnostic) {
        var seen = Set<String>()
        for f in fields where !seen.insert(f.name).inserted {
            throw Diagnostic("column '\(f.name)' would appear twice in the result of \(r.op.rawValue); name the key: \(word) NAME = ...",
                             at: r.clause(word)?.name.range ?? range)
        }
    }
}
