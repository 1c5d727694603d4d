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
        let screen = FirstKeyScreen(keys.first)
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
        for i in range {
            if interrupted(i) { break }
            // Most rows cannot enter a full heap: a cheap look at the first key turns them away before
            // the full comparison.
            if heap.count == n, screen.surelyAfter(i, heap[0]) { continue }
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

/// Tells from the first sort key alone that a row sorts after another (for `SortKernel.first`).
private struct FirstKeyScreen {
    /// The first key's own payload (no copy): ints and time values, or floats.
    private let ints: [Int64]?
    private let doubles: [Double]?
    private let descending: Bool

    init(_ key: (column: Column, descending: Bool, nullsFirst: Bool)?) {
        // Only a null-free numeric first key is screened; anything else goes to the full comparison.
        var ints: [Int64]? = nil, doubles: [Double]? = nil
        if let key, key.column.validity == nil, key.column.type != .bool {
            switch key.column.data {
            case .int64(let a): ints = a
            case .float64(let a): doubles = a
            default: break
            }
        }
        self.ints = ints
        self.doubles = doubles
        descending = key?.descending ?? false
    }

    /// True when row i's first key is strictly worse than row j's (a tie is not sure; a NaN is never
    /// sure, since `<` says nothing about it).
    @inline(__always) func surelyAfter(_ i: Int, _ j: Int) -> Bool {
        if let ints { return descending ? ints[i] < ints[j] : ints[i] > ints[j] }
        if let doubles { return descending ? doubles[i] < doubles[j] : doubles[i] > doubles[j] }
        return false
    }
}
