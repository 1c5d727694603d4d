/// A stable sort of row indices by several keys; nulls go last in either direction unless
/// `nullsFirst`.
enum SortKernel {
    /// One key, reduced to something cheap to compare.
    private enum Keys {
        case ints([Int64]), doubles([Double]), ranks([Int32])
    }

    static func order(keys: [(column: Column, descending: Bool, nullsFirst: Bool)], rowCount: Int) -> [Int] {
        let prepared: [(Keys, Column, Bool, Bool)] = keys.map { k in
            let c = k.column
            let keys: Keys
            switch c.data {
            case .float64(let a): keys = .doubles(a)
            case .string(let codes, let dict):
                let rank = ColumnAccess.ranks(dict)
                keys = .ranks(codes.map { rank[Int($0)] })
            default: keys = .ints(ColumnAccess.int64s(c))
            }
            return (keys, c, k.descending, k.nullsFirst)
        }
        var idx = Array(0..<rowCount)
        idx.sort { i, j in
            for (keys, col, desc, nullsFirst) in prepared {
                let ni = col.isNull(i), nj = col.isNull(j)
                if ni != nj { return ni == nullsFirst }
                if ni { continue }
                let c: Int
                switch keys {
                case .ints(let a): c = a[i] < a[j] ? -1 : (a[i] == a[j] ? 0 : 1)
                case .doubles(let a): c = a[i] < a[j] ? -1 : (a[i] == a[j] ? 0 : 1)
                case .ranks(let a): c = a[i] < a[j] ? -1 : (a[i] == a[j] ? 0 : 1)
                }
                if c != 0 { return desc ? c > 0 : c < 0 }
            }
            return i < j
        }
        return idx
    }
}
