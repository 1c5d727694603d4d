/// Assigns each row a dense group number, in order of first appearance. Each key column is first
/// mapped to dense ids (string codes through an array, other values through a hash map); several keys
/// are packed into one index, which goes through a dense array when the key domain is small and a
/// hash map otherwise.
struct Grouping {
    /// The group of each row.
    var groupOfRow: [Int32]
    /// The first row of each group (where its key values are read).
    var firstRow: [Int]

    /// The number of groups.
    var count: Int { firstRow.count }

    /// A grouping from its parts.
    init(groupOfRow: [Int32], firstRow: [Int]) {
        self.groupOfRow = groupOfRow
        self.firstRow = firstRow
    }

    /// Groups `rowCount` rows by the key columns (no keys: one group, even with no rows).
    init(keys: [Column], rowCount: Int, range: SourceRange) throws(Diagnostic) {
        if keys.isEmpty {
            groupOfRow = [Int32](repeating: 0, count: rowCount)
            firstRow = [0]
            return
        }
        var combined = [Int](repeating: 0, count: rowCount)
        var domain = 1
        var overflow = false
        for key in keys {
            let (ids, cardinality) = try Grouping.denseIds(key, range: range)
            let (d, o) = domain.multipliedReportingOverflow(by: cardinality)
            if o || overflow {
                overflow = true
            } else {
                for i in 0..<rowCount { combined[i] = combined[i] &* cardinality &+ Int(ids[i]) }
                domain = d
            }
            if overflow {
                // Too many combinations to pack: renumber what we have, then continue packing.
                let (re, card) = Grouping.renumber(combined)
                for i in 0..<rowCount { combined[i] = Int(re[i]) &* cardinality &+ Int(ids[i]) }
                domain = card * cardinality
                overflow = false
            }
        }
        groupOfRow = [Int32](repeating: 0, count: rowCount)
        firstRow = []
        if domain <= max(1 << 22, rowCount) {
            var slot = [Int32](repeating: -1, count: domain)
            for i in 0..<rowCount {
                if i & 0xFFFF == 0 { try Cancellation.check(range) }
                let c = combined[i]
                var g = slot[c]
                if g < 0 { g = Int32(firstRow.count); slot[c] = g; firstRow.append(i) }
                groupOfRow[i] = g
            }
        } else {
            var map = [Int: Int32]()
            for i in 0..<rowCount {
                if i & 0xFFFF == 0 { try Cancellation.check(range) }
                let c = combined[i]
                if let g = map[c] { groupOfRow[i] = g } else {
                    let g = Int32(firstRow.count)
                    map[c] = g
                    firstRow.append(i)
                    groupOfRow[i] = g
                }
            }
        }
    }

    /// Dense ids 0..<cardinality for one key column; null is an id of its own.
    static func denseIds(_ c: Column, range: SourceRange) throws(Diagnostic) -> ([Int32], Int) {
        let n = c.count
        var ids = [Int32](repeating: 0, count: n)
        switch c.data {
        case .string(let codes, let dict):
            var remap = [Int32](repeating: -1, count: dict.count + 1)
            var next: Int32 = 0
            for i in 0..<n {
                let code = c.isNull(i) ? dict.count : Int(codes[i])
                if remap[code] < 0 { remap[code] = next; next += 1 }
                ids[i] = remap[code]
            }
            return (ids, Int(next))
        case .bool(let a):
            for i in 0..<n { ids[i] = c.isNull(i) ? 2 : (a[i] ? 1 : 0) }
            return (ids, 3)
        case .float64(let a):
            var map = [UInt64: Int32]()
            var nullId: Int32 = -1
            for i in 0..<n {
                if c.isNull(i) {
                    if nullId < 0 { nullId = Int32(map.count) + 1_000_000_000 }
                    ids[i] = nullId
                    continue
                }
                let v = a[i] == 0 ? 0.0 : (a[i].isNaN ? .nan : a[i])
                let bits = v.bitPattern
                if let g = map[bits] { ids[i] = g } else { let g = Int32(map.count); map[bits] = g; ids[i] = g }
            }
            return fixNull(&ids, distinct: map.count, nullId: nullId)
        case .int64(let a):
            var map = [Int64: Int32]()
            var nullId: Int32 = -1
            for i in 0..<n {
                if i & 0xFFFF == 0 { try Cancellation.check(range) }
                if c.isNull(i) {
                    if nullId < 0 { nullId = 1_000_000_000 }
                    ids[i] = nullId
                    continue
                }
                if let g = map[a[i]] { ids[i] = g } else { let g = Int32(map.count); map[a[i]] = g; ids[i] = g }
            }
            return fixNull(&ids, distinct: map.count, nullId: nullId)
        }
    }

    /// Gives the null marker the id after the last value.
    private static func fixNull(_ ids: inout [Int32], distinct: Int, nullId: Int32) -> ([Int32], Int) {
        guard nullId >= 0 else { return (ids, distinct) }
        for i in ids.indices where ids[i] >= 1_000_000_000 { ids[i] = Int32(distinct) }
        return (ids, distinct + 1)
    }

    private static func renumber(_ values: [Int]) -> ([Int32], Int) {
        var map = [Int: Int32]()
        let out = values.map { v -> Int32 in
            if let g = map[v] { return g }
            let g = Int32(map.count); map[v] = g; return g
        }
        return (out, map.count)
    }
}
