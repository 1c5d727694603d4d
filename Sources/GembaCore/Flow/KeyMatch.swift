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

    /// The distinct non-null values of `c`, numbered in order of first appearance: each row's number
    /// (-1 for null) and the first row of each value. By dictionary codes for strings.
    static func distinct(_ c: Column, range: SourceRange) throws(Diagnostic) -> (index: [Int32], first: [Int]) {
        guard case .string(let codes, let dict) = c.data else {
            let g = try Grouping(keys: [c], rowCount: c.count, range: range)
            var number = [Int32](repeating: -1, count: g.count)
            var first: [Int] = []
            for (k, r) in g.firstRow.enumerated() where r < c.count && !c.isNull(r) {
                number[k] = Int32(first.count)
                first.append(r)
            }
            return (g.groupOfRow.map { number[Int($0)] }, first)
        }
        var number = [Int32](repeating: -1, count: dict.count)
        var first: [Int] = []
        for i in 0..<codes.count where number[Int(codes[i])] < 0 && !c.isNull(i) {
            number[Int(codes[i])] = Int32(first.count)
            first.append(i)
        }
        let validity = c.validity
        let index = number.withUnsafeBufferPointer { number in
            codes.withUnsafeBufferPointer { codes in
                Parallel.array(codes.count) { r, out in
                    for i in r { out[i] = validity.map { $0[i] } ?? true ? number[Int(codes[i])] : -1 }
                }
            }
        }
        return (index, first)
    }

    /// The first row `i` (with `group[i]` not -1) whose value in `c` differs from that of row
    /// `first[group[i]]`, or nil when every row agrees with its group's first row.
    static func firstDisagreement(_ c: Column, group: [Int32], first: [Int]) -> Int? {
        func scan(_ same: (Int, Int) -> Bool) -> Int? {
            for i in 0..<group.count where group[i] >= 0 {
                let f = first[Int(group[i])]
                if c.isNull(i) != c.isNull(f) || !same(i, f) { return i }
            }
            return nil
        }
        switch c.data {
        case .string(let a, _): return scan { a[$0] == a[$1] }
        case .int64(let a): return scan { a[$0] == a[$1] }
        case .float64(let a): return scan { a[$0].bitPattern == a[$1].bitPattern || a[$0] == a[$1] }
        case .bool(let a): return scan { a[$0] == a[$1] }
        }
    }
}
