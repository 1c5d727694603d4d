/// The types a gemba value can have.
///
/// `null` is the type of the bare `null` literal; a column of it holds only nulls.
public enum DataType: String, Sendable, Hashable, CaseIterable {
    case int, float, bool, string, date, datetime, duration, null

    /// True for `int` and `float`.
    public var isNumeric: Bool { self == .int || self == .float }

    /// True for types whose payload is stored as `Int64` (int, date, datetime, duration, null).
    public var isInt64Backed: Bool {
        switch self {
        case .int, .date, .datetime, .duration, .null: return true
        default: return false
        }
    }

    /// Parses a type name as written in `datatable(a:int)` or `--types col:type`.
    public init?(name: String) {
        switch name.lowercased() {
        case "int", "long", "int64", "integer": self = .int
        case "float", "real", "double", "decimal": self = .float
        case "bool", "boolean": self = .bool
        case "string", "text": self = .string
        case "date": self = .date
        case "datetime", "timestamp": self = .datetime
        case "duration", "timespan": self = .duration
        default: return nil
        }
    }
}
