/// The aggregate functions of `summarize`.
public enum AggregateFunction: String, Sendable, CaseIterable {
    case count, countif, sum, avg, min, max, dcount
    case stdev, variance, median, percentile, percentiles, percentileLinear = "percentile_linear"
    case argMax = "arg_max", argMin = "arg_min", first, last, makeList = "make_list"
    /// `sle(cycletime, p)`: the service level expectation, the nearest-rank p-th percentile (the binder
    /// turns it into `percentile`).
    case sle

    /// The result type for argument types `args`, or a message saying what was expected.
    /// (`percentiles` is expanded by the binder into one `percentile` per rank.)
    public func resultType(_ args: [DataType]) -> Result<DataType, FunctionError> {
        let name = rawValue
        func need(_ n: Int) -> FunctionError? { args.count == n ? nil : .arity(name, String(n)) }
        func numeric(_ i: Int) -> Bool { args[i].isNumeric || args[i] == .null || args[i] == .bool }
        switch self {
        case .count:
            return args.count <= 1 ? .success(.int) : .failure(.arity(name, "0 or 1"))
        case .countif:
            if let e = need(1) { return .failure(e) }
            return args[0] == .bool || args[0] == .null ? .success(.int) : .failure(.argument(name, 1, "bool", args[0]))
        case .dcount:
            return need(1).map { .failure($0) } ?? .success(.int)
        case .sum:
            if let e = need(1) { return .failure(e) }
            switch args[0] {
            case .int, .null, .bool: return .success(.int)
            case .float: return .success(.float)
            case .duration: return .success(.duration)
            default: return .failure(.argument(name, 1, "a number or duration", args[0]))
            }
        case .avg, .median:
            if let e = need(1) { return .failure(e) }
            if args[0] == .duration { return .success(.duration) }
            return numeric(0) ? .success(.float) : .failure(.argument(name, 1, "a number or duration", args[0]))
        case .stdev, .variance:
            if let e = need(1) { return .failure(e) }
            return numeric(0) ? .success(.float) : .failure(.argument(name, 1, "a number", args[0]))
        case .min, .max, .first, .last:
            return need(1).map { .failure($0) } ?? .success(args[0] == .null ? .int : args[0])
        case .percentile, .percentiles, .sle:
            if let e = need(2) { return .failure(e) }
            guard args[0] != .string, args[0] != .bool else { return .failure(.argument(self == .sle ? name : "percentile", 1, "a number, date, datetime or duration", args[0])) }
            guard args[1].isNumeric else { return .failure(.argument(self == .sle ? name : "percentile", 2, "a number from 0 to 100", args[1])) }
            return .success(args[0] == .null ? .int : args[0])
        case .percentileLinear:
            if let e = need(2) { return .failure(e) }
            guard args[1].isNumeric else { return .failure(.argument(name, 2, "a number from 0 to 100", args[1])) }
            if args[0] == .duration { return .success(.duration) }
            return numeric(0) ? .success(.float) : .failure(.argument(name, 1, "a number or duration", args[0]))
        case .argMax, .argMin:
            return need(2).map { .failure($0) } ?? .success(args[1] == .null ? .int : args[1])
        case .makeList:
            return need(1).map { .failure($0) } ?? .success(.string)
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
