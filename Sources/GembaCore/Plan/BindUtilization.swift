extension Binder {
    /// `utilization [people=TABLE|(QUERY)] [capacity=EXPR] [hours=EXPR] [person=COL] [billable=EXPR]
    /// [start=EXPR] [end=EXPR] [holidays=TABLE] [timeoff=TABLE|(QUERY)] [on DAY] [step D] [from A] [to B]
    /// [by KEY, ...]` over allocations: keys, the period start (named as DAY, with `step`), `capacity`,
    /// `allocated`, `utilization`, `overallocated`, and with billable hours `billable`,
    /// `billable_share_of_allocated`, `billable_share_of_capacity` (`docs/flow.md`).
    func bindUtilization(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.utilization, clauses,
                                     options: ["people", "capacity", "hours", "person", "billable", "start", "end", "holidays", "timeoff"],
                                     lists: [], words: ["on", "step", "from", "to", "by"])
        let scope = input.fields
        let people = try r.option("people").map { o throws(Diagnostic) in try boundInput(o.value, what: "people") }
        // Without people= the input is allocations joined to people: the people's columns are its own.
        let peopleScope = people?.fields ?? scope
        let peopleSide = people == nil ? "the input" : "people"

        var personName = NameRef("person", range)
        if let o = r.option("person") {
            guard let n = o.value.bareName else { throw Diagnostic("person= needs the name of the person column", at: o.value.range) }
            personName = NameRef(n, o.value.range)
        }
        let person = try capacityColumn(personName, in: scope, side: "the input", given: r.option("person") != nil, r)
        let peoplePerson = try capacityColumn(personName, in: peopleScope, side: peopleSide, given: r.option("person") != nil, r)
        guard TypeRules.comparable(scope[person].type, peopleScope[peoplePerson].type) else {
            throw typeError("the person column is \(scope[person].type.rawValue) in the input and \(peopleScope[peoplePerson].type.rawValue) in people",
                            r.option("person")?.value.range ?? r.option("people")?.value.range ?? range)
        }

        let hours = try capacityExpr(r, "hours", defaults: ["hours"], scope: scope, range: range)
        guard let hours, hours.bound.type.isNumeric || hours.bound.type == .null else {
            throw hoursMissing(r, hours?.range, type: hours?.bound.type, range: range)
        }
        let capacity = try capacityExpr(r, "capacity", defaults: ["capacity_hours_per_week", "capacity"], scope: peopleScope, range: range)
        guard let capacity, capacity.bound.type.isNumeric || capacity.bound.type == .null else {
            if let capacity {
                throw typeError("capacity= needs a number of hours a week, not \(capacity.bound.type.rawValue)", capacity.range)
            }
            throw Diagnostic("utilization needs each person's contracted hours a week: \(peopleSide) has no column capacity_hours_per_week or capacity; name it with capacity=EXPR",
                             at: range, notes: ["columns: " + peopleScope.map(\.name).joined(separator: ", ")])
        }

        let dayExpr: Expr
        if let e = try r.single("on") {
            dayExpr = e
        } else if let i = scope.firstIndex(where: { $0.name == "day" || $0.name == "date" }) {
            dayExpr = Expr(.name(scope[i].name), range)
        } else {
            throw Diagnostic("utilization needs the day of each allocation: the input has no column day or date; name it with 'on DAY'",
                             at: range, notes: ["columns: " + scope.map(\.name).joined(separator: ", ")])
        }
        let day = try bindExpr(dayExpr, scope: scope)
        guard day.type == .date || day.type == .datetime else {
            throw typeError("utilization needs a date or datetime day, not \(day.type.rawValue)", dayExpr.range)
        }

        let billable = try capacityExpr(r, "billable", defaults: ["billable"], scope: scope, range: range)
        if let b = billable, b.bound.type != .bool, b.bound.type != .null {
            // A column that happens to be called billable but is no bool is left alone; a given one is an error.
            guard r.option("billable") == nil else { throw typeError("billable= needs a bool, not \(b.bound.type.rawValue)", b.range) }
        }
        let billableBound = billable.flatMap { $0.bound.type == .bool || $0.bound.type == .null ? $0.bound : nil }

        var dates: [BoundExpr?] = []
        for (word, column) in [("start", "start_date"), ("end", "end_date")] {
            let d = try capacityExpr(r, word, defaults: [column], scope: peopleScope, range: range)
            if let d, d.bound.type != .date, d.bound.type != .datetime, d.bound.type != .null {
                throw typeError("\(word)= needs a date, not \(d.bound.type.rawValue)", d.range)
            }
            dates.append(d?.bound)
        }

        var holidays: [Int64] = []
        if let h = r.option("holidays") {
            guard case .name = h.value.kind else { throw Diagnostic("holidays= needs a table or view name", at: h.value.range) }
            holidays = CalendarFunctions.holidays(.string(try holidayDates(h.value)))
        }
        var timeoff: (plan: Plan, person: Int, day: Int)? = nil
        if let o = r.option("timeoff") {
            let plan = try boundInput(o.value, what: "timeoff")
            guard let p = plan.fields.firstIndex(where: { $0.name == personName.name }) else {
                throw Diagnostic("timeoff= needs a column '\(personName.name)' naming the person", at: o.value.range,
                                 notes: ["columns: " + plan.fields.map(\.name).joined(separator: ", ")])
            }
            guard TypeRules.comparable(plan.fields[p].type, peopleScope[peoplePerson].type) else {
                throw typeError("the person column is \(plan.fields[p].type.rawValue) in timeoff and \(peopleScope[peoplePerson].type.rawValue) in people", o.value.range)
            }
            guard let d = plan.fields.firstIndex(where: { $0.type == .date || $0.type == .datetime }) else {
                throw Diagnostic("timeoff= needs a date column: the days away", at: o.value.range,
                                 notes: ["columns: " + plan.fields.map(\.name).joined(separator: ", ")])
            }
            timeoff = (plan, p, d)
        }

        let grid: BucketGrid? = try r.single("step") == nil ? nil : try bucketGrid(r, isDate: true, range: range)
        let (from, to) = try timeBounds(r, isDate: true)
        let keys: [BoundExpr], keyFields: [Field]
        do {
            (keys, keyFields) = try bucketKeys(r, scope: peopleScope)
        } catch var d {
            if people != nil { d.notes.append("utilization's keys are columns of the people: team, role, person, ...") }
            throw d
        }
        var fields = keyFields
        if grid != nil { fields.append(Field(Binder.derivedName(dayExpr) ?? "day", .date)) }
        fields += ["capacity", "allocated", "utilization", "overallocated"].map { Field($0, .float) }
        if billableBound != nil {
            fields += ["billable", "billable_share_of_allocated", "billable_share_of_capacity"].map { Field($0, .float) }
        }
        try checkDistinct(fields, r, range: range)
        let spec = UtilizationSpec(people: people, person: person, peoplePerson: peoplePerson, day: day, hours: hours.bound,
                                   billable: billableBound, capacity: capacity.bound, start: dates[0], end: dates[1], keys: keys,
                                   from: from, to: to, grid: grid.map { BucketGrid(step: $0.step, from: nil, to: nil, isDate: true) },
                                   holidays: holidays, timeoff: timeoff)
        return Plan(.utilization(input, spec), fields: fields, range: range)
    }

    /// Another input given as an option's value: a table or view name, or `(QUERY)`.
    func boundInput(_ e: Expr, what: String) throws(Diagnostic) -> Plan {
        switch e.kind {
        case .name, .subquery: return try bindQuery(Query(head: e, operators: [], range: e.range))
        default: throw Diagnostic("\(what)= needs a table or view name, or (QUERY)", at: e.range)
        }
    }

    /// The column called `name` in `scope`: an unknown column when the name was given, else a note that
    /// the default was looked for.
    private func capacityColumn(_ name: NameRef, in scope: [Field], side: String, given: Bool, _ r: FlowClauseReader) throws(Diagnostic) -> Int {
        if let i = scope.firstIndex(where: { $0.name == name.name }) { return i }
        if given {
            throw Diagnostic("unknown column '\(name.name)' in \(side)", at: name.range,
                             notes: Suggest.notes(for: name.name, among: scope.map(\.name), what: "columns"))
        }
        throw Diagnostic("\(r.op.rawValue) needs the person column: \(side) has no column 'person'; name it with person=COLUMN",
                         at: name.range, notes: ["columns: " + scope.map(\.name).joined(separator: ", ")])
    }

    /// Option `word=EXPR` bound in `scope`, or the first of `defaults` that is a column there, or nil.
    private func capacityExpr(_ r: FlowClauseReader, _ word: String, defaults: [String], scope: [Field],
                              range: SourceRange) throws(Diagnostic) -> (bound: BoundExpr, range: SourceRange)? {
        if let o = r.option(word) { return (try bindExpr(o.value, scope: scope), o.value.range) }
        for d in defaults {
            if let i = scope.firstIndex(where: { $0.name == d }) { return (.column(i, scope[i].type), range) }
        }
        return nil
    }

    private func hoursMissing(_ r: FlowClauseReader, _ at: SourceRange?, type: DataType?, range: SourceRange) -> Diagnostic {
        if let type, let at { return typeError("hours= needs a number, not \(type.rawValue)", at) }
        return Diagnostic("\(r.op.rawValue) needs the hours of each allocation: there is no column hours; name them with hours=EXPR", at: range)
    }
}
