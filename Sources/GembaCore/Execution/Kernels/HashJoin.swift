/// Equi-join of two tables: hashes the right side's keys, probes with the left's. Null keys never
/// match. Output pairs are in left order, each left row's matches in right order; for right and full
/// joins the unmatched right rows follow.
enum HashJoin {
    /// Left and right row indices of the output rows (-1 for the missing side of an outer row).
    static func pairs(left: [Column], right: [Column], kind: JoinKind, range: SourceRange,
                      limit: Int = JoinSize.maxRows) throws(Diagnostic) -> (left: [Int], right: [Int]) {
        let lrows = left.first?.count ?? 0, rrows = right.first?.count ?? 0
        var lkeys: [[Int64]] = [], rkeys: [[Int64]] = []
        for (l, r) in zip(left, right) {
            let (a, b) = normalized(l, r)
            lkeys.append(a); rkeys.append(b)
        }
        func hasNullKey(_ cols: [Column], _ i: Int) -> Bool { cols.contains { $0.isNull(i) } }

        var table: [[Int64]: [Int]] = [:]
        for j in 0..<rrows where !hasNullKey(right, j) {
            if j & 0xFFFF == 0 { try Cancellation.check(range) }
            table[rkeys.map { $0[j] }, default: []].append(j)
        }
        if kind != .semi && kind != .anti, table.values.contains(where: { $0.count > 1 }) {
            // The right side repeats keys: count the rows before making them.
            var rows = 0
            for i in 0..<lrows {
                if i & 0xFFFF == 0 { try Cancellation.check(range) }
                rows &+= (hasNullKey(left, i) ? nil : table[lkeys.map { $0[i] }])?.count ?? 1
            }
            try JoinSize.check(rows, limit: limit, range: range)
        }
        var outL: [Int] = [], outR: [Int] = []
        var rightMatched = [Bool](repeating: false, count: kind == .right || kind == .full ? rrows : 0)
        for i in 0..<lrows {
            if i & 0xFFFF == 0 { try Cancellation.check(range) }
            let matches = hasNullKey(left, i) ? nil : table[lkeys.map { $0[i] }]
            switch kind {
            case .semi:
                if matches != nil { outL.append(i) }
            case .anti:
                if matches == nil { outL.append(i) }
            default:
                if let m = matches {
                    for j in m {
                        outL.append(i); outR.append(j)
                        if !rightMatched.isEmpty { rightMatched[j] = true }
                    }
                } else if kind == .left || kind == .full {
                    outL.append(i); outR.append(-1)
                }
            }
        }
        if kind == .right || kind == .full {
            for j in 0..<rrows where !rightMatched[j] { outL.append(-1); outR.append(j) }
        }
        return (outL, outR)
    }

    /// Both key columns in one comparable Int64 form: string codes into the left dictionary (a right
    /// string absent on the left gets a code no left row has), floats as bit patterns, dates as
    /// microseconds next to datetimes.
    static func normalized(_ l: Column, _ r: Column) -> ([Int64], [Int64]) {
        switch (l.data, r.data) {
        case (.string(let lc, let ld), .string(let rc, let rd)):
            let remap = rd.values.map { s -> Int64 in ld.code(of: s).map { Int64($0) } ?? -1 }
            return (lc.map { Int64($0) }, rc.map { remap[Int($0)] })
        case (.float64, _), (_, .float64):
            func bits(_ c: Column) -> [Int64] { ColumnAccess.doubles(c).map { Int64(bitPattern: ($0 == 0 ? 0.0 : $0).bitPattern) } }
            return (bits(l), bits(r))
        default:
            let micros = l.type != r.type && (l.type == .datetime || r.type == .datetime)
            return (ColumnAccess.int64s(l, asMicros: micros), ColumnAccess.int64s(r, asMicros: micros))
        }
    }
}
