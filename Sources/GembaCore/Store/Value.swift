/// One value of any type: used for literals, constants and for showing a cell, never in a column or a
/// kernel's inner loop.
public enum Value: Sendable, Hashable {
    case null
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int64)
    /// Microseconds since the epoch, UTC.
    case datetime(Int64)
    /// Microseconds.
    case duration(Int64)

    /// The value's type (`null` for null).
    public var type: DataType {
        switch self {
        case .null: return .null
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .string: return .string
        case .date: return .date
        case .datetime: return .datetime
        case .duration: return .duration
        }
    }

    /// True for null.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The value as text the way every output format writes it (null as `null`).
    public var text: String {
        switch self {
        case .null: return "null"
        case .int(let v): return String(v)
        case .float(let v): return Value.formatFloat(v)
        case .bool(let v): return v ? "true" : "false"
        case .string(let v): return v
        case .date(let v): return Temporal.formatDate(v)
        case .datetime(let v): return Temporal.formatDatetime(v)
        case .duration(let v): return Temporal.formatDuration(v)
        }
    }

    /// Shortest text that reads back as the same double; integral values keep no `.0` only when huge.
    public static func formatFloat(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        return "\(v)"
    }
}
