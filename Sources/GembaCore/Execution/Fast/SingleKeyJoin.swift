/// An equi-join on one key: the right side's keys go into an open-addressing hash table (each distinct
/// key once, its rows chained in order), then the left rows probe it, split between the cores. Keys are
/// first brought to one Int64 form (`HashJoin.normalized`). Handles inner, left, semi and anti joins;
/// returns nil for the others. Row order is the general join's: left order, matches in right order.
enum SingleKeyJoin {
    static func pairs(left: Column, right: Column, kind: JoinKind) -> (left: [Int], right: [Int])? {
        guard kind == .inner || kind == .left || kind == .semi || kind == .anti else { return nil }
        let (lkeys, rkeys) = HashJoin.normalized(left, right)
        let table = KeyTable(rkeys, valid: { !right.isNull($0) })
        let n = lkeys.count
        let parts = lkeys.withUnsafeBufferPointer { keys in
            Parallel.map(Parallel.ranges(n)) { _, r -> ([Int], [Int]) in
                var outL: [Int] = [], outR: [Int] = []
                outL.reserveCapacity(r.count)
                if kind == .inner || kind == .left { outR.reserveCapacity(r.count) }
                for i in r {
                    if interrupted(i) { break }
                    var row = left.isNull(i) ? -1 : table.first(keys[i])
                    switch kind {
                    case .semi: if row >= 0 { outL.append(i) }
                    case .anti: if row < 0 { outL.append(i) }
                    default:
                        if row < 0 {
                            if kind == .left { outL.append(i); outR.append(-1) }
                        }
                        while row >= 0 {
                            outL.append(i); outR.append(row)
                            row = table.next[row]
                        }
                    }
                }
                return (outL, outR)
            }
        }
        if parts.count == 1 { return (parts[0].0, parts[0].1) }
        return (parts.flatMap(\.0), parts.flatMap(\.1))
    }
}

/// Distinct Int64 keys → the first row holding each; `next[row]` chains the later rows with the same key.
struct KeyTable {
    private var keys: [Int64]
    private var heads: [Int]
    private let mask: Int
    /// The next row with the same key, or -1.
    private(set) var next: [Int]

    init(_ values: [Int64], valid: (Int) -> Bool) {
        var capacity = 16
        while capacity < values.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        keys = [Int64](repeating: 0, count: capacity)
        heads = [Int](repeating: -1, count: capacity)
        next = [Int](repeating: -1, count: values.count)
        // Walk backwards so each chain ends up in row order.
        for row in stride(from: values.count - 1, through: 0, by: -1) where valid(row) {
            let k = values[row]
            var s = KeyTable.hash(k) & mask
            while heads[s] >= 0 && keys[s] != k { s = (s + 1) & mask }
            if heads[s] >= 0 { next[row] = heads[s] }
            keys[s] = k
            heads[s] = row
        }
    }

    /// The first row with key `k`, or -1.
    @inline(__always) func first(_ k: Int64) -> Int {
        var s = KeyTable.hash(k) & mask
        while heads[s] >= 0 {
            if keys[s] == k { return heads[s] }
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
