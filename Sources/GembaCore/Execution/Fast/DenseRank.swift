/// `median`, `percentile` (nearest rank) and `percentile_linear` over dense groups: the rows are bucketed
/// by group with a counting sort, then each group's values are ordered only as far as needed
/// (quickselect for the one or two positions asked). Float columns only.
enum DenseRank {
    static func compute(_ call: AggregateCall, _ args: [Column], slot: [Int32], rows: [Int]?, domain: Int, groups: [Int]) -> Column {
        let x = args[0]
        let p: Double = call.function == .median ? 50 : (args.count > 1 ? ColumnAccess.doubles(args[1]).first ?? 50 : 50)
        // Bucket the non-null values by group.
        var counts = [Int](repeating: 0, count: domain + 1)
        for k in 0..<slot.count where !x.isNull(rows?[k] ?? k) { counts[Int(slot[k]) + 1] += 1 }
        for g in 0..<domain { counts[g + 1] += counts[g] }
        var fill = counts
        let values = ColumnAccess.doubles(x)
        var bucketed = [Double](repeating: 0, count: counts[domain])
        for k in 0..<slot.count {
            let i = rows?[k] ?? k
            if x.isNull(i) { continue }
            let g = Int(slot[k])
            bucketed[fill[g]] = values[i]
            fill[g] += 1
        }
        var out = [Double](repeating: 0, count: groups.count)
        var valid = [Bool](repeating: false, count: groups.count)
        bucketed.withUnsafeMutableBufferPointer { b in
            for (n, g) in groups.enumerated() {
                let lo = counts[g], hi = counts[g + 1]
                guard hi > lo, let base = b.baseAddress else { continue }
                let part = UnsafeMutableBufferPointer(start: base + lo, count: hi - lo)
                valid[n] = true
                switch call.function {
                case .percentile:
                    out[n] = select(part, OrderedAggregate.nearestRank(p, part.count))
                case .median where part.count % 2 == 0:
                    let upper = select(part, part.count / 2)
                    // After selecting, everything left of the middle is smaller: its maximum is the lower middle.
                    var lower = part[0]
                    for v in part[0..<(part.count / 2)] where v > lower { lower = v }
                    out[n] = (lower + upper) / 2
                case .median:
                    out[n] = select(part, part.count / 2)
                default:
                    let pos = p / 100 * Double(part.count - 1)
                    let l = Int(pos.rounded(.down)), h = min(l + 1, part.count - 1)
                    let lv = select(part, l)
                    var hv = lv
                    if h != l { hv = part[(l + 1)...].min() ?? lv }
                    out[n] = lv + (hv - lv) * (pos - Double(l))
                }
            }
        }
        return Column(type: .float, data: .float64(out), validity: Validity.build(count: groups.count) { valid[$0] })
    }

    /// The k-th smallest value (0-based); rearranges `a` so smaller ones are left of k (Hoare's
    /// quickselect with a median-of-three pivot).
    static func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var lo = 0, hi = a.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }
}
