/// The payload of a column: one contiguous typed buffer.
public enum ColumnData: Sendable {
    /// int, date (days), datetime (µs), duration (µs) and null columns.
    case int64([Int64])
    /// float columns.
    case float64([Double])
    /// bool columns.
    case bool([Bool])
    /// string columns: codes into a shared dictionary.
    case string([UInt32], StringDictionary)
}

/// A column of one type: a typed buffer plus a validity bitmap (nil when the column has no nulls).
///
/// A null slot's payload is zero (0, 0.0, false, code 0) so kernels may read it without branching.
public struct Column: Sendable {
    /// The column's type.
    public let type: DataType
    /// The values.
    public var data: ColumnData
    /// Which rows hold a value; nil means all do.
    public var validity: Bitmap?

    /// A column from its parts; `validity` is dropped when every bit is set.
    public init(type: DataType, data: ColumnData, validity: Bitmap? = nil) {
        self.type = type
        self.data = data
        if let v = validity, !v.allSet { self.validity = v } else { self.validity = nil }
    }

    /// The number of rows.
    public var count: Int {
        switch data {
        case .int64(let a): return a.count
        case .float64(let a): return a.count
        case .bool(let a): return a.count
        case .string(let a, _): return a.count
        }
    }

    /// True when row `i` is null.
    @inline(__always) public func isNull(_ i: Int) -> Bool {
        if let v = validity { return !v[i] }
        return false
    }

    /// The number of nulls.
    public var nullCount: Int { validity.map { $0.count - $0.setCount } ?? 0 }

    /// Row `i` as a `Value` (for display and tests, not for kernels).
    public func value(at i: Int) -> Value {
        if isNull(i) { return .null }
        switch data {
        case .int64(let a):
            switch type {
            case .date: return .date(a[i])
            case .datetime: return .datetime(a[i])
            case .duration: return .duration(a[i])
            case .null: return .null
            default: return .int(a[i])
            }
        case .float64(let a): return .float(a[i])
        case .bool(let a): return .bool(a[i])
        case .string(let codes, let dict): return .string(dict.values[Int(codes[i])])
        }
    }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Column {
        var validity: Bitmap? = nil
        if let v = self.validity {
            var out = Bitmap(count: indices.count, value: true)
            for (k, i) in indices.enumerated() where !v[i] { out[k] = false }
            validity = out
        }
        switch data {
        case .int64(let a): return Column(type: type, data: .int64(Self.gathered(a, indices)), validity: validity)
        case .float64(let a): return Column(type: type, data: .float64(Self.gathered(a, indices)), validity: validity)
        case .bool(let a): return Column(type: type, data: .bool(Self.gathered(a, indices)), validity: validity)
        case .string(let a, let d): return Column(type: type, data: .string(Self.gathered(a, indices), d), validity: validity)
        }
    }

    /// `a[i]` for each index, on all cores (a gather after a join or filter is millions of random reads).
    private static func gathered<T>(_ a: [T], _ indices: [Int]) -> [T] {
        a.withUnsafeBufferPointer { a in
            indices.withUnsafeBufferPointer { ix in
                Parallel.array(ix.count) { r, out in
                    for k in r { out[k] = a[ix[k]] }
                }
            }
        }
    }

    /// Rows `range` of this column.
    public func slice(_ range: Range<Int>) -> Column { gather(Array(range)) }

    /// `count` copies of `value`, typed as `type` (the value's own type unless it is null).
    public static func constant(_ value: Value, type: DataType? = nil, count: Int) -> Column {
        let t = type ?? value.type
        let validity: Bitmap? = value.isNull ? Bitmap(count: count, value: false) : nil
        switch (t, value) {
        case (.float, .float(let v)): return Column(type: t, data: .float64(Array(repeating: v, count: count)))
        case (.float, .int(let v)): return Column(type: t, data: .float64(Array(repeating: Double(v), count: count)))
        case (.float, _): return Column(type: t, data: .float64(Array(repeating: 0, count: count)), validity: validity)
        case (.bool, .bool(let v)): return Column(type: t, data: .bool(Array(repeating: v, count: count)))
        case (.bool, _): return Column(type: t, data: .bool(Array(repeating: false, count: count)), validity: validity)
        case (.string, .string(let v)): return Column(type: t, data: .string(Array(repeating: 0, count: count), StringDictionary([v])))
        case (.string, _): return Column(type: t, data: .string(Array(repeating: 0, count: count), StringDictionary([""])), validity: validity)
        case (_, .int(let v)), (_, .date(let v)), (_, .datetime(let v)), (_, .duration(let v)):
            return Column(type: t, data: .int64(Array(repeating: v, count: count)))
        default:
            return Column(type: t, data: .int64(Array(repeating: 0, count: count)), validity: Bitmap(count: count, value: false))
        }
    }
}
