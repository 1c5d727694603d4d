/// A stable sort of row indices by several keys; nulls go last in either direction unless
/// `nullsFirst`.
enum SortKernel {
    static func order(keys: [(column: Column, descending: Bool, nullsFirst: Bool)], rowCount: Int) -> [Int] {
        let prepared = keys.map { (SortKeys($0.column), $0.column, $0.descending, $0.nullsFirst) }
        var idx = Array(0..<rowCount)
        idx.sort { i, j in
            for (keys, col, desc, nullsFirst) in prepared {
                let ni = col.isNull(i), nj = col.isNull(j)
                if ni != nj { return ni == nullsFirst }
                if ni { continue }
                let c = keys.compare(i, j)
                if c != 0 { return desc ? c > 0 : c < 0 }
            }
            return i < j
        }
        return idx
    }
}
