/// The order of rows under sort keys: nulls last in either direction unless `nullsFirst`, ties kept in
/// input order (so sorts are stable).
struct RowOrder {
    private let keys: [(keys: SortKeys, column: Column, descending: Bool, nullsFirst: Bool)]

    init(_ keys: [(column: Column, descending: Bool, nullsFirst: Bool)]) {
        self.keys = keys.map { (SortKeys($0.column), $0.column, $0.descending, $0.nullsFirst) }
    }

    /// True when row i sorts before row j.
    @inline(__always) func before(_ i: Int, _ j: Int) -> Bool {
        for k in keys {
            let ni = k.column.isNull(i), nj = k.column.isNull(j)
            if ni != nj { return ni == k.nullsFirst }
            if ni { continue }
            let c = k.keys.compare(i, j)
            if c != 0 { return k.descending ? c > 0 : c < 0 }
        }
        return i < j
    }
}

/// Sorting row indices.
enum SortKernel {
    /// All rows, in order.
    static func order(keys: [(column: Column, descending: Bool, nullsFirst: Bool)], rowCount: Int) -> [Int] {
        let order = RowOrder(keys)
        var idx = Array(0..<rowCount)
        idx.sort { order.before($0, $1) }
        return idx
    }

    /// The first `n` rows in order (for `top` and `sort | take`): each core keeps a heap of the `n`
    /// best rows of its share in one pass, and the shares' winners are sorted. `before` is a total
    /// order (ties go to the earlier row), so this is the stable sort's first `n`.
    static func first(_ n: Int, keys: [(column: Column, descending: Bool, nullsFirst: Bool)], rowCount: Int) -> [Int] {
        let order = RowOrder(keys)
        guard n > 0 else { return [] }
        let screen = FirstKeyScreen(keys)
        let winners = Parallel.map(Parallel.ranges(rowCount)) { _, r in
            firstInRange(n, r, order, screen)
        }
        return Array(winners.joined().sorted { order.before($0, $1) }.prefix(n))
    }

    /// The best `n` rows of `range`, in no particular order.
    private static func firstInRange(_ n: Int, _ range: Range<Int>, _ order: RowOrder, _ screen: FirstKeyScreen) -> [Int] {
        // A max-heap under `before`: the root is the row that sorts last among those kept.
        var heap: [Int] = []
        heap.reserveCapacity(n)
        var i = range.lowerBound
        while i < range.upperBound {
            if Cancellation.isRequested { break }
            if heap.count == n {
                // Most rows cannot enter a full heap: a tight scan of the first key passes over them
                // (a block at a time, so that Ctrl-C is heard), then the second key settles ties.
                let end = min(range.upperBound, i + 0x10000)
                i = screen.skip(i, end, heap[0])
                if i == end { continue }
                if screen.surelyAfter(i, heap[0]) { i += 1; continue }
            }
            defer { i += 1 }
            if heap.count < n {
                heap.append(i)
                var c = heap.count - 1
                while c > 0 {
                    let p = (c - 1) / 2
                    guard order.before(heap[p], heap[c]) else { break }
                    heap.swapAt(p, c)
                    c = p
                }
            } else if order.before(i, heap[0]) {
                heap[0] = i
                var p = 0
                while true {
                    let l = 2 * p + 1, r = l + 1
                    var m = p
                    if l < heap.count, order.before(heap[m], heap[l]) { m = l }
                    if r < heap.count, order.before(heap[m], heap[r]) { m = r }
                    if m == p { break }
                    heap.swapAt(p, m)
                    p = m
                }
            }
        }
        return heap
    }
}

/// Tells from the first sort keys alone that a row sorts after another (for `SortKernel.first`): the
/// first key, and the second where the first ties (`top 10 by hours, alloc_id asc`, where a tenth of
/// the rows can tie on hours with the heap's last row).
private struct FirstKeyScreen {
    private let first: ScreenKey?
    private let second: ScreenKey?

    init(_ keys: [(column: Column, descending: Bool, nullsFirst: Bool)]) {
        first = keys.first.flatMap(ScreenKey.init)
        second = first == nil || keys.count < 2 ? nil : ScreenKey(keys[1])
    }

    /// The first row in `from..<end` that is not surely after row j on the first key (`end` if none).
    @inline(__always) func skip(_ from: Int, _ end: Int, _ j: Int) -> Int {
        first?.skip(from, end, j) ?? from
    }

    /// True when row i surely sorts after row j: worse on the first key, or tied there and worse on the
    /// second. A tie on both, or a NaN, is not sure.
    @inline(__always) func surelyAfter(_ i: Int, _ j: Int) -> Bool {
        guard let first, let c = first.compare(i, j) else { return false }
        if c != 0 { return c > 0 }
        guard let second, let c2 = second.compare(i, j) else { return false }
        return c2 > 0
    }
}

/// One screened key: a null-free number column's own payload (no copy).
private struct ScreenKey {
    private let ints: [Int64]?
    private let doubles: [Double]?
    private let descending: Bool

    init?(_ key: (column: Column, descending: Bool, nullsFirst: Bool)) {
        guard key.column.validity == nil, key.column.type != .bool else { return nil }
        switch key.column.data {
        case .int64(let a): ints = a; doubles = nil
        case .float64(let a): doubles = a; ints = nil
        default: return nil
        }
        descending = key.descending
    }

    /// The first row in `from..<end` whose key is not strictly worse than row j's (`end` if none): the
    /// loop most rows of a top-N query end in.
    func skip(_ from: Int, _ end: Int, _ j: Int) -> Int {
        func scan<T: Comparable>(_ a: [T]) -> Int {
            a.withUnsafeBufferPointer { v in
                let t = v[j]
                var k = from
                if descending {
                    while k < end && v[k] < t { k += 1 }
                } else {
                    while k < end && v[k] > t { k += 1 }
                }
                return k
            }
        }
        if let doubles { return scan(doubles) }
        if let ints { return scan(ints) }
        return from
    }

    /// 1 when row i sorts after row j on this key, -1 before, 0 tied; nil when a NaN makes it unsure.
    @inline(__always) func compare(_ i: Int, _ j: Int) -> Int? {
        let c: Int
        if let ints {
            c = ints[i] < ints[j] ? -1 : (ints[i] > ints[j] ? 1 : 0)
        } else if let doubles {
            let a = doubles[i], b = doubles[j]
            if a < b { c = -1 } else if a > b { c = 1 } else if a == b { c = 0 } else { return nil }
        } else {
            return nil
        }
        return descending ? -c : c
    }
}
