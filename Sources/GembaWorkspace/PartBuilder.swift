import CSQLite
import GembaCore

/// Builds one column from SQLite result values without making a `String` or `Value` per row: integers
/// and doubles are copied, text is parsed (dates) or interned (strings) from its bytes.
struct PartBuilder {
    let type: DataType
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var bools: [Bool] = []
    private var codes: [UInt32] = []
    private var interner = ByteStringInterner()
    /// The rows that are null (few, usually): the validity bitmap is made from them at the end.
    private var nullRows: [Int] = []
    private var count = 0

    /// A builder with room for `capacity` rows.
    init(_ type: DataType, capacity: Int = 0) {
        self.type = type
        switch type {
        case .float: floats.reserveCapacity(capacity)
        case .bool: bools.reserveCapacity(capacity)
        case .string: codes.reserveCapacity(capacity)
        default: ints.reserveCapacity(capacity)
        }
    }

    /// Appends column `i` of the statement's current row; false when the value does not fit the type.
    mutating func append(_ statement: OpaquePointer, _ i: Int32) -> Bool {
        // One column call, then value calls: each sqlite3_column_* call pays for error bookkeeping,
        // and three of them per value cost about a fifth of opening a 10M-row workspace. The value
        // is used on this thread only, before the next step.
        guard let s = sqlite3_column_value(statement, i) else { return false }
        let kind = sqlite3_value_type(s)
        if kind == SQLITE_NULL {
            nullRows.append(count)
            count += 1
            switch type {
            case .float: floats.append(0)
            case .bool: bools.append(false)
            case .string: codes.append(0)
            default: ints.append(0)
            }
            return true
        }
        let ok: Bool
        switch type {
        case .int, .duration:
            if kind == SQLITE_INTEGER {
                ints.append(sqlite3_value_int64(s)); ok = true
            } else if kind == SQLITE_FLOAT, case let d = sqlite3_value_double(s), d.rounded() == d, abs(d) < 9.2e18 {
                ints.append(Int64(d)); ok = true
            } else {
                ok = false
            }
        case .bool:
            ok = kind == SQLITE_INTEGER
            if ok { bools.append(sqlite3_value_int64(s) != 0) }
        case .float:
            if kind == SQLITE_INTEGER || kind == SQLITE_FLOAT {
                floats.append(sqlite3_value_double(s)); ok = true
            } else if kind == SQLITE_BLOB, let p = sqlite3_value_blob(s), sqlite3_value_bytes(s) == 8 {
                // A double's bits, big-endian (how gemba keeps -0.0).
                var bits: UInt64 = 0
                withUnsafeMutableBytes(of: &bits) { $0.copyMemory(from: UnsafeRawBufferPointer(start: p, count: 8)) }
                floats.append(Double(bitPattern: UInt64(bigEndian: bits))); ok = true
            } else if kind == SQLITE_TEXT, let v = text(s, { p in
                p.count == 3 && p[0] == 78 && p[1] == 97 && p[2] == 78 ? Double.nan : ByteParse.float(p, 0, p.count)
            }) {
                floats.append(v); ok = true
            } else {
                ok = false
            }
        case .date:
            if kind == SQLITE_TEXT, let d = text(s, { ByteParse.date($0, 0, $0.count) }) { ints.append(d); ok = true } else { ok = false }
        case .datetime:
            if kind == SQLITE_TEXT, let t = text(s, { ByteParse.datetimeOrDate($0, 0, $0.count) }) { ints.append(t); ok = true } else { ok = false }
        case .string:
            guard kind == SQLITE_TEXT || kind == SQLITE_INTEGER || kind == SQLITE_FLOAT else { return false }
            if let p = sqlite3_value_text(s) {
                let n = Int(sqlite3_value_bytes(s))
                codes.append(interner.code(UnsafeBufferPointer(start: p, count: n), 0, n))
            } else {
                codes.append(interner.code([]))
            }
            ok = true
        case .null:
            ok = false
        }
        if ok { count += 1 }
        return ok
    }

    /// Applies `parse` to the text bytes of value `s`.
    private func text<T>(_ s: OpaquePointer, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard let p = sqlite3_value_text(s) else { return nil }
        let n = Int(sqlite3_value_bytes(s))
        return parse(UnsafeBufferPointer(start: p, count: n))
    }

    /// The finished column.
    func build() -> Column {
        var v: Bitmap? = nil
        if !nullRows.isEmpty {
            var b = Bitmap(count: count, value: true)
            for r in nullRows { b[r] = false }
            v = b
        }
        switch type {
        case .float: return Column(type: type, data: .float64(floats), validity: v)
        case .bool: return Column(type: type, data: .bool(bools), validity: v)
        case .string: return Column(type: type, data: .string(codes, interner.build()), validity: v)
        default: return Column(type: type, data: .int64(ints), validity: v)
        }
    }
}
