/// The six comparisons over any pair of comparable columns; null on either side gives null.
enum Comparison {
    static func apply(_ op: BinaryOp, _ l: Column, _ r: Column) -> Column {
        let n = l.count
        let validity = Validity.and(l.validity, r.validity)
        let out: [Bool]
        switch (l.data, r.data) {
        case (.string(let a, let da), .string(let b, let db)):
            if da === db {
                let rank = op == .eq || op == .ne ? nil : ColumnAccess.ranks(da)
                out = (0..<n).map { i in
                    rank.map { test(op, Int($0[Int(a[i])]) - Int($0[Int(b[i])])) } ?? test(op, a[i] == b[i] ? 0 : 1)
                }
            } else {
                out = (0..<n).map { i in test(op, ByteOrder.compare(da.values[Int(a[i])], db.values[Int(b[i])])) }
            }
        case (.float64, _), (_, .float64):
            let a = ColumnAccess.doubles(l), b = ColumnAccess.doubles(r)
            out = (0..<n).map { i in test(op, order(a[i], b[i])) }
        default:
            let micros = l.type != r.type && (l.type == .datetime || r.type == .datetime)
            let a = ColumnAccess.int64s(l, asMicros: micros), b = ColumnAccess.int64s(r, asMicros: micros)
            out = (0..<n).map { i in test(op, a[i] < b[i] ? -1 : (a[i] == b[i] ? 0 : 1)) }
        }
        return Column(type: .bool, data: .bool(out), validity: validity)
    }

    /// The three-way order of two doubles: NaN above every number and equal to itself (as DuckDB
    /// orders it), so that `1 < NaN` and `NaN > 1` agree and sorts get a total order.
    @inline(__always) static func order(_ a: Double, _ b: Double) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        if a == b { return 0 }
        return a.isNaN ? (b.isNaN ? 0 : 1) : -1
    }

    /// `order(a, b) < 0` as a strict order for sorts and selection: NaN after every number.
    @inline(__always) static func less(_ a: Double, _ b: Double) -> Bool {
        a < b || (b.isNaN && !a.isNaN)
    }

    @inline(__always) static func test(_ op: BinaryOp, _ c: Int) -> Bool {
        switch op {
        case .eq: return c == 0
        case .ne: return c != 0
        case .lt: return c < 0
        case .le: return c <= 0
        case .gt: return c > 0
        default: return c >= 0
        }
    }
}

/// `x in (...)` over constants.
enum Membership {
    static func apply(_ x: Column, _ values: [Value], negated: Bool) -> Column {
        let n = x.count
        var out: [Bool]
        switch x.data {
        case .string(let codes, let dict):
            let wanted = Set(values.compactMap { if case .string(let s) = $0 { return ExactString(s) } else { return nil } })
            let hit = dict.values.map { wanted.contains(ExactString($0)) }
            out = codes.map { hit[Int($0)] }
        case .float64(let a):
            let wanted = Set(values.compactMap(\.asDouble))
            out = a.map { wanted.contains($0) }
        default:
            if x.type == .int, values.contains(where: { $0.type == .float }) {
                let wanted = Set(values.compactMap(\.asDouble))
                out = ColumnAccess.doubles(x).map { wanted.contains($0) }
            } else {
                // A date meets a datetime as midnight UTC: compare in microseconds when either is one.
                let micros = x.type == .datetime || (x.type == .date && values.contains { $0.type == .datetime })
                let wanted = Set(values.compactMap { v -> Int64? in
                    switch v {
                    case .int(let i), .duration(let i), .datetime(let i): return i
                    case .date(let d): return micros ? d * Temporal.microsPerDay : d
                    case .bool(let b): return b ? 1 : 0
                    default: return nil
                    }
                })
                out = ColumnAccess.int64s(x, asMicros: micros).map { wanted.contains($0) }
            }
        }
        if negated { for i in 0..<n { out[i].toggle() } }
        return Column(type: .bool, data: .bool(out), validity: x.validity)
    }
}
