/// One CSV column as it grows chunk by chunk, in file order: its kind so far (or its given type), its
/// values stored as that type, its nulls, and the first value that failed to parse.
final class CSVColumnAccumulator {
    /// The column's type when given (`--types`); nil when inferred.
    let fixed: DataType?
    /// An inferred column's kind so far: the join of all its values' kinds.
    private(set) var kind: InferredKind = .none
    private(set) var rows = 0
    /// Rows to make room for when storage starts (an estimate of the file's row count).
    var expectedRows = 0
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var bools: [Bool] = []
    private var codes: [UInt32] = []
    private(set) var strings = CSVInterner()
    /// True when an int came from `-0` (so converting the ints to floats would lose a sign).
    private var negativeZero = false
    /// True once there is a null.
    private var hasNull = false
    /// Validity words when `hasNull`; bits at and past `rows` are set.
    private var validity: [UInt64] = []
    /// The first value (in file order) that does not parse as the column's type.
    private(set) var error: FieldSpan? = nil

    init(fixed: DataType?) { self.fixed = fixed }

    /// The column's type.
    var type: DataType { fixed ?? kind.dataType }

    /// How values are stored.
    private enum Layout { case none, int64, float64, bool, string }

    private var layout: Layout {
        if fixed == nil, kind == .none { return .none }
        switch type {
        case .int, .date, .datetime, .duration: return .int64
        case .float: return .float64
        case .bool: return .bool
        case .string, .null: return .string
        }
    }

    /// What a chunk does with this column's fields.
    var action: CSVFieldAction { fixed.map { CSVFieldAction.fixed($0) } ?? .inferring(kind) }

    /// The action of a chunk re-reading this column's fields as its current type.
    var rereadAction: CSVFieldAction { .fixed(type) }

    /// The string codes so far, for chunks to look up in (nil unless a string column).
    var snapshot: CSVInterner.Snapshot? { layout == .string ? strings.snapshot : nil }

    /// Widens an inferred column to `new` (the join of its kind and others), converting its values
    /// when that is exact; false when they must be read again (`reset`).
    func widen(to new: InferredKind) -> Bool {
        let old = kind
        guard new != old else { return true }
        switch (old, new) {
        case (.none, _):
            kind = new
            startStorage()
            switch layout {
            case .none: break
            case .int64: ints.append(contentsOf: repeatElement(0, count: rows))
            case .float64: floats.append(contentsOf: repeatElement(0, count: rows))
            case .bool: bools.append(contentsOf: repeatElement(false, count: rows))
            case .string: codes.append(contentsOf: repeatElement(0, count: rows))
            }
            return true
        case (.int, .float):
            guard !negativeZero else { return false }
            var out: [Double] = []
            out.reserveCapacity(max(ints.capacity, rows))
            for v in ints { out.append(Double(v)) }
            floats = out
            ints = []
            kind = new
            return true
        case (.date, .datetime):
            let limit = Int64.max / Temporal.microsPerDay
            guard !ints.contains(where: { $0 > limit || $0 < -limit }) else { return false }
            for k in ints.indices { ints[k] &*= Temporal.microsPerDay }
            kind = new
            return true
        default:
            return false
        }
    }

    /// Forgets every value, to read them again as `kind`.
    func reset(to kind: InferredKind) {
        self.kind = kind
        ints = []; floats = []; bools = []; codes = []
        strings = CSVInterner()
        negativeZero = false
        hasNull = false
        validity = []
        error = nil
        rows = 0
        startStorage()
    }

    private func startStorage() {
        let n = max(expectedRows, rows)
        switch layout {
        case .none: break
        case .int64: ints.reserveCapacity(n)
        case .float64: floats.reserveCapacity(n)
        case .bool: bools.reserveCapacity(n)
        case .string: codes.reserveCapacity(n)
        }
    }

    /// Makes room for `guess` rows when the storage has less than `needed`.
    func reserve(needed: Int, guess: Int) {
        let total = max(needed, guess)
        switch layout {
        case .none: break
        case .int64: if ints.capacity < needed { ints.reserveCapacity(total) }
        case .float64: if floats.capacity < needed { floats.reserveCapacity(total) }
        case .bool: if bools.capacity < needed { bools.reserveCapacity(total) }
        case .string: if codes.capacity < needed { codes.reserveCapacity(total) }
        }
        if hasNull, validity.capacity < (needed + 63) >> 6 { validity.reserveCapacity((total + 63) >> 6) }
    }

    /// True when a chunk's slots of this column (`rows` of them) can be appended as they are or
    /// converted exactly; false when the chunk must read the column again as `type`.
    func canTake(_ c: CSVChunkColumn, rows: Int) -> Bool {
        if fixed != nil { return true }
        if c.stale { return false }
        if c.kind == kind || c.kind == .none { return true }
        switch (c.kind, kind) {
        case (.int, .float): return !c.negativeZero
        case (.date, .datetime):
            let limit = Int64.max / Temporal.microsPerDay
            for r in 0..<rows {
                let v = c.int(r)
                if v > limit || v < -limit { return false }
            }
            return true
        default: return false
        }
    }

    /// Appends a chunk's `count` rows of this column (which `canTake` accepted).
    func append(_ c: CSVChunkColumn, rows count: Int) {
        let src = c.data
        switch layout {
        case .none:
            break
        case .int64:
            if fixed == nil, c.kind == .date, kind == .datetime {
                var out = take(&ints)
                for r in 0..<count { out.append(c.int(r) &* Temporal.microsPerDay) }
                ints = out
            } else {
                Self.appendRaw(&ints, src, count, zero: 0)
            }
        case .float64:
            if fixed == nil, c.kind == .int {
                var out = take(&floats)
                for r in 0..<count { out.append(Double(c.int(r))) }
                floats = out
            } else {
                Self.appendRaw(&floats, src, count, zero: 0)
            }
        case .bool:
            var out = take(&bools)
            for r in 0..<count { out.append(c.bits(r) != 0) }
            bools = out
        case .string:
            let local = c.local
            let remap = (0..<local.count).map { strings.code(ofValue: $0, in: local) }
            var out = take(&codes)
            remap.withUnsafeBufferPointer { m in
                for r in 0..<count {
                    let v = c.bits(r)
                    out.append(v >> 32 != 0 ? m[Int(truncatingIfNeeded: v & 0xFFFF_FFFF)] : UInt32(truncatingIfNeeded: v))
                }
            }
            codes = out
        }
        let total = rows + count
        if !c.nulls.isEmpty, !hasNull {
            hasNull = true
            validity = [UInt64](repeating: ~0, count: (rows + 63) >> 6)
            validity.reserveCapacity((max(expectedRows, total) + 63) >> 6)
        }
        if hasNull {
            var v = take(&validity)
            let words = (total + 63) >> 6
            if v.count < words { v.append(contentsOf: repeatElement(~0, count: words - v.count)) }
            for r in c.nulls {
                let i = rows + r
                v[i >> 6] &= ~(1 << UInt64(i & 63))
            }
            validity = v
        }
        if c.negativeZero, c.kind == .int || fixed == .int { negativeZero = true }
        if error == nil, let e = c.error { error = e }
        rows = total
    }

    /// Moves an array out of a property, so a loop appends to it without sharing it.
    @inline(__always)
    private func take<T>(_ array: inout [T]) -> [T] {
        var out: [T] = []
        swap(&out, &array)
        return out
    }

    /// Appends `count` 8-byte slots to `array` as they are.
    private static func appendRaw<T>(_ array: inout [T], _ src: UnsafeMutableRawPointer, _ count: Int, zero: T) {
        guard count > 0 else { return }
        let old = array.count
        array.append(contentsOf: repeatElement(zero, count: count))
        array.withUnsafeMutableBytes { dst in
            UnsafeMutableRawBufferPointer(rebasing: dst[(old * 8)..<((old + count) * 8)])
                .copyMemory(from: UnsafeRawBufferPointer(start: src, count: count * 8))
        }
    }

    /// The finished column.
    func column() -> Column {
        var bitmap: Bitmap? = nil
        if hasNull {
            var words = validity
            words.removeLast(max(0, words.count - ((rows + 63) >> 6)))
            if rows & 63 != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(rows & 63)) - 1 }
            var b = Bitmap(count: rows, value: true)
            b.withUnsafeMutableWords { $0 = words }
            bitmap = b
        }
        let t = type
        switch layout {
        case .none: return Column(type: t, data: .string([UInt32](repeating: 0, count: rows), strings.build()), validity: bitmap)
        case .int64: return Column(type: t, data: .int64(ints), validity: bitmap)
        case .float64: return Column(type: t, data: .float64(floats), validity: bitmap)
        case .bool: return Column(type: t, data: .bool(bools), validity: bitmap)
        case .string: return Column(type: t, data: .string(codes, strings.build()), validity: bitmap)
        }
    }
}
