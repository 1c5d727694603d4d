/// Computes one aggregate per group, with typed accumulators (no per-row boxing). Nulls are skipped;
/// sum, avg, min and max over no values give null.
enum Aggregate {
    static func compute(_ call: AggregateCall, args: [Column], grouping: Grouping, rowCount: Int) -> Column {
        let groups = grouping.count
        let gid = grouping.groupOfRow
        switch call.function {
        case .count:
            var counts = [Int64](repeating: 0, count: groups)
            if let a = args.first {
                for i in 0..<rowCount { if interrupted(i) { break }; guard !a.isNull(i) else { continue }; counts[Int(gid[i])] += 1 }
            } else {
                for i in 0..<rowCount { if interrupted(i) { break }; counts[Int(gid[i])] += 1 }
            }
            return Column(type: .int, data: .int64(counts))
        case .countif:
            var counts = [Int64](repeating: 0, count: groups)
            let a = args[0], b = ColumnAccess.bools(a)
            for i in 0..<rowCount { if interrupted(i) { break }; guard b[i] && !a.isNull(i) else { continue }; counts[Int(gid[i])] += 1 }
            return Column(type: .int, data: .int64(counts))
        case .dcount:
            var sets = [Set<Int64>](repeating: [], count: groups)
            let a = args[0]
            let keys: [Int64]
            if case .float64(let d) = a.data { keys = d.map { Int64(bitPattern: ($0 == 0 ? 0.0 : $0).bitPattern) } } else { keys = ColumnAccess.int64s(a) }
            for i in 0..<rowCount { if interrupted(i) { break }; guard !a.isNull(i) else { continue }; sets[Int(gid[i])].insert(keys[i]) }
            return Column(type: .int, data: .int64(sets.map { Int64($0.count) }))
        case .sum, .avg:
            return sumOrAvg(call, args[0], gid: gid, groups: groups, rowCount: rowCount)
        case .min, .max:
            return extreme(call.function == .max, args[0], gid: gid, groups: groups, rowCount: rowCount)
        case .stdev, .variance:
            return OrderedAggregate.spread(call.function == .stdev, args[0], grouping: grouping)
        case .median, .percentile, .percentiles, .percentileLinear, .sle:
            return OrderedAggregate.rank(call, args, grouping: grouping)
        case .argMax, .argMin:
            return OrderedAggregate.argExtreme(call.function == .argMax, by: args[0], value: args[1], grouping: grouping)
        case .first, .last:
            return OrderedAggregate.firstOrLast(call.function == .first, args[0], grouping: grouping)
        case .makeList:
            return OrderedAggregate.makeList(args[0], grouping: grouping)
        }
    }

    private static func sumOrAvg(_ call: AggregateCall, _ a: Column, gid: [Int32], groups: Int, rowCount: Int) -> Column {
        var counts = [Int64](repeating: 0, count: groups)
        for i in 0..<rowCount { if interrupted(i) { break }; guard !a.isNull(i) else { continue }; counts[Int(gid[i])] += 1 }
        let validity = Validity.build(count: groups) { counts[$0] > 0 }
        if call.type == .float {
            var sums = [Double](repeating: 0, count: groups)
            let v = ColumnAccess.doubles(a)
            for i in 0..<rowCount { if interrupted(i) { break }; guard !a.isNull(i) else { continue }; sums[Int(gid[i])] += v[i] }
            if call.function == .avg { for g in 0..<groups where counts[g] > 0 { sums[g] /= Double(counts[g]) } }
            return Column(type: .float, data: .float64(sums), validity: validity)
        }
        var sums = [Int64](repeating: 0, count: groups)
        let v = ColumnAccess.int64s(a)
        for i in 0..<rowCount { if interrupted(i) { break }; guard !a.isNull(i) else { continue }; sums[Int(gid[i])] &+= v[i] }
        if call.function == .avg {  // avg of durations
            for g in 0..<groups where counts[g] > 0 { sums[g] = Int64((Double(sums[g]) / Double(counts[g])).rounded()) }
        }
        return Column(type: call.type, data: .int64(sums), validity: validity)
    }

    private static func extreme(_ isMax: Bool, _ a: Column, gid: [Int32], groups: Int, rowCount: Int) -> Column {
        var seen = [Bool](repeating: false, count: groups)
        switch a.data {
        case .float64(let v):
            var best = [Double](repeating: 0, count: groups)
            for i in 0..<rowCount { if interrupted(i) { break }; guard !a.isNull(i) else { continue };
                let g = Int(gid[i])
                if !seen[g] || (isMax ? Comparison.less(best[g], v[i]) : Comparison.less(v[i], best[g])) { best[g] = v[i]; seen[g] = true }
            }
            return Column(type: a.type, data: .float64(best), validity: Validity.build(count: groups) { seen[$0] })
        case .string(let codes, let dict):
            let rank = ColumnAccess.ranks(dict)
            var best = [UInt32](repeating: 0, count: groups)
            for i in 0..<rowCount { if interrupted(i) { break }; guard !a.isNull(i) else { continue };
                let g = Int(gid[i]), c = codes[i]
                if !seen[g] || (isMax ? rank[Int(c)] > rank[Int(best[g])] : rank[Int(c)] < rank[Int(best[g])]) { best[g] = c; seen[g] = true }
            }
            return Column(type: .string, data: .string(best, dict), validity: Validity.build(count: groups) { seen[$0] })
        case .bool(let v):
            var best = [Bool](repeating: false, count: groups)
            for i in 0..<rowCount { if interrupted(i) { break }; guard !a.isNull(i) else { continue };
                let g = Int(gid[i])
                if !seen[g] || (isMax ? (v[i] && !best[g]) : (!v[i] && best[g])) { best[g] = v[i]; seen[g] = true }
            }
            return Column(type: .bool, data: .bool(best), validity: Validity.build(count: groups) { seen[$0] })
        case .int64(let v):
            var best = [Int64](repeating: 0, count: groups)
            for i in 0..<rowCount { if interrupted(i) { break }; guard !a.isNull(i) else { continue };
                let g = Int(gid[i])
                if !seen[g] || (isMax ? v[i] > best[g] : v[i] < best[g]) { best[g] = v[i]; seen[g] = true }
            }
            return Column(type: a.type, data: .int64(best), validity: Validity.build(count: groups) { seen[$0] })
        }
    }
}
