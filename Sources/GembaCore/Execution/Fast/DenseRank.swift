/// `median`, `percentile` (nearest rank) and `percentile_linear` over dense groups: the rows are bucketed
/// by group with a counting sort, then each group's values are ordered only as far as needed
/// (quickselect for the one or two positions asked). Float columns only.
enum DenseRank {
    /// What answers rank aggregates per group: the values bucketed by group, or counts per distinct value.
    protocol Source: AnyObject {
        /// Each group's median, percentile or linear percentile.
        func rank(_ f: AggregateFunction, _ p: Double, _ groups: [Int]) -> Column
    }

    /// A column's counts or buckets, kept for the next rank aggregate over the same column (`median`
    /// and `percentile` of one column read it once).
    struct Cache {
        private var column: Column?
        private var source: Source?

        /// One rank aggregate's column.
        mutating func compute(_ call: AggregateCall, _ args: [Column], _ x: DenseAggregate.Context) -> Column {
            let values = args[0]
            let p: Double = call.function == .median ? 50 : (args.count > 1 ? ColumnAccess.doubles(args[1]).first ?? 50 : 50)
            let b: Source
            if let column, let source, column.sharesStorage(with: values) {
                b = source
            } else {
                b = DenseHistogram(values, x) ?? Buckets(values, x)
                column = values
                source = b
            }
            return b.rank(call.function, p, x.groups)
        }
    }

    /// The non-null values grouped by slot (a counting sort done on all cores): slot g's values are
    /// `values[start[g]..<start[g + 1]]`.
    final class Buckets: Source {
        var values: [Double]
        let start: [Int]

        init(_ column: Column, _ x: DenseAggregate.Context) {
            let domain = x.domain, validity = column.validity
            let source = ColumnAccess.doubles(column)
            // Per worker, the non-null values per slot; then where each worker's share of each slot begins.
            let perWorker = x.slot.withUnsafeBufferPointer { s in
                Parallel.map(x.ranges) { _, r -> [Int] in
                    var counts = [Int](repeating: 0, count: domain)
                    counts.withUnsafeMutableBufferPointer { c in
                        DenseScan.rows(r, s, x.rows, validity) { g, _ in c[g] += 1 }
                    }
                    return counts
                }
            }
            var start = [Int](repeating: 0, count: domain + 1)
            var offsets = perWorker.map { _ in [Int](repeating: 0, count: domain) }
            var at = 0
            for g in 0..<domain {
                start[g] = at
                for w in perWorker.indices {
                    offsets[w][g] = at
                    at += perWorker[w][g]
                }
            }
            start[domain] = at
            self.start = start
            values = [Double](unsafeUninitializedCapacity: at) { out, initialized in
                initialized = 0
                guard let base = out.baseAddress else { return }
                let target = SharedBuffer(base)
                x.slot.withUnsafeBufferPointer { s in
                    source.withUnsafeBufferPointer { v in
                        Parallel.run(x.ranges) { w, r in
                            var fill = offsets[w]
                            fill.withUnsafeMutableBufferPointer { f in
                                DenseScan.rows(r, s, x.rows, validity) { g, i in
                                    target[f[g]] = v[i]
                                    f[g] += 1
                                }
                            }
                        }
                    }
                }
                initialized = at
            }
        }

        /// Each group's median, percentile or linear percentile; groups are selected on all cores.
        func rank(_ f: AggregateFunction, _ p: Double, _ groups: [Int]) -> Column {
            let start = self.start
            let results: [Double?] = values.withUnsafeMutableBufferPointer { b in
                guard let base = b.baseAddress else { return groups.map { _ in nil } }
                let shared = SharedBuffer(base)
                return Parallel.each(groups.count) { n in
                    let g = groups[n], lo = start[g], hi = start[g + 1]
                    guard hi > lo else { return nil }
                    return DenseRank.rank(f, p, UnsafeMutableBufferPointer(start: shared.base + lo, count: hi - lo))
                }
            }
            return Column(type: .float, data: .float64(results.map { $0 ?? 0 }),
                          validity: Validity.build(count: groups.count) { results[$0] != nil })
        }
    }

    /// One group's value: its `part` is reordered in place (each group's values are its own).
    static func rank(_ f: AggregateFunction, _ p: Double, _ part: UnsafeMutableBufferPointer<Double>) -> Double {
        switch f {
        case .percentile:
            return select(part, OrderedAggregate.nearestRank(p, part.count))
        case .median where part.count % 2 == 0:
            let upper = select(part, part.count / 2)
            // After selecting, everything left of the middle is smaller: its maximum is the lower middle.
            var lower = part[0]
            for v in part[0..<(part.count / 2)] where Comparison.less(lower, v) { lower = v }
            return (lower + upper) / 2
        case .median:
            return select(part, part.count / 2)
        default:
            let pos = p / 100 * Double(part.count - 1)
            let l = Int(pos.rounded(.down)), h = min(l + 1, part.count - 1)
            let lv = select(part, l)
            var hv = lv
            if h != l { hv = part[(l + 1)...].min(by: Comparison.less) ?? lv }
            return lv + (hv - lv) * (pos - Double(l))
        }
    }

    /// The k-th smallest value (0-based) in `Comparison.order`; rearranges `a` so smaller ones are left
    /// of k (Hoare's quickselect with a median-of-three pivot).
    static func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var lo = 0, hi = a.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if less(a[mid], a[lo]) { a.swapAt(mid, lo) }
            if less(a[hi], a[lo]) { a.swapAt(hi, lo) }
            if less(a[hi], a[mid]) { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while less(a[i], pivot) { i += 1 }
                while less(pivot, a[j]) { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }

    @inline(__always) private static func less(_ a: Double, _ b: Double) -> Bool { Comparison.less(a, b) }
}

extension Column {
    /// True when both hold the same buffer of doubles and the same validity: one column reached twice
    /// (as `median(x)` and `percentile(x, 90)` are).
    fileprivate func sharesStorage(with other: Column) -> Bool {
        guard case .float64(let a) = data, case .float64(let b) = other.data, a.count == b.count,
              validity == other.validity else { return false }
        return a.withUnsafeBufferPointer { p in b.withUnsafeBufferPointer { q in p.baseAddress == q.baseAddress } }
    }
}
