/// `summarize` when every key has a small domain (string codes, bools, ints spanning few values): each
/// row's group is its packed key index into dense arrays, with no hashing; the rows are split between
/// the cores, each filling its own partial arrays, which are then merged. Groups come out in order of
/// first appearance, as the general path gives them. Returns nil for shapes it does not handle.
enum DenseAggregate {
    /// The largest packed key domain handled (partial arrays are this long, per worker and aggregate).
    static let maxDomain = 1 << 18
    /// The largest span of an int key.
    static let maxIntSpan: Int64 = 1 << 16

    static func run(keys: [Column], aggregates: [(call: AggregateCall, args: [Column])], rows: [Int]?, rowCount: Int,
                    fields: [Field], range: SourceRange) -> Table? {
        guard supports(aggregates) else { return nil }
        let n = rows?.count ?? rowCount
        // No keys: one group, slot 0, which is there even over no rows.
        guard let slots = keys.isEmpty ? DenseSlots(keyless: n)
                                       : DenseSlots(keys: keys, rows: rows, n: n, maxDomain: maxDomain, maxIntSpan: maxIntSpan)
        else { return nil }
        return run(slots: slots, rows: rows, aggregates: aggregates, fields: fields) { _, first in keys.map { $0.gather(first) } }
    }

    /// True when every aggregate has a dense kernel.
    static func supports(_ aggregates: [(call: AggregateCall, args: [Column])]) -> Bool {
        aggregates.allSatisfy { supported($0.call, $0.args) }
    }

    /// The groups of `slots` (over `rows`, nil: every row) and their aggregates. `keyColumns` gives the
    /// key columns from the groups' slots and first rows, in output order. Slot `slots.excluded`, when
    /// set, holds rows that belong to no group (a join's unmatched rows) and is left out.
    static func run(slots: DenseSlots, rows: [Int]?, aggregates: [(call: AggregateCall, args: [Column])], fields: [Field],
                    keyColumns: (_ groups: [Int], _ first: [Int]) -> [Column]) -> Table? {
        if Cancellation.isRequested { return nil }
        let domain = slots.domain, n = slots.slot.count
        let ranges = Parallel.ranges(n)
        // Rows and first row per slot, per worker.
        let partial = slots.slot.withUnsafeBufferPointer { s in
            Parallel.map(ranges) { _, r -> (counts: [Int64], first: [Int]) in
                var counts = [Int64](repeating: 0, count: domain)
                var first = [Int](repeating: Int.max, count: domain)
                counts.withUnsafeMutableBufferPointer { c in
                    first.withUnsafeMutableBufferPointer { f in
                        for k in r {
                            let g = Int(s[k])
                            if c[g] == 0 { f[g] = rows?[k] ?? k }
                            c[g] &+= 1
                        }
                    }
                }
                return (counts, first)
            }
        }
        var (counts, first) = partial[0]
        for p in partial.dropFirst() {
            for g in 0..<domain {
                counts[g] &+= p.counts[g]
                first[g] = min(first[g], p.first[g])
            }
        }
        let groups = slots.keyless ? [0] : (0..<domain).filter { counts[$0] > 0 && $0 != slots.excluded }.sorted { first[$0] < first[$1] }
        var columns = keyColumns(groups, groups.map { first[$0] })
        let context = Context(slot: slots.slot, rows: rows, ranges: ranges, domain: domain, groups: groups, rowCounts: counts)
        var ranks = DenseRank.Cache()
        for (call, args) in aggregates {
            if Cancellation.isRequested { return nil }
            if [.median, .percentile, .percentileLinear].contains(call.function) {
                columns.append(ranks.compute(call, args, context))
            } else {
                columns.append(compute(call, args, context))
            }
        }
        return Table(fields: fields, columns: columns, rowCount: groups.count)
    }

    /// What every aggregate over the same slots shares.
    struct Context {
        let slot: [UInt32]
        let rows: [Int]?
        let ranges: [Range<Int>]
        let domain: Int
        /// The slots that have rows, in output order.
        let groups: [Int]
        /// The rows per slot.
        let rowCounts: [Int64]
    }

    private static func supported(_ call: AggregateCall, _ args: [Column]) -> Bool {
        switch call.function {
        case .count: return true
        case .countif: return args.first.map { if case .bool = $0.data { return true } else { return false } } ?? false
        case .dcount:
            guard let a = args.first, case .string(_, let dict) = a.data else { return false }
            return dict.count <= 1 << 16
        case .median, .percentile, .percentileLinear:
            // Float columns only: ints keep their exact path (ranks are taken in doubles here).
            guard let a = args.first, case .float64 = a.data else { return false }
            return true
        case .sum, .avg, .min, .max:
            guard let a = args.first else { return false }
            switch a.data {
            case .float64: return true
            case .int64: return call.type != .duration || call.function != .avg
            default: return false
            }
        default: return false
        }
    }

    /// One aggregate over the dense slots: per-worker partials, merged, read out in group order.
    private static func compute(_ call: AggregateCall, _ args: [Column], _ x: Context) -> Column {
        let groups = x.groups
        if call.function == .count, args.isEmpty {
            return Column(type: .int, data: .int64(groups.map { x.rowCounts[$0] }))
        }
        let a = args[0]
        if call.function == .dcount { return distinctCount(a, x) }
        let f = call.function
        let partials = x.slot.withUnsafeBufferPointer { s in
            Parallel.map(x.ranges) { _, r in Partial(f, a, s, r, x) }
        }
        var total = partials[0]
        for p in partials.dropFirst() { total.merge(p, f) }
        // Without nulls in the argument every row counts.
        let counts = total.counts.isEmpty ? x.rowCounts : total.counts
        if f == .count || f == .countif {
            return Column(type: .int, data: .int64(groups.map { counts[$0] }))
        }
        let validity = Validity.build(count: groups.count) { counts[groups[$0]] > 0 }
        if f == .avg {
            return Column(type: .float, data: .float64(groups.map { counts[$0] > 0 ? total.doubles[$0] / Double(counts[$0]) : 0 }), validity: validity)
        }
        if case .float64 = a.data {
            return Column(type: .float, data: .float64(groups.map { total.doubles[$0] }), validity: validity)
        }
        return Column(type: call.type, data: .int64(groups.map { total.ints[$0] }), validity: validity)
    }

    /// `dcount` of a string column: per worker a bit per (slot, code), each slot's bits starting on a
    /// word; the workers' words are or-ed and each slot's bits counted.
    private static func distinctCount(_ a: Column, _ x: Context) -> Column {
        guard case .string(let codes, let dict) = a.data else { return Column.constant(.null, type: .int, count: x.groups.count) }
        let wordsPerSlot = (dict.count + 63) >> 6
        let validity = a.validity
        let partials = x.slot.withUnsafeBufferPointer { s in
            codes.withUnsafeBufferPointer { c in
                Parallel.map(x.ranges) { _, r -> [UInt64] in
                    var words = [UInt64](repeating: 0, count: x.domain * wordsPerSlot)
                    words.withUnsafeMutableBufferPointer { w in
                        DenseScan.rows(r, s, x.rows, validity) { g, i in
                            let code = Int(c[i])
                            w[g * wordsPerSlot + code >> 6] |= 1 << UInt64(code & 63)
                        }
                    }
                    return words
                }
            }
        }
        var words = partials[0]
        for p in partials.dropFirst() {
            for j in words.indices { words[j] |= p[j] }
        }
        return Column(type: .int, data: .int64(x.groups.map { g in
            var n = 0
            for j in (g * wordsPerSlot)..<((g + 1) * wordsPerSlot) { n += words[j].nonzeroBitCount }
            return Int64(n)
        }))
    }
}

/// One worker's running values per slot for count, countif, sum, avg, min or max: counts of non-null
/// values (only when the argument has nulls, or for min and max), and int or double accumulators.
private struct Partial {
    var counts: [Int64] = []
    var ints: [Int64] = []
    var doubles: [Double] = []

    init(_ f: AggregateFunction, _ a: Column, _ s: UnsafeBufferPointer<UInt32>, _ r: Range<Int>, _ x: DenseAggregate.Context) {
        let domain = x.domain, rows = x.rows, validity = a.validity
        let counted = validity != nil || f == .min || f == .max || f == .countif || f == .count
        if counted { counts = [Int64](repeating: 0, count: domain) }
        switch (f, a.data) {
        case (.count, _):
            // count(x): the non-null values, whatever their type.
            counts.withUnsafeMutableBufferPointer { c in
                DenseScan.rows(r, s, rows, validity) { g, _ in c[g] &+= 1 }
            }
        case (_, .bool(let v)):  // countif
            counts.withUnsafeMutableBufferPointer { c in
                v.withUnsafeBufferPointer { v in
                    DenseScan.rows(r, s, rows, validity) { g, i in if v[i] { c[g] &+= 1 } }
                }
            }
        case (_, .float64(let v)):
            doubles = [Double](repeating: 0, count: domain)
            v.withUnsafeBufferPointer { v in
                Self.accumulate(f, &doubles, &counts, counted, r, s, rows, validity, value: { v[$0] }, add: +, less: Comparison.less)
            }
        case (.avg, .int64(let v)):
            // In doubles, as the general path does: no overflow on huge sums.
            doubles = [Double](repeating: 0, count: domain)
            v.withUnsafeBufferPointer { v in
                Self.accumulate(f, &doubles, &counts, counted, r, s, rows, validity, value: { Double(v[$0]) }, add: +, less: <)
            }
        case (_, .int64(let v)):
            ints = [Int64](repeating: 0, count: domain)
            v.withUnsafeBufferPointer { v in
                Self.accumulate(f, &ints, &counts, counted, r, s, rows, validity, value: { v[$0] }, add: &+, less: <)
            }
        case (_, .string):
            break
        }
    }

    /// sum, avg, min or max of `value(row)` into `acc` per slot, counting the values in `counts` when
    /// `counted`; `less` orders values for min and max (NaN above numbers for doubles). Inlined with its
    /// closures, so each caller gets loops with no call per row.
    @inline(__always)
    private static func accumulate<T>(_ f: AggregateFunction, _ acc: inout [T], _ counts: inout [Int64], _ counted: Bool,
                                      _ r: Range<Int>, _ s: UnsafeBufferPointer<UInt32>, _ rows: [Int]?, _ validity: Bitmap?,
                                      value: (Int) -> T, add: (T, T) -> T, less: (T, T) -> Bool) {
        acc.withUnsafeMutableBufferPointer { d in
            counts.withUnsafeMutableBufferPointer { c in
                switch (f, counted) {
                case (.min, _): DenseScan.rows(r, s, rows, validity) { g, i in let v = value(i); if c[g] == 0 || less(v, d[g]) { d[g] = v }; c[g] &+= 1 }
                case (.max, _): DenseScan.rows(r, s, rows, validity) { g, i in let v = value(i); if c[g] == 0 || less(d[g], v) { d[g] = v }; c[g] &+= 1 }
                case (_, true): DenseScan.rows(r, s, rows, validity) { g, i in d[g] = add(d[g], value(i)); c[g] &+= 1 }
                case (_, false): DenseScan.rows(r, s, rows, nil) { g, i in d[g] = add(d[g], value(i)) }
                }
            }
        }
    }

    /// Adds another worker's partial.
    mutating func merge(_ p: Partial, _ f: AggregateFunction) {
        if f == .min || f == .max {
            Self.keep(f, &ints, p.ints, counts, p.counts, less: <)
            Self.keep(f, &doubles, p.doubles, counts, p.counts, less: Comparison.less)
        } else {
            for g in ints.indices { ints[g] &+= p.ints[g] }
            for g in doubles.indices { doubles[g] += p.doubles[g] }
        }
        for g in counts.indices { counts[g] &+= p.counts[g] }
    }

    /// The smaller (min) or larger (max) of each slot's values, where the other worker saw any.
    private static func keep<T>(_ f: AggregateFunction, _ acc: inout [T], _ other: [T], _ counts: [Int64], _ otherCounts: [Int64],
                                less: (T, T) -> Bool) {
        for g in acc.indices where otherCounts[g] > 0 {
            if counts[g] == 0 || (f == .min ? less(other[g], acc[g]) : less(acc[g], other[g])) { acc[g] = other[g] }
        }
    }
}

/// The scan every dense kernel makes: each processed row's slot and source row, skipping nulls of the
/// argument. Inlined, so each caller's body gets its own loop per case with no call per row.
enum DenseScan {
    @inline(__always)
    static func rows(_ r: Range<Int>, _ s: UnsafeBufferPointer<UInt32>, _ rows: [Int]?, _ validity: Bitmap?,
                     _ body: (Int, Int) -> Void) {
        switch (rows, validity) {
        case (nil, nil): for k in r { body(Int(s[k]), k) }
        case (let rows?, nil): rows.withUnsafeBufferPointer { rows in for k in r { body(Int(s[k]), rows[k]) } }
        case (nil, let valid?): for k in r where valid[k] { body(Int(s[k]), k) }
        case (let rows?, let valid?): rows.withUnsafeBufferPointer { rows in for k in r { let i = rows[k]; if valid[i] { body(Int(s[k]), i) } } }
        }
    }
}
