/// `flow`: one row per item of a transitions table, from one ordering of the rows (`ItemOrder`) and one
/// pass over each item's moves on typed buffers, the items split among the cores. The rules are in
/// `docs/flow.md`.
enum FlowExecutor {
    static func run(_ t: Table, _ spec: FlowSpec, plan: Plan) throws(Diagnostic) -> Table {
        let itemColumn = t.columns[spec.item], timeColumn = t.columns[spec.time], stateColumn = t.columns[spec.state]
        let time = ColumnAccess.int64s(timeColumn)
        let (codes, dict) = ColumnAccess.strings(stateColumn)
        let order = try ItemOrder(item: itemColumn, time: time, states: codes, usable: { i in
            !itemColumn.isNull(i) && !timeColumn.isNull(i) && !stateColumn.isNull(i)
        }, range: plan.range)
        let stages = FlowStages(listed: spec.stages, dict: dict, order: order)
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

        let walk = FlowWalk(spec: spec, order: order, dict: dict, isDate: timeColumn.type == .date,
                            position: stages.position, stageCount: stages.names.count, startPos: startPos,
                            finishPos: finishPos, activeCode: activeCode, stageDates: spec.stages != nil)
        let parts = Parallel.map(Parallel.ranges(order.count)) { _, items in walk.run(items) }
        try Cancellation.check(plan.range)

        func ints(_ pick: (FlowPartial) -> [Int64], _ type: DataType) -> Column {
            FlowPartial.column(parts.map(pick), type)
        }
        var columns = [itemColumn.gather(order.firstRow), ints(\.created, .date), ints(\.started, .date),
                       ints(\.finished, .date), ints(\.cycle, .int), ints(\.lead, .int), ints(\.age, .int),
                       ints(\.reopened, .int), mergePaths(parts.map { ($0.paths, $0.texts) })]
        if spec.stages != nil {
            for j in 0..<stages.names.count { columns.append(ints({ $0.stageDates[j] }, .date)) }
        }
        if spec.active != nil {
            columns += [FlowPartial.column(parts.map(\.active)), FlowPartial.column(parts.map(\.waiting)),
                        FlowPartial.column(parts.map(\.efficiency))]
        }
        return Table(fields: plan.fields, columns: columns, rowCount: order.count)
    }
}

/// One worker's share of the items: each output column's values, `FlowPartial.none` (ints) or NaN
/// (floats) standing for null.
struct FlowPartial {
    /// Null in an int or date column.
    static let none = Int64.min
    var created: [Int64] = [], started: [Int64] = [], finished: [Int64] = []
    var cycle: [Int64] = [], lead: [Int64] = [], age: [Int64] = [], reopened: [Int64] = []
    var stageDates: [[Int64]] = []
    var active: [Double] = [], waiting: [Double] = [], efficiency: [Double] = []
    var paths: [UInt32] = [], texts: [String] = []

    /// The workers' values as one column, `none` as null.
    static func column(_ parts: [[Int64]], _ type: DataType) -> Column {
        var values = concatenated(parts)
        var validity: Bitmap? = nil
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<v.count where v[i] == none {
                if validity == nil { validity = Bitmap(count: v.count, value: true) }
                validity?[i] = false
                v[i] = 0
            }
        }
        return Column(type: type, data: .int64(values), validity: validity)
    }

    /// The workers' values as one float column, NaN as null.
    static func column(_ parts: [[Double]]) -> Column {
        var values = concatenated(parts)
        var validity: Bitmap? = nil
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<v.count where v[i].isNaN {
                if validity == nil { validity = Bitmap(count: v.count, value: true) }
                validity?[i] = false
                v[i] = 0
            }
        }
        return Column(type: .float, data: .float64(values), validity: validity)
    }

    private static func concatenated<T>(_ parts: [[T]]) -> [T] {
        guard parts.count != 1 else { return parts[0] }
        var out: [T] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for p in parts { out.append(contentsOf: p) }
        return out
    }
}

/// The per-item pass of `flow` over a range of items (read-only inputs, so workers share it).
struct FlowWalk {
    let spec: FlowSpec, order: ItemOrder, dict: StringDictionary, isDate: Bool
    let position: [Int32], stageCount: Int, startPos: Int, finishPos: Int, activeCode: [Bool], stageDates: Bool

    /// Days from a to b under the spec's calendar and counting.
    @inline(__always) private func span(_ a: Int64, _ b: Int64) -> Int64 {
        let end = spec.inclusive ? b + 1 : b
        return spec.workdays ? CalendarFunctions.workdayCount(from: a, to: end, holidays: spec.holidays) : end - a
    }

    /// The int columns of `FlowPartial`, in the order they are laid out in one buffer.
    private enum Slot: Int, CaseIterable { case created, started, finished, cycle, lead, age, reopened }

    func run(_ items: Range<Int>) -> FlowPartial {
        let none = FlowPartial.none
        let m = items.count
        // The int columns, then a column per stage, one after the other in one buffer written by index.
        let intColumns = Slot.allCases.count + (stageDates ? stageCount : 0)
        var ints = [Int64](repeating: none, count: intColumns * m)
        var active: [Double] = [], waiting: [Double] = [], efficiency: [Double] = []
        if spec.active != nil {
            active = [Double](repeating: .nan, count: m); waiting = active; efficiency = active
        }
        var paths = FlowPaths(dict: dict)
        var pathCodes = [UInt32](repeating: 0, count: m)
        // Per item, reused: each stage's entry day and time (`none` = not entered).
        var entryDay = [Int64](repeating: none, count: stageCount)
        var entryTime = [Int64](repeating: none, count: stageCount)
        let unitsPerDay = Double(isDate ? 1 : Temporal.microsPerDay)
        ints.withUnsafeMutableBufferPointer { out in
        order.times.withUnsafeBufferPointer { times in
        order.states.withUnsafeBufferPointer { codes in
            @inline(__always) func put(_ slot: Int, _ i: Int, _ v: Int64) { out[slot * m + i] = v }
            for g in items {
                if g & 0x3FFF == 0 && Cancellation.isRequested { return }
                let i = g - items.lowerBound
                let lo = Int(order.bounds[g]), hi = Int(order.bounds[g + 1])
                for j in 0..<stageCount { entryDay[j] = none; entryTime[j] = none }
                var current = -1
                var startedDay = none, startedTime = none, startedAt = -1
                var reopened: Int64 = 0
                paths.begin()
                for k in lo..<hi {
                    let code = codes[k]
                    paths.add(code)
                    let p = Int(position[Int(code)])
                    // A state outside the stages, or the stage the item is already in, does not move it.
                    if p < 0 || p == current { continue }
                    let tm = times[k]
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
                pathCodes[i] = paths.end()
                // Skipped stages before the current one take the date of the next stage entered.
                if current > 0 {
                    for j in stride(from: current - 1, through: 0, by: -1) where entryDay[j] == none {
                        entryDay[j] = entryDay[j + 1]; entryTime[j] = entryTime[j + 1]
                    }
                }
                let createdDay = isDate ? times[lo] : Temporal.floorDiv(times[lo], Temporal.microsPerDay)
                let isFinished = current >= finishPos
                let finishedDay = isFinished ? entryDay[finishPos] : none
                put(Slot.created.rawValue, i, createdDay)
                put(Slot.started.rawValue, i, startedDay)
                put(Slot.finished.rawValue, i, finishedDay)
                if finishedDay != none {
                    if startedDay != none { put(Slot.cycle.rawValue, i, span(startedDay, finishedDay)) }
                    put(Slot.lead.rawValue, i, span(createdDay, finishedDay))
                } else if startedDay != none {
                    put(Slot.age.rawValue, i, span(startedDay, spec.today))
                }
                put(Slot.reopened.rawValue, i, reopened)
                if stageDates { for j in 0..<stageCount { put(Slot.allCases.count + j, i, entryDay[j]) } }
                guard spec.active != nil, isFinished, startedAt >= 0 else { continue }
                // Time in each state between the start and the finish, by the state entered.
                let finishTime = entryTime[finishPos]
                var act: Int64 = 0, wait: Int64 = 0
                var k = startedAt
                while k < hi {
                    let from = max(times[k], startedTime)
                    if from >= finishTime { break }
                    let to = k + 1 < hi ? min(times[k + 1], finishTime) : finishTime
                    if activeCode[Int(codes[k])] { act += to - from } else { wait += to - from }
                    k += 1
                }
                active[i] = Double(act) / unitsPerDay
                waiting[i] = Double(wait) / unitsPerDay
                efficiency[i] = act + wait > 0 ? Double(act) / Double(act + wait) : .nan
            }
        }
        }
        }
        var part = FlowPartial()
        func column(_ c: Int) -> [Int64] { Array(ints[(c * m)..<((c + 1) * m)]) }
        part.created = column(Slot.created.rawValue); part.started = column(Slot.started.rawValue)
        part.finished = column(Slot.finished.rawValue); part.cycle = column(Slot.cycle.rawValue)
        part.lead = column(Slot.lead.rawValue); part.age = column(Slot.age.rawValue)
        part.reopened = column(Slot.reopened.rawValue)
        if stageDates { part.stageDates = (0..<stageCount).map { column(Slot.allCases.count + $0) } }
        part.active = active; part.waiting = waiting; part.efficiency = efficiency
        part.paths = pathCodes
        part.texts = paths.texts
        return part
    }
}
