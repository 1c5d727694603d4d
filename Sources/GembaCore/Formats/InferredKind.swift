/// What one text value looks like, and what a column of such values becomes (CSV type inference).
///
/// Values are classified as int, float, bool, date, datetime or string by `ByteParse`'s grammar; a
/// column's kind is the join of its values' kinds: int and float give float, date and datetime give
/// datetime, any other mix gives string, and a column with no values is string.
enum InferredKind: UInt8 {
    case none, int, float, bool, date, datetime, string

    /// The kind of the text `p[start..<end]` (not empty).
    @inline(__always)
    static func classify(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> InferredKind {
        let c = p[start]
        if ByteParse.isDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") {
            if ByteParse.isIntSyntax(p, start, end) {
                return ByteParse.int(p, start, end) != nil ? .int : .float
            }
            if ByteParse.float(p, start, end) != nil { return .float }
            if ByteParse.date(p, start, end) != nil { return .date }
            if ByteParse.datetime(p, start, end) != nil { return .datetime }
            return .string
        }
        let lower = c | 0x20
        if lower == UInt8(ascii: "t") || lower == UInt8(ascii: "f") {
            return ByteParse.bool(p, start, end) != nil ? .bool : .string
        }
        return .string
    }

    /// The kind of a column holding values of kinds `self` and `other`.
    @inline(__always)
    func joined(with other: InferredKind) -> InferredKind {
        if self == other || other == .none { return self }
        if self == .none { return other }
        switch (self, other) {
        case (.int, .float), (.float, .int): return .float
        case (.date, .datetime), (.datetime, .date): return .datetime
        default: return .string
        }
    }

    /// The column type of this kind (string for none).
    var dataType: DataType {
        switch self {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .date: return .date
        case .datetime: return .datetime
        case .none, .string: return .string
        }
    }
}
