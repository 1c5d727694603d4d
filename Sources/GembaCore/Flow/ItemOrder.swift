/// The usable rows of a transitions table (item, time and state all present) ordered by item, then
/// time, then input order: a counting sort by the item's dense id (stable, so input order is kept;
/// the cores count and place their shares of the rows), then a sort by time inside each item that is
/// skipped when its rows are already in time order (the usual case). Items come in order of first
/// appearance.
struct ItemOrder {
    /// Row numbers, item by item.
    var rows: [Int32]
    /// The time and the state code of each of `rows`, in the same order (so the per-item passes read
    /// them one after the other instead of jumping around the input).
    var times: [Int64], states: [UInt32]
    /// Item g's rows are `rows[bounds[g] ..< bounds[g + 1]]`.
    var bounds: [Int32]
    /// The first input row of each item (to read the item's value).
    var firstRow: [Int]

    /// The number of items.
    var count: Int { firstRow.count }

    /// Orders the `usable` rows of `item`, by `time` (payloads), carrying `states` (codes) along.
    init(item: Column, time: [Int64], states codes: [UInt32], usable: (Int) -> Bool, range: SourceRange) throws(Diagnostic) {
        let n = item.count
        let (ids, cardinality) = try Grouping.denseIds(item, range: range)
        // Each worker counts the usable rows of each item in its share of the input, and notes each
        // item's first usable row there.
        let shares = Parallel.ranges(n)
        var keep = [Bool](repeating: false, count: n)
        let tallies: [(counts: [Int32], first: [Int])] = keep.withUnsafeMutableBufferPointer { keepBuffer in
            guard let base = keepBuffer.baseAddress else { return shares.map { _ in ([], []) } }
            let keepOut = SharedBuffer(base)
            return Parallel.map(shares) { _, share in
                var counts = [Int32](repeating: 0, count: cardinality)
                var first = [Int](repeating: -1, count: cardinality)
                for i in share where usable(i) {
                    keepOut[i] = true
                    let g = Int(ids[i])
                    counts[g] += 1
                    if first[g] < 0 { first[g] = i }
                }
                return (counts, first)
            }
        }
        try Cancellation.check(range)
        // Items in first-appearance order, without those that have no usable row; each worker's rows
        // of an item go after the rows of the workers before it, so input order is kept.
        var bounds: [Int32] = [0]
        var kept: [Int] = []
        var offsets = tallies.map { _ in [Int32](repeating: 0, count: cardinality) }
        for g in 0..<cardinality {
            var total: Int32 = 0
            var first = -1
            for (w, tally) in tallies.enumerated() where g < tally.counts.count {
                offsets[w][g] = bounds[bounds.count - 1] + total
                total += tally.counts[g]
                if first < 0 { first = tally.first[g] }
            }
            guard total > 0 else { continue }
            kept.append(first)
            bounds.append(bounds[bounds.count - 1] + total)
        }
        let count = Int(bounds[bounds.count - 1])
        var rows = [Int32](repeating: 0, count: count)
        var times = [Int64](repeating: 0, count: count)
        var states = [UInt32](repeating: 0, count: count)
        rows.withUnsafeMutableBufferPointer { r in
        times.withUnsafeMutableBufferPointer { t in
        states.withUnsafeMutableBufferPointer { s in
            guard let rb = r.baseAddress, let tb = t.baseAddress, let sb = s.baseAddress else { return }
            let (rowsOut, timesOut, statesOut) = (SharedBuffer(rb), SharedBuffer(tb), SharedBuffer(sb))
            // Workers write disjoint slots: each item's slots are split among them by `offsets`.
            Parallel.run(shares) { w, share in
                var fill = offsets[w]
                for i in share where keep[i] {
                    let g = Int(ids[i])
                    let k = Int(fill[g])
                    rowsOut[k] = Int32(i); timesOut[k] = time[i]; statesOut[k] = codes[i]
                    fill[g] += 1
                }
            }
        }
        }
        }
        try Cancellation.check(range)
        // Items whose rows are not in time order (rare: exports are usually sorted) are sorted by
        // (time, row), the stable sort by time.
        let itemCount = bounds.count - 1
        rows.withUnsafeMutableBufferPointer { r in
        times.withUnsafeMutableBufferPointer { t in
        states.withUnsafeMutableBufferPointer { s in
            guard let rb = r.baseAddress, let tb = t.baseAddress, let sb = s.baseAddress else { return }
            let (rowsOut, timesOut, statesOut) = (SharedBuffer(rb), SharedBuffer(tb), SharedBuffer(sb))
            Parallel.run(Parallel.ranges(itemCount)) { _, items in
                for g in items {
                    if g & 0xFFFF == 0 && Cancellation.isRequested { return }
                    let lo = Int(bounds[g]), hi = Int(bounds[g + 1])
                    var k = lo + 1
                    while k < hi, timesOut[k - 1] <= timesOut[k] { k += 1 }
                    if k >= hi { continue }
                    var slice = UnsafeMutableBufferPointer(start: rowsOut.base + lo, count: hi - lo)
                    slice.sort { a, b in time[Int(a)] < time[Int(b)] || (time[Int(a)] == time[Int(b)] && a < b) }
                    for k in lo..<hi { timesOut[k] = time[Int(rowsOut[k])]; statesOut[k] = codes[Int(rowsOut[k])] }
                }
            }
        }
        }
        }
        try Cancellation.check(range)
        self.rows = rows
        self.times = times
        self.states = states
        self.bounds = bounds
        self.firstRow = kept
    }
}
