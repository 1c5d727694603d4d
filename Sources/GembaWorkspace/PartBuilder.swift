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
    private var validity = Bitmap(count: 0, value: true)
    private var hasNull = false

    init(_ type: DataType) { self.type = type }

    /// Appends column `i` of the statement's current row; false when the value does not fit the type.
    mutating func append(_ s: OpaquePointer, _ i: Int32) -> Bool {
        let kind = sqlite3_column_type(s, i)
        if kind == SQLITE_NULL {
            hasNull = true
            validity.append(false)
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
                ints.append(sqlite3_column_int64(s, i)); ok = true
            } else if kind == SQLITE_FLOAT, case let d = sqlite3_column_double(s, i), d.rounded() == d, abs(d) < 9.2e18 {
                ints.append(Int64(d)); ok = true
            } else {
                ok = false
            }
        case .bool:
            ok = kind == SQLITE_INTEGER
            if ok { bools.append(sqlite3_column_int64(s, i) != 0) }
        case .float:
            if kind == SQLITE_INTEGER || kind == SQLITE_FLOAT {
                floats.append(sqlite3_column_double(s, i)); ok = true
            } else if kind == SQLITE_BLOB, sqlite3_column_bytes(s, i) == 8, let p = sqlite3_column_blob(s, i) {
                // A double's bits, big-endian (how gemba keeps -0.0).
                var bits: UInt64 = 0
                withUnsafeMutableBytes(of: &bits) { $0.copyMemory(from: UnsafeRawBufferPointer(start: p, count: 8)) }
                floats.append(Double(bitPattern: UInt64(bigEndian: bits))); ok = true
            } else if kind == SQLITE_TEXT, let v = text(s, i, { p in
                p.count == 3 && p[0] == 78 && p[1] == 97 && p[2] == 78 ? Double.nan : ByteParse.float(p, 0, p.count)
            }) {
                floats.append(v); ok = true
            } else {
                ok = false
            }
        case .date:
            if kind == SQLITE_TEXT, let d = text(s, i, { ByteParse.date($0, 0, $0.count) }) { ints.append(d); ok = true } else { ok = false }
        case .datetime:
            if kind == SQLITE_TEXT, let t = text(s, i, { ByteParse.datetimeOrDate($0, 0, $0.count) }) { ints.append(t); ok = true } else { ok = false }
        case .string:
            guard kind == SQLITE_TEXT || kind == SQLITE_INTEGER || kind == SQLITE_FLOAT else { return false }
            let n = Int(sqlite3_column_bytes(s, i))
            if let p = sqlite3_column_text(s, i) {
                codes.append(interner.code(UnsafeBufferPointer(start: p, count: n), 0, n))
            } else {
                codes.append(interner.code([]))
            }
            ok = true
        case .null:
            ok = false
        }
        if ok { validity.append(true) }
        return ok
    }

    /// Applies `parse` to the text bytes of column `i`.
    private func text<T>(_ s: OpaquePointer, _ i: Int32, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        let n = Int(sqlite3_column_bytes(s, i))
        guard let p = sqlite3_column_text(s, i) else { return nil }
        return parse(UnsafeBufferPointer(start: p, count: n))
    }

    /// The finished column.
    func build() -> Column {
        let v: Bitmap? = hasNull ? validity : nil
        switch type {
        case .float: return Column(type: type, data: .float64(floats), validity: v)
        case .bool: return Column(type: type, data: .bool(bools), validity: v)
        case .string: return Column(type: type, data: .string(codes, interner.build()), validity: v)
        default: return Column(type: type, data: .int64(ints), validity: v)
        }
    }
}
