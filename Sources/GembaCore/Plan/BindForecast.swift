extension Binder {
    /// `forecast when N | howmany by DATE [on TIME] [from A] [to B] [start=DATE] [trials T] [seed S]
    /// [split (LOW, HIGH)] [per KEY, ...]`: the keys, `percentile`, then `date` and `days` (when) or
    /// `items` (howmany). Rules in `docs/flow.md`.
    func bindForecast(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.forecast, clauses, options: ["start"], lists: ["split"],
                                     words: ["when", "howmany", "by", "on", "from", "to", "trials", "seed", "per"])
        let scope = input.fields
        let question: ForecastSpec.Question, questionRange: SourceRange
        let howmany = r.clause("howmany")
        if let w = try r.single("when") {
            if let h = howmany {
                throw Diagnostic("forecast asks 'when N' or 'howmany by DATE', not both", at: h.name.range)
            }
            if let b = r.clause("by") {
                throw Diagnostic("'by DATE' goes with 'howmany'; to forecast per key write 'per KEY'", at: b.name.range)
            }
            guard case .int(let n)? = try bindExpr(w, scope: []).constant, n > 0 else {
                throw Diagnostic("'when' needs a constant whole number of items above 0", at: w.range)
            }
            question = .when(items: n)
            questionRange = w.range
        } else if let h = howmany {
            guard let d = try r.single("by") else {
                throw Diagnostic("'howmany' needs 'by DATE': the last day counted", at: h.name.range)
            }
            question = .howMany(by: try constantDay(d, after: "by"))
            questionRange = d.range
        } else {
            throw Diagnostic("forecast needs 'when N' (the day N items are done) or 'howmany by DATE' (the items done by then)", at: range)
        }

        let time: BoundExpr
        if let e = try r.single("on") {
            time = try bindExpr(e, scope: scope)
            guard time.type == .date || time.type == .datetime || time.type == .null else {
                throw typeError("forecast needs a date or datetime after 'on', not \(time.type.rawValue)", e.range)
            }
        } else if let i = scope.firstIndex(where: { $0.name == "finished" && ($0.type == .date || $0.type == .datetime) }) {
            time = .column(i, scope[i].type)
        } else {
            throw Diagnostic("forecast needs 'on TIME': the column holding when each item finished (there is no date column 'finished')",
                             at: range, notes: ["columns: " + scope.map(\.name).joined(separator: ", ")])
        }

        let from = try r.single("from").map { e throws(Diagnostic) in try constantDay(e, after: "from") }
        let to = try r.single("to").map { e throws(Diagnostic) in try constantDay(e, after: "to") }
        if let f = from, let t = to, t < f, let e = try r.single("to") {
            throw Diagnostic("'to' is before 'from'", at: e.range)
        }
        let start = try r.option("start").map { o throws(Diagnostic) in try constantDay(o.value, after: "start=") }

        var trials = ForecastSpec.defaultTrials
        if let e = try r.single("trials") {
            guard case .int(let n)? = try bindExpr(e, scope: []).constant, n >= 1, n <= Int64(ForecastSpec.maxTrials) else {
                throw Diagnostic("'trials' needs a constant whole number from 1 to \(ForecastSpec.maxTrials)", at: e.range)
            }
            trials = Int(n)
        }
        var seed = ForecastSpec.defaultSeed
        if let e = try r.single("seed") {
            guard case .int(let s)? = try bindExpr(e, scope: []).constant else {
                throw Diagnostic("'seed' needs a constant whole number", at: e.range)
            }
            seed = UInt64(bitPattern: s)
        }
        var split = (low: 1.0, high: 1.0)
        if let l = r.list("split") {
            var values: [Double] = []
            for e in l.items {
                guard let v = try bindExpr(e, scope: []).constant?.asDouble, v > 0, v <= 100 else {
                    throw Diagnostic("a split rate is a constant number above 0 and up to 100", at: e.range)
                }
                values.append(v)
            }
            guard values.count == 1 || values.count == 2 else {
                throw Diagnostic("'split' takes (LOW, HIGH) or (RATE)", at: l.name.range)
            }
            guard values[0] <= values[values.count - 1] else {
                throw Diagnostic("the low split rate comes first: split (LOW, HIGH)", at: l.items[0].range)
            }
            split = (values[0], values[values.count - 1])
        }

        let (keys, keyFields) = try bucketKeys(r, scope: scope, word: "per")
        var fields = keyFields + [Field("percentile", .int)]
        if case .when = question { fields += [Field("date", .date), Field("days", .int)] } else { fields.append(Field("items", .int)) }
        try checkDistinct(fields, r, range: range, word: "per")
        let spec = ForecastSpec(question: question, questionRange: questionRange, time: time, from: from, to: to, start: start,
                                trials: trials, seed: seed, splitLow: split.low, splitHigh: split.high, keys: keys)
        return Plan(.forecast(input, spec), fields: fields, range: range)
    }

    /// A constant date (or datetime, as its UTC day) after a clause word, as a day number.
    private func constantDay(_ e: Expr, after word: String) throws(Diagnostic) -> Int64 {
        switch try bindExpr(e, scope: []).constant {
        case .date(let d)?: return d
        case .datetime(let t)?: return Temporal.floorDiv(t, Temporal.microsPerDay)
        default: throw Diagnostic("expected a constant date after '\(word)'", at: e.range)
        }
    }
}
