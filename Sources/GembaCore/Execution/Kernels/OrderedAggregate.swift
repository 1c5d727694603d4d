/// Aggregates that need each group's values together: ranks (median, percentiles), spread, arg_max,
/// first/last and make_list. Rows are bucketed by group once (a counting sort), then each group's
/// slice is worked on alone.
enum OrderedAggregate {
    /// The non-null rows of `c`, grouped: group g's rows are `rows[offsets[g]..<offsets[g+1]]`, in
    /// input order.
    static func segments(_ c: Column, _ grouping: Grouping) -> (offsets: [Int], rows: [Int]) {
        let groups = grouping.count
        var counts = [Int](repeating: 0, count: groups + 1)
        let n = grouping.groupOfRow.count
        for i in 0..<n { if interrupted(i) { break }; guard !c.isNull(i) else { continue }; counts[Int(grouping.groupOfRow[i]) + 1] += 1 }
        for g in 0..<groups { counts[g + 1] += counts[g] }
        var fill = counts
        var rows = [Int](repeating: 0, count: counts[groups])
        for i in 0..<n { if interrupted(i) { break }; guard !c.isNull(i) else { continue };
            let g = Int(grouping.groupOfRow[i])
            rows[fill[g]] = i
            fill[g] += 1
        }
        return (counts, rows)
    }

    /// `median`, `percentile` (nearest rank), `percentile_linear` (numpy's default interpolation).
    static func rank(_ call: AggregateCall, _ args: [Column], grouping: Grouping) -> Column {
        let x = args[0]
        let p: Double = call.function == .median ? 50 : (args.count > 1 ? ColumnAccess.doubles(args[1]).first ?? 50 : 50)
        let (offsets, rows) = segments(x, grouping)
        let groups = grouping.count
        var valid = [Bool](repeating: false, count: groups)
        let nearest = call.function == .percentile || call.function == .percentiles || call.function == .sle
        if case .float64 = x.data {
            return floatRank(ColumnAccess.doubles(x), offsets, rows, p: p, nearest: nearest, type: call.type, median: call.function == .median)
        }
        if nearest {
            let v = ColumnAccess.int64s(x)
            var out = [Int64](repeating: 0, count: groups)
            for g in 0..<groups where offsets[g + 1] > offsets[g] {
                var values = rows[offsets[g]..<offsets[g + 1]].map { v[$0] }
                values.sort()
                out[g] = values[nearestRank(p, values.count)]
                valid[g] = true
            }
            return Column(type: call.type, data: .int64(out), validity: Validity.build(count: groups) { valid[$0] })
        }
        // Interpolating ranks of ints or durations: compute in doubles.
        let result = floatRank(ColumnAccess.doubles(x), offsets, rows, p: p, nearest: false, type: .float, median: call.function == .median)
        if call.type == .duration, case .float64(let f) = result.data {
            return Column(type: .duration, data: .int64(f.map { $0.isFinite ? Int64($0.rounded()) : 0 }), validity: result.validity)
        }
        return result
    }

    private static func floatRank(_ v: [Double], _ offsets: [Int], _ rows: [Int], p: Double, nearest: Bool, type: DataType,
                                  median: Bool = false) -> Column {
        let groups = offsets.count - 1
        var out = [Double](repeating: 0, count: groups)
        var valid = [Bool](repeating: false, count: groups)
        for g in 0..<groups where offsets[g + 1] > offsets[g] {
            var values = rows[offsets[g]..<offsets[g + 1]].map { v[$0] }
            values.sort(by: Comparison.less)
            valid[g] = true
            if nearest {
                out[g] = values[nearestRank(p, values.count)]
            } else if median, values.count % 2 == 0 {
                // The mean of the two middle values (as the dense path computes it), not an interpolation.
                out[g] = (values[values.count / 2 - 1] + values[values.count / 2]) / 2
            } else {
                let pos = p / 100 * Double(values.count - 1)
                let lo = Int(pos.rounded(.down)), hi = min(lo + 1, values.count - 1)
                out[g] = values[lo] + (values[hi] - values[lo]) * (pos - Double(lo))
            }
        }
        return Column(type: .float, data: .float64(out), validity: Validity.build(count: groups) { valid[$0] })
    }

    /// The 0-based index of the nearest-rank percentile: position ceil(p/100 · n), and the smallest for p = 0.
    @inline(__always) static func nearestRank(_ p: Double, _ n: Int) -> Int {
        let r = Int((p / 100 * Double(n)).rounded(.up))
        return Swift.min(Swift.max(r, 1), n) - 1
    }

    /// Sample standard deviation or variance (n − 1); null for fewer than two values.
    static func spread(_ isStdev: Bool, _ x: Column, grouping: Grouping) -> Column {
        let groups = grouping.count
        var n = [Double](repeating: 0, count: groups), mean = n, m2 = n
        let v = ColumnAccess.doubles(x)
        for i in 0..<grouping.groupOfRow.count { if interrupted(i) { break }; guard !x.isNull(i) else { continue };
            let g = Int(grouping.groupOfRow[i])
            n[g] += 1
            let d = v[i] - mean[g]
            mean[g] += d / n[g]
            m2[g] += d * (v[i] - mean[g])
        }
        let out = (0..<groups).map { g -> Double in
            guard n[g] > 1 else { return 0 }
            let variance = m2[g] / (n[g] - 1)
            return isStdev ? variance.squareRoot() : variance
        }
        return Column(type: .float, data: .float64(out), validity: Validity.build(count: groups) { n[$0] > 1 })
    }

    /// `arg_max(by, x)` / `arg_min(by, x)`: x at the first row where `by` is largest / smallest.
    static func argExtreme(_ isMax: Bool, by: Column, value: Column, grouping: Grouping) -> Column {
        let groups = grouping.count
        var best = [Int](repeating: -1, count: groups)
        let keys: SortKeys = SortKeys(by)
        for i in 0..<grouping.groupOfRow.count { if interrupted(i) { break }; guard !by.isNull(i) else { continue };
            let g = Int(grouping.groupOfRow[i])
            let b = best[g]
            if b < 0 { best[g] = i; continue }
            let c = keys.compare(i, b)
            if isMax ? c > 0 : c < 0 { best[g] = i }
        }
        return value.gatherOrNull(best)
    }

    /// The first or last non-null value of each group, in input order.
    static func firstOrLast(_ isFirst: Bool, _ x: Column, grouping: Grouping) -> Column {
        var pick = [Int](repeating: -1, count: grouping.count)
        for i in 0..<grouping.groupOfRow.count { if interrupted(i) { break }; guard !x.isNull(i) else { continue };
            let g = Int(grouping.groupOfRow[i])
            if !isFirst || pick[g] < 0 { pick[g] = i }
        }
        return x.gatherOrNull(pick)
    }

    /// Each group's non-null values as a JSON array, in input order (gemba has no list type).
    static func makeList(_ x: Column, grouping: Grouping) -> Column {
        let (offsets, rows) = segments(x, grouping)
        var b = ColumnBuilder(type: .string, capacity: grouping.count)
        for g in 0..<grouping.count {
            let items = rows[offsets[g]..<offsets[g + 1]].map { JSONText.literal(x.value(at: $0)) }
            b.appendString("[" + items.joined(separator: ",") + "]")
        }
        return b.build()
    }
}

/// One column's values reduced to something cheap to compare row against row.
struct SortKeys {
    private enum Storage { case ints([Int64]), doubles([Double]), ranks([Int32]) }
    private let storage: Storage

    init(_ c: Column) {
        switch c.data {
        case .float64(let a): storage = .doubles(a)
        case .string(let codes, let dict):
            let rank = ColumnAccess.ranks(dict)
            storage = .ranks(codes.map { rank[Int($0)] })
        default: storage = .ints(ColumnAccess.int64s(c))
        }
    }

    /// -1, 0 or 1 as row i sorts before, with, or after row j.
    @inline(__always) func compare(_ i: Int, _ j: Int) -> Int {
        switch storage {
        case .ints(let a): return a[i] < a[j] ? -1 : (a[i] == a[j] ? 0 : 1)
        case .doubles(let a): return Comparison.order(a[i], a[j])
        case .ranks(let a): return a[i] < a[j] ? -1 : (a[i] == a[j] ? 0 : 1)
        }
    }
}

/// A value written as a JSON literal (for `make_list`).
enum JSONText {
    static func literal(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .int, .float, .bool: return v.text
        default:
            var out = "\""
            for u in v.text.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if u.value < 0x20 { out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16) } else { out.unicodeScalars.append(u) }
                }
            }
            return out + "\""
        }
    }
}
