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
            return loop(values, c, IsTrue())
        case .binary(.and, .binary(.ge, .column(let i, _), .literal(let lo, _), _),
                     .binary(.le, .column(let j, _), .literal(let hi, _), _), _) where i == j:
            // `between`: one pass instead of two masks and-ed.
            if let mask = range(t.columns[i], lo, hi) { return mask }
            guard var a = compare(.ge, t.columns[i], lo), let b = compare(.le, t.columns[i], hi) else { return nil }
            and(&a, b)
            return a
        case .binary(.and, let l, let r, _), .binary(.or, let l, let r, _):
            guard var a = evaluate(l, t), let b = evaluate(r, t) else { return nil }
            let isAnd: Bool
            if case .binary(.and, _, _, _) = p { isAnd = true } else { isAnd = false }
            if isAnd { and(&a, b) } else { or(&a, b) }
            return a
        case .unary(.not, let x, _):
            guard cannotBeNull(x, t), var a = evaluate(x, t) else { return nil }
            combine(&a, a, Flip())
            return a
        case .unary(.isNull, .column(let i, _), _), .unary(.isNotNull, .column(let i, _), _):
            let c = t.columns[i]
            var want = false
            if case .unary(.isNull, _, _) = p { want = true }
            if c.validity == nil { return [UInt8](repeating: want ? 0 : 1, count: n) }
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
        switch (c.data, v) {
        case (.string(_, let dict), .string(let s)):
            return byCode(c, dict.values.map { Comparison.test(op, ByteOrder.compare($0, s)) })
        case (.float64(let a), _):
            guard let x = v.asDouble else { return nil }
            if x.isNaN { return nanOrdered(op, a, c) }
            return ordered(op, a, c, x)
        case (.int64(let a), _):
            let x: Int64
            switch (c.type, v) {
            case (.int, .int(let k)), (.date, .date(let k)), (.datetime, .datetime(let k)), (.duration, .duration(let k)): x = k
            case (.datetime, .date(let d)): x = d * Temporal.microsPerDay
            default: return nil
            }
            return ordered(op, a, c, x)
        case (.bool(let a), .bool(let b)):
            // false < true.
            return ordered(op, a.map { $0 ? 1 as UInt8 : 0 }, c, b ? 1 : 0)
        default:
            return nil
        }
    }

    /// `value op x`, with the operator chosen once rather than per row. For a number `x`, `<` and `==`
    /// alone put a NaN value above it, as `Comparison.order` does.
    private static func ordered<T: Comparable>(_ op: BinaryOp, _ a: [T], _ c: Column, _ x: T) -> [UInt8] {
        switch op {
        case .eq: return loop(a, c, Equal(x: x))
        case .ne: return loop(a, c, Not(Equal(x: x)))
        case .lt: return loop(a, c, Less(x: x))
        case .le: return loop(a, c, LessOrEqual(x: x))
        case .gt: return loop(a, c, Not(LessOrEqual(x: x)))
        default: return loop(a, c, Not(Less(x: x)))
        }
    }

    /// `value op NaN`: NaN is above every number and equal to itself (`Comparison.order`).
    private static func nanOrdered(_ op: BinaryOp, _ a: [Double], _ c: Column) -> [UInt8] {
        switch op {
        case .eq, .ge: return loop(a, c, IsNaN())
        case .ne, .lt: return loop(a, c, Not(IsNaN()))
        case .le: return loop(a, c, Always())
        default: return loop(a, c, Not(Always()))
        }
    }

    /// `lo <= value <= hi` in one pass, for int-backed columns (dates, times, ints) with constants of
    /// the column's own kind; nil otherwise.
    private static func range(_ c: Column, _ lo: Value, _ hi: Value) -> [UInt8]? {
        guard case .int64(let a) = c.data else { return nil }
        func bound(_ v: Value) -> Int64? {
            switch (c.type, v) {
            case (.int, .int(let k)), (.date, .date(let k)), (.datetime, .datetime(let k)), (.duration, .duration(let k)): return k
            default: return nil
            }
        }
        guard let l = bound(lo), let h = bound(hi) else { return nil }
        return loop(a, c, Within(lo: l, hi: h))
    }

    private static func and(_ a: inout [UInt8], _ b: [UInt8]) { combine(&a, b, And()) }
    private static func or(_ a: inout [UInt8], _ b: [UInt8]) { combine(&a, b, Or()) }

    /// `a[i] = f(a[i], b[i])` on all cores.
    private static func combine<F: ByteCombine>(_ a: inout [UInt8], _ b: [UInt8], _ f: F) {
        let n = min(a.count, b.count)
        a.withUnsafeMutableBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                guard let base = x.baseAddress else { return }
                let dst = SharedBuffer(base)
                Parallel.run(Parallel.ranges(n)) { _, r in
                    for i in r { dst[i] = f(dst[i], y[i]) }
                }
            }
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
                    guard let base = o.baseAddress else { return }
                    let dst = SharedBuffer(base)
                    Parallel.run(Parallel.ranges(k.count)) { _, r in
                        for i in r { dst[i] = h[Int(k[i])] }
                    }
                }
            }
        }
        clearNulls(&out, c)
        return out
    }

    /// A mask from a per-value test over a typed buffer, in parallel. The test is a type, not a
    /// closure, so each test gets its own loop with the comparison inlined.
    private static func loop<Test: ValueTest>(_ a: [Test.Value], _ c: Column, _ test: Test) -> [UInt8] {
        let n = a.count
        var out = [UInt8](repeating: 0, count: n)
        a.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { o in
                guard let base = o.baseAddress else { return }
                let dst = SharedBuffer(base)
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

    /// The rows where the mask is set, found on all cores.
    static func selection(_ mask: [UInt8]) -> [Int] {
        mask.withUnsafeBufferPointer { m in
            let ranges = Parallel.ranges(m.count)
            // The kept rows of each range, so that each range writes straight to its place in one array
            // of the exact size (no per-range arrays as long as the table, no copy to join them).
            let kept = Parallel.map(ranges) { _, r -> Int in
                var n = 0
                for i in r { n &+= Int(m[i] & 1) }
                return n
            }
            var offsets = [0]
            for n in kept { offsets.append(offsets[offsets.count - 1] + n) }
            let total = offsets[ranges.count]
            return [Int](unsafeUninitializedCapacity: total) { out, initialized in
                initialized = 0
                guard let base = out.baseAddress else { return }
                let target = SharedBuffer(base)
                Parallel.run(ranges) { w, r in
                    // Without a branch on the mask (a filter's outcome is unpredictable): every row is
                    // written, and the end moves on only past the kept ones. Past this range's last kept
                    // row the next write would land in the next range's place, so stop there.
                    var k = offsets[w]
                    let end = offsets[w + 1]
                    for i in r {
                        if k == end { break }
                        target[k] = i
                        k &+= Int(m[i] & 1)
                    }
                }
                initialized = total
            }
        }
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

extension PredicateMask {
    /// A test of one value, as a type so that generic loops specialise on it.
    protocol ValueTest {
        associatedtype Value
        func callAsFunction(_ v: Value) -> Bool
    }

    struct IsTrue: ValueTest { @inline(__always) func callAsFunction(_ v: Bool) -> Bool { v } }
    struct Equal<T: Comparable>: ValueTest { let x: T; @inline(__always) func callAsFunction(_ v: T) -> Bool { v == x } }
    struct Less<T: Comparable>: ValueTest { let x: T; @inline(__always) func callAsFunction(_ v: T) -> Bool { v < x } }
    struct LessOrEqual<T: Comparable>: ValueTest { let x: T; @inline(__always) func callAsFunction(_ v: T) -> Bool { v < x || v == x } }
    struct IsNaN: ValueTest { @inline(__always) func callAsFunction(_ v: Double) -> Bool { v.isNaN } }
    struct Always: ValueTest { @inline(__always) func callAsFunction(_: Double) -> Bool { true } }
    struct Within: ValueTest { let lo, hi: Int64; @inline(__always) func callAsFunction(_ v: Int64) -> Bool { v >= lo && v <= hi } }
    struct Not<Test: ValueTest>: ValueTest {
        let test: Test
        init(_ test: Test) { self.test = test }
        @inline(__always) func callAsFunction(_ v: Test.Value) -> Bool { !test(v) }
    }

    /// Two mask bytes to one.
    protocol ByteCombine { func callAsFunction(_ a: UInt8, _ b: UInt8) -> UInt8 }
    struct And: ByteCombine { @inline(__always) func callAsFunction(_ a: UInt8, _ b: UInt8) -> UInt8 { a & b } }
    struct Or: ByteCombine { @inline(__always) func callAsFunction(_ a: UInt8, _ b: UInt8) -> UInt8 { a | b } }
    /// Flips the first (`not` of a mask that has no nulls).
    struct Flip: ByteCombine { @inline(__always) func callAsFunction(_ a: UInt8, _: UInt8) -> UInt8 { a ^ 1 } }
}
