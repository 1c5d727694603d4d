/// `+ - * / // %` and unary minus over columns, for every type pair TypeRules allows. Nulls propagate;
/// division by zero gives null.
enum Arithmetic {
    static func unary(_ op: UnaryOp, _ c: Column, type: DataType) -> Column {
        switch op {
        case .isNull, .isNotNull:
            let want = op == .isNull
            return Column(type: .bool, data: .bool((0..<c.count).map { c.isNull($0) == want }))
        case .not:
            return Column(type: .bool, data: .bool(ColumnAccess.bools(c).map { !$0 }), validity: c.validity)
        case .negate:
            if case .float64(let a) = c.data { return Column(type: .float, data: .float64(a.map { -$0 }), validity: c.validity) }
            return Column(type: type, data: .int64(ColumnAccess.int64s(c).map { 0 &- $0 }), validity: c.validity)
        }
    }

    static func binary(_ op: BinaryOp, _ l: Column, _ r: Column, type: DataType) -> Column {
        let validity = Validity.and(l.validity, r.validity)
        let n = l.count
        if type == .null { return Column.constant(.null, type: .null, count: n) }

        // Float results (and duration scaled by a float) work in doubles.
        if type == .float, op != .div || !(l.type == .duration && r.type == .duration) {
            let a = ColumnAccess.doubles(l), b = ColumnAccess.doubles(r)
            if op == .add || op == .sub || op == .mul {
                return Column(type: .float, data: .float64(elementwise(op, a, b)), validity: validity)
            }
            var out = [Double](repeating: 0, count: n)
            var zero: [Int] = []
            switch op {
            case .add: for i in 0..<n { if interrupted(i) { break }; out[i] = a[i] + b[i] }
            case .sub: for i in 0..<n { if interrupted(i) { break }; out[i] = a[i] - b[i] }
            case .mul: for i in 0..<n { if interrupted(i) { break }; out[i] = a[i] * b[i] }
            case .div: for i in 0..<n { if interrupted(i) { break }; if b[i] == 0 { zero.append(i) } else { out[i] = a[i] / b[i] } }
            case .idiv: for i in 0..<n { if interrupted(i) { break }; if b[i] == 0 { zero.append(i) } else { out[i] = (a[i] / b[i]).rounded(.down) } }
            default: for i in 0..<n { if interrupted(i) { break }; if b[i] == 0 { zero.append(i) } else { out[i] = a[i].truncatingRemainder(dividingBy: b[i]) } }
            }
            return Column(type: .float, data: .float64(out), validity: nulling(zero, validity, n))
        }
        if type == .float {  // duration / duration
            let a = ColumnAccess.int64s(l), b = ColumnAccess.int64s(r)
            var zero: [Int] = []
            let out = (0..<n).map { i -> Double in
                if b[i] == 0 { zero.append(i); return 0 }
                return Double(a[i]) / Double(b[i])
            }
            return Column(type: .float, data: .float64(out), validity: nulling(zero, validity, n))
        }
        if type == .duration, (op == .mul || op == .div), l.type == .float || r.type == .float {
            let a = ColumnAccess.doubles(l), b = ColumnAccess.doubles(r)
            var zero: [Int] = []
            let out = (0..<n).map { i -> Int64 in
                let v = op == .mul ? a[i] * b[i] : (b[i] == 0 ? .nan : a[i] / b[i])
                guard v.isFinite, abs(v) < 9.2e18 else { zero.append(i); return 0 }
                return Int64(v.rounded())
            }
            return Column(type: .duration, data: .int64(out), validity: nulling(zero, validity, n))
        }
        return integral(op, l, r, type: type, validity: validity)
    }

    /// `a op b` for +, - and * on doubles, on all cores (no case can fail, so no per-row bookkeeping).
    private static func elementwise(_ op: BinaryOp, _ a: [Double], _ b: [Double]) -> [Double] {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                Parallel.array(min(a.count, b.count)) { r, out in
                    switch op {
                    case .add: for i in r { out[i] = a[i] + b[i] }
                    case .sub: for i in r { out[i] = a[i] - b[i] }
                    default: for i in r { out[i] = a[i] * b[i] }
                    }
                }
            }
        }
    }

    /// Int64 arithmetic: ints, and dates/datetimes/durations in their units.
    private static func integral(_ op: BinaryOp, _ l: Column, _ r: Column, type: DataType, validity: Bitmap?) -> Column {
        let n = l.count
        var a = ColumnAccess.int64s(l), b = ColumnAccess.int64s(r)
        // Bring both sides to one unit: days for a date result, microseconds otherwise.
        let dayUnit = type == .date
        func unify(_ x: inout [Int64], _ t: DataType) {
            if dayUnit, t == .duration { for i in 0..<n { if interrupted(i) { break }; x[i] = Temporal.floorDiv(x[i], Temporal.microsPerDay) } }
            if !dayUnit, t == .date, type == .datetime || type == .duration { for i in 0..<n { if interrupted(i) { break }; x[i] = x[i] &* Temporal.microsPerDay } }
        }
        unify(&a, l.type)
        unify(&b, r.type)
        var out = [Int64](repeating: 0, count: n)
        var zero: [Int] = []
        switch op {
        case .add: for i in 0..<n { if interrupted(i) { break }; out[i] = a[i] &+ b[i] }
        case .sub: for i in 0..<n { if interrupted(i) { break }; out[i] = a[i] &- b[i] }
        case .mul: for i in 0..<n { if interrupted(i) { break }; out[i] = a[i] &* b[i] }
        case .idiv, .div:
            for i in 0..<n { if interrupted(i) { break };
                if b[i] == 0 || (a[i] == .min && b[i] == -1) { zero.append(i) } else { out[i] = Temporal.floorDiv(a[i], b[i]) }
            }
        default:
            for i in 0..<n { if interrupted(i) { break };
                if b[i] == 0 || b[i] == -1 { if b[i] == 0 { zero.append(i) } else { out[i] = 0 } } else { out[i] = a[i] % b[i] }
            }
        }
        return Column(type: type, data: .int64(out), validity: nulling(zero, validity, n))
    }

    /// `validity` with the rows in `rows` made null.
    private static func nulling(_ rows: [Int], _ validity: Bitmap?, _ n: Int) -> Bitmap? {
        guard !rows.isEmpty else { return validity }
        var v = validity ?? Bitmap(count: n, value: true)
        for i in rows { v[i] = false }
        return v
    }
}
