/// An equi-join on one key: the right side's keys go into a `KeyTable` (each distinct key once, its rows
/// chained in order), then the left rows probe it, split between the cores. Keys are first brought to
/// one Int64 form (`HashJoin.normalized`). Handles inner, left, semi and anti joins; returns nil for the
/// others. Row order is the general join's: left order, matches in right order.
enum SingleKeyJoin {
    /// The pairs of matching rows. `left` is nil when it would be every left row once, in order (a
    /// lookup into a table of unique keys, the usual join to a dimension): no list to build or gather.
    static func pairs(left: Column, right: Column, kind: JoinKind, range: SourceRange,
                      limit: Int = JoinSize.maxRows) throws(Diagnostic) -> (left: [Int]?, right: [Int])? {
        guard kind == .inner || kind == .left || kind == .semi || kind == .anti, right.count < Int(Int32.max) else { return nil }
        let (lkeys, rkeys) = HashJoin.normalized(left, right)
        let table = KeyTable(rkeys, valid: { !right.isNull($0) })
        let n = lkeys.count
        let validity = left.validity
        if !table.unique, kind == .inner || kind == .left {
            try JoinSize.check(pairCount(lkeys, validity, table), limit: limit, range: range)
        }
        let parts = lkeys.withUnsafeBufferPointer { keys in
            Parallel.map(Parallel.ranges(n)) { _, r -> Part in
                var part = Part(kind: kind, range: r)
                for i in r {
                    if interrupted(i) { break }
                    let isNull = validity.map { !$0[i] } ?? false
                    part.add(i, isNull ? -1 : table.first(keys[i]), table)
                }
                return part
            }
        }
        if kind == .semi || kind == .anti {
            return (parts.flatMap { $0.leftRows() }, [])
        }
        let right = parts.count == 1 ? parts[0].outR : parts.flatMap(\.outR)
        if parts.allSatisfy(\.identity) { return (nil, right) }
        return (parts.flatMap { $0.leftRows() }, right)
    }

    /// How many pairs the left keys make (a left row without a partner counts one, as a left join
    /// keeps it), on all cores.
    private static func pairCount(_ lkeys: [Int64], _ validity: Bitmap?, _ table: KeyTable) -> Int {
        let chain = table.chainLengths()
        return lkeys.withUnsafeBufferPointer { keys in
            Parallel.map(Parallel.ranges(keys.count)) { _, r -> Int in
                var n = 0
                for i in r {
                    let first = validity.map { $0[i] } ?? true ? table.first(keys[i]) : -1
                    n &+= first < 0 ? 1 : chain[first]
                }
                return n
            }.reduce(0, &+)
        }
    }

    /// One worker's pairs. While every left row has had exactly one partner (inner) or at most one
    /// (left), the left rows are implied by the range and not written.
    private struct Part {
        let kind: JoinKind
        let range: Range<Int>
        var outL: [Int] = []
        var outR: [Int] = []
        var identity = true

        init(kind: JoinKind, range: Range<Int>) {
            self.kind = kind
            self.range = range
            if kind == .inner || kind == .left { outR.reserveCapacity(range.count) }
        }

        @inline(__always) mutating func add(_ i: Int, _ first: Int, _ table: KeyTable) {
            switch kind {
            case .semi: if first >= 0 { outL.append(i) }
            case .anti: if first < 0 { outL.append(i) }
            default:
                if first < 0 {
                    if kind == .left { appendLeft(i); outR.append(-1) } else { leaveIdentity(before: i) }
                    return
                }
                if table.unique {
                    appendLeft(i); outR.append(first)
                    return
                }
                var row = first
                if identity && table.next[row] >= 0 { leaveIdentity(before: i) }
                while row >= 0 {
                    appendLeft(i); outR.append(row)
                    row = table.next[row]
                }
            }
        }

        @inline(__always) private mutating func appendLeft(_ i: Int) {
            if !identity { outL.append(i) }
        }

        /// From row `i` on the left rows are listed: the ones before it are written out first.
        private mutating func leaveIdentity(before i: Int) {
            guard identity else { return }
            identity = false
            outL.reserveCapacity(range.count)
            outL.append(contentsOf: range.lowerBound..<i)
        }

        /// The left row of each pair, or the kept rows (semi, anti).
        func leftRows() -> [Int] {
            if kind == .semi || kind == .anti || !identity { return outL }
            return Array(range.lowerBound..<(range.lowerBound + outR.count))
        }
    }
}

/// Distinct Int64 keys → the first row holding each; `next[row]` chains the later rows with the same key.
/// Keys spanning a range not much wider than their count (ids, dictionary codes) are looked up by
/// offset in an array; others by open addressing. Probes are random reads, so the table is kept small
/// (32-bit rows) and `unique` spares the chain read when no key repeats.
struct KeyTable {
    private var keys: [Int64]
    private var heads: [Int32]
    private let mask: Int
    /// The direct table's smallest key, when keys are looked up by offset.
    private let low: Int64?
    /// The next row with the same key, or -1.
    private(set) var next: [Int]
    /// True when no key repeats (every chain is one row long).
    private(set) var unique = true

    init(_ values: [Int64], valid: (Int) -> Bool) {
        next = [Int](repeating: -1, count: values.count)
        var lo = Int64.max, hi = Int64.min
        for (row, k) in values.enumerated() where valid(row) { lo = min(lo, k); hi = max(hi, k) }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        if lo <= hi, !overflow, span < Int64(max(4 * values.count, 1 << 16)) {
            low = lo
            mask = 0
            keys = []
            heads = [Int32](repeating: -1, count: Int(span) + 1)
            for row in stride(from: values.count - 1, through: 0, by: -1) where valid(row) {
                let s = Int(values[row] - lo)
                if heads[s] >= 0 { next[row] = Int(heads[s]); unique = false }
                heads[s] = Int32(row)
            }
            return
        }
        low = nil
        var capacity = 16
        while capacity < values.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        keys = [Int64](repeating: 0, count: capacity)
        heads = [Int32](repeating: -1, count: capacity)
        // Walk backwards so each chain ends up in row order.
        for row in stride(from: values.count - 1, through: 0, by: -1) where valid(row) {
            let k = values[row]
            var s = KeyTable.hash(k) & mask
            while heads[s] >= 0 && keys[s] != k { s = (s + 1) & mask }
            if heads[s] >= 0 { next[row] = Int(heads[s]); unique = false }
            keys[s] = k
            heads[s] = Int32(row)
        }
    }

    /// For each row, how many rows its chain holds from it on: for the first row of a key, how many
    /// rows hold that key. (Chains run forward in row order, so walking backwards each row's count is
    /// its successor's + 1.)
    func chainLengths() -> [Int] {
        var own = [Int](repeating: 1, count: next.count)
        for row in stride(from: next.count - 1, through: 0, by: -1) where next[row] >= 0 { own[row] = own[next[row]] + 1 }
        return own
    }

    /// The first row with key `k`, or -1.
    @inline(__always) func first(_ k: Int64) -> Int {
        if let low {
            let (d, overflow) = k.subtractingReportingOverflow(low)
            return !overflow && d >= 0 && d < Int64(heads.count) ? Int(heads[Int(d)]) : -1
        }
        var s = KeyTable.hash(k) & mask
        while heads[s] >= 0 {
            if keys[s] == k { return Int(heads[s]) }
            s = (s + 1) & mask
        }
        return -1
    }

    @inline(__always) static func hash(_ k: Int64) -> Int {
        var x = UInt64(bitPattern: k) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return Int(truncatingIfNeeded: x)
    }
}
