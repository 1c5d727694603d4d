/// `flow`: one row per item of a transitions table, from one ordering of the rows (`ItemOrder`) and one
/// pass over each item's moves on typed buffers. The rules are in `docs/flow.md`.
enum FlowExecutor {
    /// No date recorded.
    private static let none = Int64.min

    static func run(_ t: Table, _ spec: FlowSpec, plan: Plan) throws(Diagnostic) -> Table {
        let itemColumn = t.columns[spec.item], timeColumn = t.columns[spec.time], stateColumn = t.columns[spec.state]
        let time = ColumnAccess.int64s(timeColumn)
        let isDate = timeColumn.type == .date
        let (codes, dict) = ColumnAccess.strings(stateColumn)
        let order = try ItemOrder(item: itemColumn, time: time, usable: { i in
            !itemColumn.isNull(i) && !timeColumn.isNull(i) && !stateColumn.isNull(i)
        }, range: plan.range)
        let stages = FlowStages(listed: spec.stages, codes: codes, dict: dict, time: time, order: order)
        guard let startPos = stages.names.firstIndex(of: spec.start) else {
            throw Diagnostic("stage '\(spec.start)' does not occur in the state column", at: spec.startRange,
                             notes: Suggest.notes(for: spec.start, among: stages.names, what: "stages"))
        }
        guard let finishPos = stages.names.firstIndex(of: spec.finish) else {
            throw Diagnostic("stage '\(spec.finish)' does not occur in the state column", at: spec.finishRange,
                             notes: Suggest.notes(for: spec.finish, among: stages.names, what: "stages"))
        }
        guard startPos <= finishPos else {
            throw Diagnostic("the start stage '\(spec.start)' comes after the finish stage '\(spec.finish)' in the order the stages first appear; list them with stages (...)",
                             at: spec.startRange)
        }
        var activeCode = [Bool](repeating: false, count: dict.count)
        for name in spec.active ?? [] { if let c = dict.code(of: name) { activeCode[Int(c)] = true } }

        let n = order.count, stageCount = stages.names.count
        var created = Int64ColumnWriter(capacity: n), started = Int64ColumnWriter(capacity: n)
        var finished = Int64ColumnWriter(capacity: n), cycle = Int64ColumnWriter(capacity: n)
        var lead = Int64ColumnWriter(capacity: n), age = Int64ColumnWriter(capacity: n)
        var reopenedOut = [Int64](repeating: 0, count: n)
        var stageDates = spec.stages == nil ? [] : (0..<stageCount).map { _ in Int64ColumnWriter(capacity: n) }
        var activeOut = DoubleColumnWriter(capacity: n), waitingOut = DoubleColumnWriter(capacity: n)
        var efficiencyOut = DoubleColumnWriter(capacity: n)
        var paths = FlowPaths(dict: dict)
        var pathCodes = [UInt32](repeating: 0, count: n)

        // Per item, reused: each stage's entry day and time (`none` = not entered).
        var entryDay = [Int64](repeating: none, count: stageCount)
        var entryTime = [Int64](repeating: none, count: stageCount)
        let perDay = isDate ? 1 : Temporal.microsPerDay
        let timeUnitsPerDay = Double(perDay)
        func span(_ a: Int64, _ b: Int64) -> Int64 {
            let end = spec.inclusive ? b + 1 : b
            return spec.workdays ? CalendarFunctions.workdayCount(from: a, to: end, holidays: spec.holidays) : end - a
        }

        try order.rows.withUnsafeBufferPointer { (rows) throws(Diagnostic) in
            for g in 0..<n {
                if g & 0x3FFF == 0 { try Cancellation.check(plan.range) }
                let lo = Int(order.bounds[g]), hi = Int(order.bounds[g + 1])
                for k in 0..<stageCount { entryDay[k] = none; entryTime[k] = none }
                var current = -1
                var startedDay = none, startedTime = none, startedAt = -1
                var reopened: Int64 = 0
                paths.begin()
                for k in lo..<hi {
                    let r = Int(rows[k])
                    let code = codes[r]
                    paths.add(code)
                    let p = Int(stages.position[Int(code)])
                    // A state outside the stages, or the stage the item is already in, does not move it.
                    if p < 0 || p == current { continue }
                    let tm = time[r]
                    let day = isDate ? tm : Temporal.floorDiv(tm, Temporal.microsPerDay)
                    if current >= 0 && p < current {
                        // A move back clears the later stages' dates: they count again when re-entered.
                        for j in (p + 1)..<stageCount { entryDay[j] = none; entryTime[j] = none }
                        if current >= finishPos && p < finishPos { reopened += 1 }
                    }
                    if spec.entryLast || entryDay[p] == none { entryDay[p] = day; entryTime[p] = tm }
                    if startedDay == none && p >= startPos { startedDay = day; startedTime = tm; startedAt = k }
                    current = p
                }
                pathCodes[g] = paths.end()
                // Skipped stages before the current one take the date of the next stage entered.
                if current > 0 {
                    for j in stride(from: current - 1, through: 0, by: -1) where entryDay[j] == none {
                        entryDay[j] = entryDay[j + 1]; entryTime[j] = entryTime[j + 1]
                    }
                }
                let firstTime = time[Int(rows[lo])]
                let createdDay = isDate ? firstTime : Temporal.floorDiv(firstTime, Temporal.microsPerDay)
                let isFinished = current >= finishPos
                let finishedDay: Int64? = isFinished ? entryDay[finishPos] : nil
                let startedValue: Int64? = startedDay == none ? nil : startedDay
                created.append(createdDay)
                started.append(startedValue)
                finished.append(finishedDay)
                cycle.append(finishedDay.flatMap { f in startedValue.map { span($0, f) } })
                lead.append(finishedDay.map { span(createdDay, $0) })
                age.append(!isFinished ? startedValue.map { span($0, spec.today) } : nil)
                reopenedOut[g] = reopened
                for j in 0..<stageDates.count { stageDates[j].append(entryDay[j] == none ? nil : entryDay[j]) }
                if spec.active != nil {
                    if isFinished, startedAt >= 0 {
                        // Time in each state between the start and the finish, by the state entered.
                        let finishTime = entryTime[finishPos]
                        var active: Int64 = 0, waiting: Int64 = 0
                        var k = startedAt
                        while k < hi {
                            let r = Int(rows[k])
                            let from = max(time[r], startedTime)
                            if from >= finishTime { break }
                            let to = k + 1 < hi ? min(time[Int(rows[k + 1])], finishTime) : finishTime
                            if activeCode[Int(codes[r])] { active += to - from } else { waiting += to - from }
                            k += 1
                        }
                        activeOut.append(Double(active) / timeUnitsPerDay)
                        waitingOut.append(Double(waiting) / timeUnitsPerDay)
                        efficiencyOut.append(active + waiting > 0 ? Double(active) / Double(active + waiting) : nil)
                    } else {
                        activeOut.append(nil); waitingOut.append(nil); efficiencyOut.append(nil)
                    }
                }
            }
        }

        var columns = [itemColumn.gather(order.firstRow), created.column(.date), started.column(.date),
                       finished.column(.date), cycle.column(.int), lead.column(.int), age.column(.int),
                       Column(type: .int, data: .int64(reopenedOut)),
                       Column(type: .string, data: .string(pathCodes, paths.dictionary()))]
        columns += stageDates.map { $0.column(.date) }
        if spec.active != nil { columns += [activeOut.column(), waitingOut.column(), efficiencyOut.column()] }
        return Table(fields: plan.fields, columns: columns, rowCount: n)
    }
}

/// The `stages` column: the states each item went through, joined by `>` (repeats in a row once), as
/// dictionary codes; an item's path is looked up by its state codes, so a path's text is made once.
struct FlowPaths {
    private let dict: StringDictionary
    private var current: [UInt32] = []
    private var ids: [[UInt32]: UInt32] = [:]
    private var textIds: [ExactString: UInt32] = [:]
    private var texts: [String] = []

    init(dict: StringDictionary) { self.dict = dict }

    mutating func begin() { current.removeAll(keepingCapacity: true) }

    @inline(__always) mutating func add(_ code: UInt32) {
        if current.last != code { current.append(code) }
    }

    /// The code of the path just walked.
    mutating func end() -> UInt32 {
        if let id = ids[current] { return id }
        // Different paths can read the same when a state's name holds '>': they share one string.
        let text = current.map { dict.values[Int($0)] }.joined(separator: ">")
        let id = textIds[ExactString(text)] ?? UInt32(texts.count)
        if id == texts.count { texts.append(text); textIds[ExactString(text)] = id }
        ids[current] = id
        return id
    }

    func dictionary() -> StringDictionary { StringDictionary(texts) }
}
