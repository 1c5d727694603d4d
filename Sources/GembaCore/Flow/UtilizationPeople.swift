/// The people `utilization` counts: the rows of `people=` with a person, or without it each distinct
/// person of the input (allocations joined to people: their first row); then, after them, each person
/// the allocations name that the people do not hold (no capacity, null keys). Per person: contracted
/// hours a week, first and last day with the firm, and the keys after `by`.
struct UtilizationPeople {
    /// The people with a row (numbered first), and all people with the unknown ones.
    let known: Int, count: Int
    /// Each allocation row's person number, or -1 when its person is null.
    let personOfAllocation: [Int32]
    /// The keys after `by`, one row per person (null for the unknown ones).
    let keys: [Column]
    /// Contracted hours a week per known person (0 when null).
    let weekly: [Double]
    /// First and last day with the firm per known person (nil: not given).
    let start: [Int64?], end: [Int64?]
    /// The known people's values of the person column (to look time off up in).
    let names: Column

    init(_ t: Table, _ spec: UtilizationSpec, range: SourceRange) throws(Diagnostic) {
        let personColumn = t.columns[spec.person]
        let people: Table
        let rows: [Int]
        var unknown = 0
        if let plan = spec.people {
            people = try PlanExecutor.execute(plan)
            let column = people.columns[spec.peoplePerson]
            rows = (0..<people.rowCount).filter { !column.isNull($0) }
            names = column.gather(rows)
            if let (a, b) = KeyMatch.duplicate(in: names) {
                throw Diagnostic("person '\(names.value(at: b).text)' is in people twice (rows \(rows[a] + 1) and \(rows[b] + 1)): utilization needs one row per person",
                                 at: range)
            }
            let match = KeyMatch(probe: personColumn, keys: names)
            personOfAllocation = match.index
            unknown = match.unmatched
        } else {
            people = t
            (personOfAllocation, rows) = try KeyMatch.distinct(personColumn, range: range)
            names = personColumn.gather(rows)
        }
        known = rows.count
        count = known + unknown

        let ev = ExpressionEvaluator(input: people, range: range)
        let capacityColumn = try ev.evaluate(spec.capacity)
        let capacity = ColumnAccess.doubles(capacityColumn)
        var weekly = [Double](repeating: 0, count: known)
        for (p, row) in rows.enumerated() where !capacityColumn.isNull(row) {
            guard capacity[row] >= 0 else {
                throw Diagnostic("person '\(names.value(at: p).text)' has a negative capacity (\(Value.float(capacity[row]).text) hours a week)", at: range)
            }
            weekly[p] = capacity[row].isFinite ? capacity[row] : 0
        }
        self.weekly = weekly
        func dates(_ e: BoundExpr?) throws(Diagnostic) -> [Int64?] {
            guard let e else { return [Int64?](repeating: nil, count: rows.count) }
            let c = try ev.evaluate(e)
            let d = UtilizationExecutor.days(c)
            return rows.map { c.isNull($0) ? nil : d[$0] }
        }
        start = try dates(spec.start)
        end = try dates(spec.end)
        var keyColumns: [Column] = []
        for k in spec.keys { keyColumns.append(try ev.evaluate(k)) }
        let personRows = rows + [Int](repeating: -1, count: unknown)
        keys = keyColumns.map { $0.gatherOrNull(personRows) }

        if spec.people == nil {
            try UtilizationPeople.checkOnePerPerson(personOfAllocation, rows, capacityColumn, keyColumns, names, range: range)
        }
    }

    /// Without `people=`, each person's rows must agree on the capacity and the keys (they are the
    /// person's columns, joined onto each allocation).
    private static func checkOnePerPerson(_ person: [Int32], _ first: [Int], _ capacity: Column, _ keys: [Column],
                                          _ names: Column, range: SourceRange) throws(Diagnostic) {
        if let i = KeyMatch.firstDisagreement(capacity, group: person, first: first) {
            let p = Int(person[i])
            throw Diagnostic("person '\(names.value(at: p).text)' has two capacities (rows \(first[p] + 1) and \(i + 1)): without people= each row is an allocation joined to its person's row",
                             at: range, notes: ["give the people as people=TABLE"])
        }
        for k in keys {
            if let i = KeyMatch.firstDisagreement(k, group: person, first: first) {
                let p = Int(person[i])
                throw Diagnostic("person '\(names.value(at: p).text)' has two values of the keys after 'by' (rows \(first[p] + 1) and \(i + 1)): utilization groups people, so its keys are columns of the people (team, role, ...)",
                                 at: range)
            }
        }
    }

    /// The capacity calendar over `days` days from `lo`, with the time off of `timeoff` (its person and
    /// day columns) when given.
    func calendar(lo: Int64, days: Int, holidays: [Int64], timeoff: (plan: Plan, person: Int, day: Int)?,
                  range: SourceRange) throws(Diagnostic) -> CapacityCalendar {
        var away: (person: [Int32], day: [Int64])? = nil
        if let timeoff {
            let t = try PlanExecutor.execute(timeoff.plan)
            var person = KeyMatch(probe: t.columns[timeoff.person], keys: names).index
            let dayColumn = t.columns[timeoff.day]
            for i in 0..<t.rowCount where person[i] >= Int32(known) || dayColumn.isNull(i) { person[i] = -1 }
            let bits = known.multipliedReportingOverflow(by: days)
            guard !bits.overflow, bits.partialValue <= 1 << 33 else {
                throw Diagnostic("time off for \(known) people over \(days) days is too much to hold: narrow the window with from and to", at: range)
            }
            away = (person, UtilizationExecutor.days(dayColumn))
        }
        let padding = count - known
        return CapacityCalendar(lo: lo, days: days, weekly: weekly + [Double](repeating: 0, count: padding),
                                start: start + [Int64?](repeating: nil, count: padding),
                                end: end + [Int64?](repeating: nil, count: padding), holidays: holidays, timeoff: away)
    }
}
