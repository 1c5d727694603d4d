/// The result type of each operator for each pair of operand types (LANGUAGE.md, Types).
enum TypeRules {
    /// The type of `l op r`, or nil when the operator does not apply to these types.
    static func binary(_ op: BinaryOp, _ l: DataType, _ r: DataType) -> DataType? {
        switch op {
        case .and, .or:
            return (l == .bool || l == .null) && (r == .bool || r == .null) ? .bool : nil
        case .eq, .ne, .lt, .le, .gt, .ge:
            return comparable(l, r) ? .bool : nil
        case .eqNoCase, .neNoCase, .contains, .notContains, .startswith, .notStartswith, .endswith, .notEndswith, .matchesRegex:
            return (l == .string || l == .null) && (r == .string || r == .null) ? .bool : nil
        case .add, .sub, .mul, .div, .idiv, .mod:
            return arithmetic(op, l, r)
        }
    }

    /// True when values of these types can be compared.
    static func comparable(_ l: DataType, _ r: DataType) -> Bool {
        DataType.common(l, r) != nil
    }

    private static func arithmetic(_ op: BinaryOp, _ l: DataType, _ r: DataType) -> DataType? {
        if l == .null && r == .null { return .null }
        // A null operand takes the other side's type where that side alone makes sense.
        let l2 = l == .null ? (r == .date || r == .datetime ? .duration : r) : l
        let r2 = r == .null ? (l == .date || l == .datetime ? .duration : l) : r
        switch (op, l2, r2) {
        case (.add, .int, .int), (.sub, .int, .int), (.mul, .int, .int), (.idiv, .int, .int), (.mod, .int, .int): return .int
        case (.div, .int, .int): return .float
        case (_, _, _) where l2.isNumeric && r2.isNumeric: return .float
        case (.add, .duration, .duration), (.sub, .duration, .duration): return .duration
        case (.add, .datetime, .duration), (.add, .duration, .datetime), (.sub, .datetime, .duration): return .datetime
        case (.add, .date, .duration), (.add, .duration, .date), (.sub, .date, .duration): return .date
        case (.sub, .date, .date), (.sub, .datetime, .datetime), (.sub, .date, .datetime), (.sub, .datetime, .date): return .duration
        case (.mul, .duration, _) where r2.isNumeric: return .duration
        case (.mul, _, .duration) where l2.isNumeric: return .duration
        case (.div, .duration, _) where r2.isNumeric: return .duration
        case (.div, .duration, .duration): return .float
        case (.mod, .duration, .duration): return .duration
        default: return nil
        }
    }
}
