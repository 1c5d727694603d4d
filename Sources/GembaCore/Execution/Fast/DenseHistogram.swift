/// `median`, `percentile` and `percentile_linear` over dense groups of a float column with few distinct
/// values (hours in quarter hours have 33): one pass counts each group's rows per distinct value, and a
/// rank is a walk over those counts. No value is moved. Nil when the column has too many distinct
/// values for the number of groups; `DenseRank.Buckets` then does it.
final class DenseHistogram: DenseRank.Source {
    /// The distinct non-null values, in `Comparison.order`.
    private let values: [Double]
    /// Rows per slot and value: `counts[slot * values.count + v]`.
    private let counts: [Int]

    /// At most this many count cells per worker (slots × distinct values), 8 MB of `UInt32`s.
    static let maxCells = 1 << 21
    /// At most this many distinct values.
    static let maxValues = 256

    init?(_ column: Column, _ x: DenseAggregate.Context) {
        guard case .float64(let source) = column.data else { return nil }
        let width = min(Self.maxValues, Self.maxCells / max(x.domain, 1))
        guard width >= 16, x.ranges.allSatisfy({ $0.count < Int(UInt32.max) }), Self.fewValues(source, below: width / 2) else { return nil }
        let validity = column.validity
        let partials = x.slot.withUnsafeBufferPointer { s in
            source.withUnsafeBufferPointer { v in
                Parallel.map(x.ranges) { _, r -> Partial? in Partial(r, s, v, x.rows, validity, domain: x.domain, width: width) }
            }
        }
        // Every worker's values, ordered once; each worker's counts added in at the values' places.
        var all = Set<UInt64>()
        for p in partials {
            guard let p else { return nil }
            all.formUnion(p.values)
        }
        guard all.count <= width else { return nil }
        values = all.map { Double(bitPattern: $0) }.sorted { Comparison.order($0, $1) < 0 }
        let m = values.count
        var place: [UInt64: Int] = [:]
        for (i, v) in values.enumerated() { place[v.bitPattern] = i }
        var counts = [Int](repeating: 0, count: x.domain * m)
        for case let p? in partials {
            let to = p.values.map { place[$0] ?? 0 }
            for g in x.groups {
                for (local, global) in to.enumerated() { counts[g * m + global] += Int(p.counts[g * width + local]) }
            }
        }
        self.counts = counts
    }

    /// True when the first few thousand values hold fewer than `limit` distinct ones: a cheap look
    /// before counting the whole column.
    private static func fewValues(_ v: [Double], below limit: Int) -> Bool {
        var seen = Set<UInt64>()
        for d in v.prefix(4096) {
            seen.insert(Partial.canonical(d))
            if seen.count >= limit { return false }
        }
        return true
    }

    func rank(_ f: AggregateFunction, _ p: Double, _ groups: [Int]) -> Column {
        let m = values.count
        var out: [Double] = [], empty: [Bool] = []
        out.reserveCapacity(groups.count)
        for g in groups {
            let row = counts[(g * m)..<((g + 1) * m)]
            let total = row.reduce(0, +)
            empty.append(total == 0)
            guard total > 0 else { out.append(0); continue }
            // The value at 0-based rank k of the group's sorted values.
            func at(_ k: Int) -> Double {
                var seen = 0
                for (i, c) in zip(row.indices, row) {
                    seen += c
                    if k < seen { return values[i - g * m] }
                }
                return values[m - 1]
            }
            switch f {
            case .percentile:
                out.append(at(OrderedAggregate.nearestRank(p, total)))
            case .median:
                out.append(total % 2 == 0 ? (at(total / 2 - 1) + at(total / 2)) / 2 : at(total / 2))
            default:
                let pos = p / 100 * Double(total - 1)
                let l = Int(pos.rounded(.down)), h = min(l + 1, total - 1)
                let lv = at(l), hv = at(h)
                out.append(lv + (hv - lv) * (pos - Double(l)))
            }
        }
        return Column(type: .float, data: .float64(out), validity: Validity.build(count: groups.count) { !empty[$0] })
    }

    /// One worker's counts, by its own numbering of the values in the order it met them.
    private struct Partial {
        /// The values met (as canonical bit patterns), in order of their local number.
        var values: [UInt64] = []
        /// Rows per slot and local value number: `counts[slot * width + local]`.
        var counts: [UInt32]

        /// Nil when the share holds more than `width` distinct values.
        init?(_ r: Range<Int>, _ s: UnsafeBufferPointer<UInt32>, _ v: UnsafeBufferPointer<Double>, _ rows: [Int]?,
              _ validity: Bitmap?, domain: Int, width: Int) {
            counts = [UInt32](repeating: 0, count: domain * width)
            // Open addressing on the bit pattern: 1,024 places for at most 256 values.
            var keys = [UInt64](repeating: 0, count: 1024)
            var local = [Int32](repeating: -1, count: 1024)
            var found = [UInt64]()
            var full = false
            counts.withUnsafeMutableBufferPointer { c in
                keys.withUnsafeMutableBufferPointer { keys in
                    local.withUnsafeMutableBufferPointer { local in
                        DenseScan.rows(r, s, rows, validity) { g, i in
                            if full { return }
                            let b = Partial.canonical(v[i])
                            var h = Int(truncatingIfNeeded: (b &* 0x9E37_79B9_7F4A_7C15) >> 54)
                            while true {
                                let e = local[h]
                                if e >= 0 && keys[h] == b {
                                    c[g * width + Int(e)] &+= 1
                                    return
                                }
                                if e < 0 {
                                    guard found.count < width else { full = true; return }
                                    keys[h] = b
                                    local[h] = Int32(found.count)
                                    c[g * width + found.count] &+= 1
                                    found.append(b)
                                    return
                                }
                                h = (h + 1) & 1023
                            }
                        }
                    }
                }
            }
            if full { return nil }
            values = found
        }

        /// One bit pattern per value: -0.0 counts as 0.0 and every NaN as one NaN (as they compare).
        @inline(__always) static func canonical(_ d: Double) -> UInt64 {
            d == 0 ? 0 : (d.isNaN ? Double.nan.bitPattern : d.bitPattern)
        }
    }
}
