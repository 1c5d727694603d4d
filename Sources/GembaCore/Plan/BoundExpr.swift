/// Binary operators after binding (the parser's spelling resolved to one meaning).
public enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", idiv = "//", mod = "%"
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case and, or
    case eqNoCase = "=~", neNoCase = "!~"
    case contains, notContains = "!contains", startswith, notStartswith = "!startswith"
    case endswith, notEndswith = "!endswith", matchesRegex = "matches regex"

    /// True for the six comparisons.
    public var isComparison: Bool { [.eq, .ne, .lt, .le, .gt, .ge].contains(self) }
    /// True for string tests (contains, startswith, ..., =~).
    public var isStringTest: Bool {
        [.eqNoCase, .neNoCase, .contains, .notContains, .startswith, .notStartswith, .endswith, .notEndswith, .matchesRegex].contains(self)
    }
}

/// Unary operators after binding.
public enum UnaryOp: String, Sendable {
    case negate = "-", not, isNull = "isnull", isNotNull = "isnotnull"
}

/// A typed expression whose names are resolved to column positions of its input.
public indirect enum BoundExpr: Sendable {
    /// The input's column at an index.
    case column(Int, DataType)
    /// A constant (its type may differ from the value's own when the value is null).
    case literal(Value, DataType)
    /// A unary operation.
    case unary(UnaryOp, BoundExpr, DataType)
    /// A binary operation.
    case binary(BinaryOp, BoundExpr, BoundExpr, DataType)
    /// `x in (...)` over constants.
    case inList(BoundExpr, [Value], negated: Bool)
    /// A scalar function call.
    case call(ScalarFunction, [BoundExpr], DataType)

    /// The expression's type.
    public var type: DataType {
        switch self {
        case .column(_, let t), .literal(_, let t), .unary(_, _, let t), .binary(_, _, _, let t), .call(_, _, let t): return t
        case .inList: return .bool
        }
    }

    /// The constant value when the expression is a literal.
    public var constant: Value? { if case .literal(let v, _) = self { return v } else { return nil } }
}
