/// A lookup of one column's values among the distinct values of another (allocations' people among
/// the people, allocations' items among the items), as a join to a dimension does: by dictionary
/// codes when both are strings (one step per distinct string, then an array read per row), by a hash
/// map of the values otherwise.
struct KeyMatch {
    /// Per probe row: the key row holding its value; from the key count on, a number of its own for
    /// each distinct value no key row holds; -1 for null.
    let index: [Int32]
    /// How many numbers were given to values no key row holds.
    let unmatched: Int

    /// Looks up every row of `probe` among the rows of `keys` (whose non-null values are distinct;
    /// see `duplicate(in:)`). A null key row matches nothing.
    init(probe: Column, keys: Column) {
        if case .string(let pcodes, let pdict) = probe.data, case .string(let kcodes, let kdict) = keys.data {
            var keyRow = [Int32](repeating: -1, count: kdict.count)
            for j in stride(from: keys.count - 1, through: 0, by: -1) where !keys.isNull(j) { keyRow[Int(kcodes[j])] = Int32(j) }
            var next = Int32(keys.count)
            let map = pdict.values.map { s -> Int32 in
                if let c = kdict.code(of: s), keyRow[Int(c)] >= 0 { return keyRow[Int(c)] }
                defer { next += 1 }
                return next
            }
            unmatched = Int(next) - keys.count
            let validity = probe.validity
            index = map.withUnsafeBufferPointer { map in
                pcodes.withUnsafeBufferPointer { codes in
                    Parallel.array(codes.count) { r, out in
                        if let v = validity {
                            for i in r { out[i] = v[i] ? map[Int(codes[i])] : -1 }
                        } else {
                            for i in r { out[i] = map[Int(codes[i])] }
                        }
                    }
                }
            }
            return
        }
        let (pk, kk) = HashJoin.normalized(probe, keys)
        var row: [Int64: Int32] = [:]
        for j in stride(from: kk.count - 1, through: 0, by: -1) where !keys.isNull(j) { row[kk[j]] = Int32(j) }
        var extra: [Int64: Int32] = [:]
        var out = [Int32](repeating: -1, count: pk.count)
        for i in 0..<pk.count where !probe.isNull(i) {
            if let j = row[pk[i]] {
                out[i] = j
            } else if let e = extra[pk[i]] {
                out[i] = e
            } else {
                let e = Int32(keys.count + extra.count)
                extra[pk[i]] = e
                out[i] = e
            }
        }
        index = out
        unmatched = extra.count
    }

    /// The first pair of rows of `keys` holding the same non-null value, or nil when they are distinct.
    static func duplicate(in keys: Column) -> (first: Int, second: Int)? {
        if case .string(let codes, let dict) = keys.data {
            var seen = [Int](repeating: -1, count: dict.count)
            for i in 0..<keys.count where !keys.isNull(i) {
                let c = Int(codes[i])
                if seen[c] >= 0 { return (seen[c], i) }
                seen[c] = i
            }
            return nil
        }
        let (k, _) = HashJoin.normalized(keys, keys)
        var seen: [Int64: Int] = [:]
        for i in 0..<k.count where !keys.isNull(i) {
            if let j = seen[k[i]] { return (j, i) }
            seen[k[i]] = i
        }
        return nil
    }
}
