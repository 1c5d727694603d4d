/// Evaluates the common shapes of a `where` predicate straight into a mask, a byte per row (1 where the
/// predicate is true; false and null are 0), with typed parallel loops and no intermediate columns:
/// comparisons of a column with a constant, bool columns, `and`, `or`, `not` (of a predicate that
/// cannot be null), null tests, `in` and string tests against constants. Anything else returns nil and
/// goes the general way.
enum PredicateMask {
    static func evaluate(_ p: BoundExpr, _ t: Table) -> [UInt8]? {
        let n = t.rowCount
        switch p {
        case .literal(.bool(let b), _):
            return [UInt8](repeating: b ? 1 : 0, count: n)
        case .column(let i, .bool):
            let c = t.columns[i]
            guard case .bool(let values) = c.data else { return nil }
            return fill(n) { values[$0] && !c.isNull($0) }
        case .binary(.and, let l, let r, _), .binary(.or, let l, let r, _):
            guard var a = evaluate(l, t), let b = evaluate(r, t) else { return nil }
            let isAnd: Bool
            if case .binary(.and, _, _, _) = p { isAnd = true } else { isAnd = false }
            a.withUnsafeMutableBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    if isAnd { for i in 0..<n { x[i] &= y[i] } } else { for i in 0..<n { x[i] |= y[i] } }
                }
            }
            return a
        case .unary(.not, let x, _):
            guard cannotBeNull(x, t), var a = evaluate(x, t) else { return nil }
            a.withUnsafeMutableBufferPointer { x in for i in 0..<n { x[i] ^= 1 } }
            return a
        case .unary(.isNull, .column(let i, _), _), .unary(.isNotNull, .column(let i, _), _):
            let c = t.columns[i]
            var want = false
            if case .unary(.isNull, _, _) = p { want = true }
            return fill(n) { c.isNull($0) == want }
        case .binary(let op, .column(let i, _), .literal(let v, _), _) where op.isComparison:
            return compare(op, t.columns[i], v)
        case .binary(let op, .literal(let v, _), .column(let i, _), _) where op.isComparison:
            return compare(op.flipped, t.columns[i], v)
        case .binary(let op, .column(let i, _), .literal(.string(let s), _), _) where op.isStringTest:
            let c = t.columns[i]
            guard case .string(_, let dict) = c.data,
                  let test = try? StringTests.predicate(op, s, range: SourceRange(0, 0)) else { return nil }
            return byCode(c, dict.values.map(test))
        case .inList(.column(let i, _), let values, let negated):
            let c = t.columns[i]
            guard case .string(_, let dict) = c.data else { return nil }
            let wanted = Set(values.compactMap { if case .string(let s) = $0 { return ExactString(s) } else { return nil } })
            return byCode(c, dict.values.map { wanted.contains(ExactString($0)) != negated })
        default:
            return nil
        }
    }

    /// True when the expression can never be null for these rows (so `not` may flip its mask).
    private static func cannotBeNull(_ e: BoundExpr, _ t: Table) -> Bool {
        switch e {
        case .column(let i, _): return t.columns[i].validity == nil
        case .literal(let v, _): return !v.isNull
        case .binary(_, let l, let r, _): return cannotBeNull(l, t) && cannotBeNull(r, t)
        case .unary(.isNull, _, _), .unary(.isNotNull, _, _): return true
        case .unary(_, let x, _): return cannotBeNull(x, t)
        case .inList(let x, _, _): return cannotBeNull(x, t)
        case .call: return false
        }
    }

    /// `column op constant` for columns and constants of matching kinds; nil otherwise.
    private static func compare(_ op: BinaryOp, _ c: Column, _ v: Value) -> [UInt8]? {
        let n = c.count
        switch (c.data, v) {
        case (.string(_, let dict), .string(let s)):
            return byCode(c, dict.values.map { Comparison.test(op, ByteOrder.compare($0, s)) })
        case (.float64(let a), _):
            guard let x = v.asDouble else { return nil }
            return loop(a, c, n) { Comparison.test(op, $0 < x ? -1 : ($0 == x ? 0 : 1)) }
        case (.int64(let a), _):
            let x: Int64
            switch (c.type, v) {
            case (.int, .int(let k)), (.date, .date(let k)), (.datetime, .datetime(let k)), (.duration, .duration(let k)): x = k
            case (.datetime, .date(let d)): x = d * Temporal.microsPerDay
            default: return nil
            }
            return loop(a, c, n) { Comparison.test(op, $0 < x ? -1 : ($0 == x ? 0 : 1)) }
        case (.bool(let a), .bool(let b)):
            let x: Int = b ? 1 : 0
            return loop(a, c, n) { Comparison.test(op, ($0 ? 1 : 0) - x) }
        default:
            return nil
        }
    }

    /// A string column's mask from a per-code answer.
    private static func byCode(_ c: Column, _ hit: [Bool]) -> [UInt8]? {
        guard case .string(let codes, _) = c.data else { return nil }
        let table = hit.map { UInt8($0 ? 1 : 0) }
        var out = [UInt8](repeating: 0, count: codes.count)
        table.withUnsafeBufferPointer { h in
            codes.withUnsafeBufferPointer { k in
                out.withUnsafeMutableBufferPointer { o in
                    let dst = SharedBuffer(o.baseAddress!)
                    Parallel.run(Parallel.ranges(k.count)) { _, r in
                        for i in r { dst[i] = h[Int(k[i])] }
                    }
                }
            }
        }
        clearNulls(&out, c)
        return out
    }

    /// A mask from a per-value test over a typed buffer, in parallel.
    private static func loop<T>(_ a: [T], _ c: Column, _ n: Int, _ test: (T) -> Bool) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: n)
        a.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { o in
                let dst = SharedBuffer(o.baseAddress!)
                Parallel.run(Parallel.ranges(n)) { _, r in
                    for i in r { dst[i] = test(src[i]) ? 1 : 0 }
                }
            }
        }
        clearNulls(&out, c)
        return out
    }

    private static func fill(_ n: Int, _ test: (Int) -> Bool) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: n)
        for i in 0..<n where test(i) { out[i] = 1 }
        return out
    }

    /// Null rows are never true.
    private static func clearNulls(_ mask: inout [UInt8], _ c: Column) {
        guard let v = c.validity else { return }
        for i in 0..<mask.count where !v[i] { mask[i] = 0 }
    }

    /// The rows where the mask is set.
    static func selection(_ mask: [UInt8]) -> [Int] {
        var rows: [Int] = []
        rows.reserveCapacity(mask.count / 4)
        mask.withUnsafeBufferPointer { m in
            for i in 0..<m.count where m[i] != 0 { rows.append(i) }
        }
        return rows
    }
}

extension BinaryOp {
    /// The comparison with its operands swapped: `a < b` is `b > a`.
    var flipped: BinaryOp {
        switch self {
        case .lt: return .gt
        case .le: return .ge
        case .gt: return .lt
        case .ge: return .le
        default: return self
        }
    }
}
