/// The usable rows of a transitions table (item, time and state all present) ordered by item, then
/// time, then input order: a counting sort by the item's dense id (stable, so input order is kept),
/// then a sort by time inside each item that is skipped when its rows are already in time order (the
/// usual case). Items come in order of first appearance.
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
        // Per item: its usable rows (counted) and its first usable row.
        var counts = [Int32](repeating: 0, count: cardinality + 1)
        var first = [Int](repeating: -1, count: cardinality)
        var keep = [Bool](repeating: false, count: n)
        for i in 0..<n where usable(i) {
            keep[i] = true
            let g = Int(ids[i])
            counts[g + 1] += 1
            if first[g] < 0 { first[g] = i }
        }
        try Cancellation.check(range)
        // Drop items with no usable row (ids are in first-appearance order, so the kept ones stay so).
        var newId = [Int32](repeating: -1, count: cardinality)
        var kept: [Int] = []
        var bounds: [Int32] = [0]
        for g in 0..<cardinality where counts[g + 1] > 0 {
            newId[g] = Int32(kept.count)
            kept.append(first[g])
            bounds.append(bounds[bounds.count - 1] + counts[g + 1])
        }
        var fill = bounds
        let total = Int(bounds[bounds.count - 1])
        var rows = [Int32](repeating: 0, count: total)
        var times = [Int64](repeating: 0, count: total)
        var states = [UInt32](repeating: 0, count: total)
        rows.withUnsafeMutableBufferPointer { r in
        times.withUnsafeMutableBufferPointer { t in
        states.withUnsafeMutableBufferPointer { s in
            for i in 0..<n where keep[i] {
                let g = Int(newId[Int(ids[i])])
                let k = Int(fill[g])
                r[k] = Int32(i); t[k] = time[i]; s[k] = codes[i]
                fill[g] += 1
            }
        }
        }
        }
        try Cancellation.check(range)
        rows.withUnsafeMutableBufferPointer { r in
        times.withUnsafeMutableBufferPointer { t in
        states.withUnsafeMutableBufferPointer { s in
            for g in 0..<(bounds.count - 1) {
                if g & 0xFFFF == 0 && Cancellation.isRequested { return }
                let lo = Int(bounds[g]), hi = Int(bounds[g + 1])
                var sorted = true
                var k = lo + 1
                while k < hi { if t[k - 1] > t[k] { sorted = false; break }; k += 1 }
                if sorted { continue }
                // Rows are in input order, so ordering by (time, row) is the stable sort by time.
                var slice = UnsafeMutableBufferPointer(rebasing: r[lo..<hi])
                slice.sort { a, b in time[Int(a)] < time[Int(b)] || (time[Int(a)] == time[Int(b)] && a < b) }
                for k in lo..<hi { t[k] = time[Int(r[k])]; s[k] = codes[Int(r[k])] }
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

/// A column of Int64 payloads written one row at a time, with nulls (for the flow operators' output).
struct Int64ColumnWriter {
    private(set) var values: [Int64] = []
    private var validity: Bitmap
    private var hasNull = false

    init(capacity: Int) {
        values.reserveCapacity(capacity)
        validity = Bitmap(count: 0, value: true)
        validity.reserveCapacity(capacity)
    }

    @inline(__always) mutating func append(_ v: Int64?) {
        if let v { values.append(v); validity.append(true) } else { values.append(0); validity.append(false); hasNull = true }
    }

    func column(_ type: DataType) -> Column { Column(type: type, data: .int64(values), validity: hasNull ? validity : nil) }
}

/// A float column written one row at a time, with nulls.
struct DoubleColumnWriter {
    private var values: [Double] = []
    private var validity: Bitmap
    private var hasNull = false

    init(capacity: Int) {
        values.reserveCapacity(capacity)
        validity = Bitmap(count: 0, value: true)
        validity.reserveCapacity(capacity)
    }

    @inline(__always) mutating func append(_ v: Double?) {
        if let v { values.append(v); validity.append(true) } else { values.append(0); validity.append(false); hasNull = true }
    }

    func column() -> Column { Column(type: .float, data: .float64(values), validity: hasNull ? validity : nil) }
}
