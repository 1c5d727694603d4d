/// The buckets an operator lays out and the key groups it repeats them for: buckets `first ... last`
/// of a grid (the bounds given, or those of the data), every bucket for every key group, key-major.
struct BucketLayout {
    /// The first and last bucket numbers; `count` is 0 when there are none.
    let first: Int64, count: Int
    /// The key groups of the rows taken part, and the first row of each (to read its keys).
    let keyOfRow: [Int32], keyFirstRow: [Int], keyCount: Int

    /// The most buckets × key groups an operator lays out, so a small step cannot exhaust memory.
    static let limit = 10_000_000

    /// Buckets from the grid's `from` (or the bucket of `lo`) to its `to` (or the bucket of `hi`), where
    /// lo/hi are the data's earliest and latest times (nil when it has none); keys grouped over `rows`.
    init(grid: BucketGrid, lo: Int64?, hi: Int64?, keys: [Column], rows: [Int], range: SourceRange) throws(Diagnostic) {
        let firstBucket = grid.from.map(grid.bucket) ?? lo.map(grid.bucket)
        let lastBucket = grid.to.map(grid.bucket) ?? hi.map(grid.bucket)
        if let f = firstBucket, let l = lastBucket, l >= f {
            guard l - f < Int64(BucketLayout.limit) else {
                throw Diagnostic("this would make more than \(BucketLayout.limit) buckets: use a larger step or from/to", at: range)
            }
            first = f
            count = Int(l - f) + 1
        } else {
            first = 0
            count = 0
        }
        if keys.isEmpty {
            keyOfRow = [Int32](repeating: 0, count: rows.count)
            keyFirstRow = []
            keyCount = 1
        } else {
            let g = try Grouping(keys: keys.map { $0.gather(rows) }, rowCount: rows.count, range: range)
            keyOfRow = g.groupOfRow
            keyFirstRow = g.firstRow.map { rows[$0] }
            keyCount = g.count
        }
        let cells = keyCount.multipliedReportingOverflow(by: count)
        guard !cells.overflow, cells.partialValue <= BucketLayout.limit else {
            throw Diagnostic("this would make more than \(BucketLayout.limit) rows of buckets × keys: use a larger step or from/to", at: range)
        }
    }

    /// The output's leading columns: each key, then the bucket starts, for `perBucket` rows per bucket.
    func leadingColumns(keys: [Column], grid: BucketGrid, timeType: DataType, perBucket: Int = 1) -> [Column] {
        let rows = keyCount * count * perBucket
        var out: [Column] = []
        for k in keys {
            out.append(k.gather((0..<rows).map { keyFirstRow[$0 / max(count * perBucket, 1)] }))
        }
        let starts = (0..<rows).map { grid.start(first + Int64(($0 / perBucket) % max(count, 1))) }
        out.append(Column(type: timeType, data: .int64(starts)))
        return out
    }
}
