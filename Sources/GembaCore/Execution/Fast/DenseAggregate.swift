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
        guard !keys.isEmpty, aggregates.allSatisfy({ supported($0.call, $0.args) }) else { return nil }
        let n = rows?.count ?? rowCount
        // Each key's dense id function and cardinality.
        var domain = 1
        var keyIds: [[Int32]] = []
        var cards: [Int] = []
        for k in keys {
            guard let (ids, card) = denseIds(k, rows: rows, n: n) else { return nil }
            let (d, overflow) = domain.multipliedReportingOverflow(by: card)
            guard !overflow, d <= maxDomain else { return nil }
            domain = d
            keyIds.append(ids)
            cards.append(card)
        }
        var slot = keyIds[0]
        for k in keyIds.indices.dropFirst() {
            let card = Int32(cards[k]), ids = keyIds[k]
            for i in 0..<n { slot[i] = slot[i] &* card &+ ids[i] }
        }
        if Cancellation.isRequested { return nil }

        let ranges = Parallel.ranges(n)
        // Rows and first row per slot, per worker.
        let partial = slot.withUnsafeBufferPointer { s in
            Parallel.map(ranges) { _, r -> (counts: [Int64], first: [Int]) in
                var counts = [Int64](repeating: 0, count: domain)
                var first = [Int](repeating: Int.max, count: domain)
                for k in r {
                    let g = Int(s[k])
                    if counts[g] == 0 { first[g] = rows?[k] ?? k }
                    counts[g] &+= 1
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
        let groups = (0..<domain).filter { counts[$0] > 0 }.sorted { first[$0] < first[$1] }
        var columns = keys.map { $0.gather(groups.map { first[$0] }) }
        for (call, args) in aggregates {
            if Cancellation.isRequested { return nil }
            columns.append(compute(call, args, slot: slot, rows: rows, ranges: ranges, domain: domain, groups: groups, rowCounts: counts))
        }
        return Table(fields: fields, columns: columns, rowCount: groups.count)
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

    /// Dense ids (null last) of one key over the processed rows, and the cardinality.
    private static func denseIds(_ c: Column, rows: [Int]?, n: Int) -> ([Int32], Int)? {
        var ids = [Int32](repeating: 0, count: n)
        @inline(__always) func row(_ k: Int) -> Int { rows?[k] ?? k }
        switch c.data {
        case .string(let codes, let dict):
            let nullId = Int32(dict.count)
            for k in 0..<n { let i = row(k); ids[k] = c.isNull(i) ? nullId : Int32(codes[i]) }
            return (ids, dict.count + 1)
        case .bool(let a):
            for k in 0..<n { let i = row(k); ids[k] = c.isNull(i) ? 2 : (a[i] ? 1 : 0) }
            return (ids, 3)
        case .int64(let a):
            var lo = Int64.max, hi = Int64.min
            for k in 0..<n { let i = row(k); if !c.isNull(i) { lo = min(lo, a[i]); hi = max(hi, a[i]) } }
            if lo > hi { lo = 0; hi = 0 }
            let (span, overflow) = hi.subtractingReportingOverflow(lo)
            guard !overflow, span < maxIntSpan else { return nil }
            let nullId = Int32(span + 1)
            for k in 0..<n { let i = row(k); ids[k] = c.isNull(i) ? nullId : Int32(a[i] - lo) }
            return (ids, Int(span) + 2)
        case .float64:
            return nil
        }
    }

    /// One aggregate over the dense slots: per-worker partials, merged, read out in group order.
    private static func compute(_ call: AggregateCall, _ args: [Column], slot: [Int32], rows: [Int]?, ranges: [Range<Int>],
                                domain: Int, groups: [Int], rowCounts: [Int64]) -> Column {
        if call.function == .count, args.isEmpty {
            return Column(type: .int, data: .int64(groups.map { rowCounts[$0] }))
        }
        let a = args[0]
        if call.function == .dcount { return distinctCount(a, slot: slot, rows: rows, domain: domain, groups: groups) }
        if [.median, .percentile, .percentileLinear].contains(call.function) {
            return DenseRank.compute(call, args, slot: slot, rows: rows, domain: domain, groups: groups)
        }
        if call.function == .count {
            var counts = [Int64](repeating: 0, count: domain)
            for k in 0..<slot.count where !a.isNull(rows?[k] ?? k) { counts[Int(slot[k])] &+= 1 }
            return Column(type: .int, data: .int64(groups.map { counts[$0] }))
        }
        // Per worker: non-null count and a running value (sum, min or max) per slot.
        let f = call.function
        let partials = slot.withUnsafeBufferPointer { s in
            Parallel.map(ranges) { _, r -> (counts: [Int64], ints: [Int64], doubles: [Double]) in
                var counts = [Int64](repeating: 0, count: domain)
                var ints = [Int64](repeating: 0, count: domain)
                var doubles = [Double](repeating: 0, count: domain)
                switch a.data {
                case .bool(let v):  // countif
                    for k in r { let i = rows?[k] ?? k; if v[i] && !a.isNull(i) { counts[Int(s[k])] &+= 1 } }
                case .float64(let v):
                    for k in r {
                        let i = rows?[k] ?? k
                        if a.isNull(i) { continue }
                        let g = Int(s[k]), x = v[i]
                        switch f {
                        case .min: if counts[g] == 0 || x < doubles[g] { doubles[g] = x }
                        case .max: if counts[g] == 0 || x > doubles[g] { doubles[g] = x }
                        default: doubles[g] += x
                        }
                        counts[g] &+= 1
                    }
                case .int64(let v):
                    let asDouble = f == .avg
                    for k in r {
                        let i = rows?[k] ?? k
                        if a.isNull(i) { continue }
                        let g = Int(s[k]), x = v[i]
                        switch f {
                        case .min: if counts[g] == 0 || x < ints[g] { ints[g] = x }
                        case .max: if counts[g] == 0 || x > ints[g] { ints[g] = x }
                        default: if asDouble { doubles[g] += Double(x) } else { ints[g] &+= x }
                        }
                        counts[g] &+= 1
                    }
                case .string:
                    break
                }
                return (counts, ints, doubles)
            }
        }
        var (counts, ints, doubles) = partials[0]
        for p in partials.dropFirst() {
            for g in 0..<domain where p.counts[g] > 0 {
                switch f {
                case .min:
                    if counts[g] == 0 || p.ints[g] < ints[g] { ints[g] = p.ints[g] }
                    if counts[g] == 0 || p.doubles[g] < doubles[g] { doubles[g] = p.doubles[g] }
                case .max:
                    if counts[g] == 0 || p.ints[g] > ints[g] { ints[g] = p.ints[g] }
                    if counts[g] == 0 || p.doubles[g] > doubles[g] { doubles[g] = p.doubles[g] }
                default:
                    ints[g] &+= p.ints[g]
                    doubles[g] += p.doubles[g]
                }
                counts[g] &+= p.counts[g]
            }
        }
        if f == .count || f == .countif {
            return Column(type: .int, data: .int64(groups.map { counts[$0] }))
        }
        let validity = Validity.build(count: groups.count) { counts[groups[$0]] > 0 }
        if f == .avg {
            return Column(type: .float, data: .float64(groups.map { counts[$0] > 0 ? doubles[$0] / Double(counts[$0]) : 0 }), validity: validity)
        }
        if case .float64 = a.data {
            return Column(type: .float, data: .float64(groups.map { doubles[$0] }), validity: validity)
        }
        return Column(type: call.type, data: .int64(groups.map { ints[$0] }), validity: validity)
    }

    /// `dcount` of a string column: a bit per (group, code), set by any row.
    private static func distinctCount(_ a: Column, slot: [Int32], rows: [Int]?, domain: Int, groups: [Int]) -> Column {
        guard case .string(let codes, let dict) = a.data else { return Column.constant(.null, type: .int, count: groups.count) }
        let card = dict.count
        var seen = Bitmap(count: domain * card, value: false)
        var counts = [Int64](repeating: 0, count: domain)
        for k in 0..<slot.count {
            let i = rows?[k] ?? k
            if a.isNull(i) { continue }
            let g = Int(slot[k]), bit = g * card + Int(codes[i])
            if !seen[bit] { seen[bit] = true; counts[g] += 1 }
        }
        return Column(type: .int, data: .int64(groups.map { counts[$0] }))
    }
}
