/// The aggregate functions of `summarize`.
public enum AggregateFunction: String, Sendable, CaseIterable {
    case count, countif, sum, avg, min, max, dcount

    /// The result type for argument types `args`, or a message saying what was expected.
    public func resultType(_ args: [DataType]) -> Result<DataType, FunctionError> {
        switch self {
        case .count:
            return args.isEmpty || args.count == 1 ? .success(.int) : .failure(.arity("count", "0 or 1"))
        case .countif:
            guard args.count == 1 else { return .failure(.arity("countif", "1")) }
            return args[0] == .bool || args[0] == .null ? .success(.int) : .failure(.argument("countif", 1, "bool", args[0]))
        case .dcount:
            return args.count == 1 ? .success(.int) : .failure(.arity("dcount", "1"))
        case .sum:
            guard args.count == 1 else { return .failure(.arity("sum", "1")) }
            switch args[0] {
            case .int, .null: return .success(.int)
            case .float: return .success(.float)
            case .duration: return .success(.duration)
            case .bool: return .success(.int)
            default: return .failure(.argument("sum", 1, "a number or duration", args[0]))
            }
        case .avg:
            guard args.count == 1 else { return .failure(.arity("avg", "1")) }
            switch args[0] {
            case .int, .float, .bool, .null: return .success(.float)
            case .duration: return .success(.duration)
            default: return .failure(.argument("avg", 1, "a number or duration", args[0]))
            }
        case .min, .max:
            guard args.count == 1 else { return .failure(.arity(rawValue, "1")) }
            return .success(args[0])
        }
    }
}

/// Why a function call does not bind.
public enum FunctionError: Error, Sendable {
    /// Wrong number of arguments: function name and what it takes.
    case arity(String, String)
    /// Argument `position` (1-based) has the wrong type.
    case argument(String, Int, String, DataType)
    /// Some other rule, as a message.
    case other(String)

    /// The message shown to the user.
    public var message: String {
        switch self {
        case .arity(let f, let n): return "\(f)() takes \(n) argument\(n == "1" ? "" : "s")"
        case .argument(let f, let i, let want, let got): return "\(f)() argument \(i) must be \(want), not \(got.rawValue)"
        case .other(let m): return m
        }
    }
}
