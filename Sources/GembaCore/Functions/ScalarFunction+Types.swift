extension ScalarFunction {
    /// The result type for argument types `args`, or why they do not fit.
    public func resultType(_ args: [DataType]) -> Result<DataType, FunctionError> {
        let name = rawValue
        func arity(_ range: ClosedRange<Int>) -> FunctionError? {
            guard !range.contains(args.count) else { return nil }
            let n = range.lowerBound == range.upperBound ? String(range.lowerBound) : "\(range.lowerBound) to \(range.upperBound)"
            return .arity(name, n)
        }
        func check(_ i: Int, _ want: String, _ ok: (DataType) -> Bool) -> FunctionError? {
            i < args.count && !ok(args[i]) && args[i] != .null ? .argument(name, i + 1, want, args[i]) : nil
        }
        let isString: (DataType) -> Bool = { $0 == .string }
        let isInt: (DataType) -> Bool = { $0 == .int }
        let isNumber: (DataType) -> Bool = { $0.isNumeric }
        let isTime: (DataType) -> Bool = { $0 == .date || $0 == .datetime }
        let isDuration: (DataType) -> Bool = { $0 == .duration }
        func result(_ t: DataType, _ errors: FunctionError?...) -> Result<DataType, FunctionError> {
            if let e = errors.compactMap({ $0 }).first { return .failure(e) }
            return .success(t)
        }
        switch self {
        case .strlen: return result(.int, arity(1...1), check(0, "a string", isString))
        case .tolower, .toupper, .trim: return result(.string, arity(1...1), check(0, "a string", isString))
        case .strcat: return result(.string, args.isEmpty ? .arity(name, "1 or more") : nil)
        case .substring:
            return result(.string, arity(2...3), check(0, "a string", isString), check(1, "an int", isInt), check(2, "an int", isInt))
        case .replace:
            return result(.string, arity(3...3), check(0, "a string", isString), check(1, "a string", isString), check(2, "a string", isString))
        case .splitAt:
            return result(.string, arity(3...3), check(0, "a string", isString), check(1, "a string", isString), check(2, "an int", isInt))
        case .isnull, .isnotnull: return result(.bool, arity(1...1))
        case .iff:
            if let e = arity(3...3) ?? check(0, "bool", { $0 == .bool }) { return .failure(e) }
            return common([args[1], args[2]], what: "branches")
        case .case:
            guard args.count >= 3, args.count % 2 == 1 else { return .failure(.arity(name, "an odd number (3 or more) of")) }
            var values: [DataType] = []
            for k in stride(from: 0, to: args.count - 1, by: 2) {
                if let e = check(k, "bool", { $0 == .bool }) { return .failure(e) }
                values.append(args[k + 1])
            }
            return common(values + [args[args.count - 1]], what: "values")
        case .coalesce:
            if args.isEmpty { return .failure(.arity(name, "1 or more")) }
            return common(args, what: "arguments")
        case .tostring: return result(.string, arity(1...1))
        case .toint: return result(.int, arity(1...1))
        case .tofloat: return result(.float, arity(1...1))
        case .todate: return result(.date, arity(1...1))
        case .todatetime: return result(.datetime, arity(1...1))
        case .toduration: return result(.duration, arity(1...1))
        case .abs:
            if let e = arity(1...1) ?? check(0, "a number or duration", { $0.isNumeric || $0 == .duration }) { return .failure(e) }
            return .success(args[0] == .null ? .int : args[0])
        case .round:
            if let e = arity(1...2) ?? check(0, "a number", isNumber) ?? check(1, "an int", isInt) { return .failure(e) }
            return .success(args[0] == .int ? .int : .float)
        case .floor, .ceil:
            if let e = arity(1...1) ?? check(0, "a number", isNumber) { return .failure(e) }
            return .success(args[0] == .int ? .int : .float)
        case .sqrt, .log, .exp: return result(.float, arity(1...1), check(0, "a number", isNumber))
        case .pow: return result(.float, arity(2...2), check(0, "a number", isNumber), check(1, "a number", isNumber))
        case .bin:
            if let e = arity(2...2) { return .failure(e) }
            switch (args[0], args[1]) {
            case (.int, .int): return .success(.int)
            case (let a, let b) where a.isNumeric && b.isNumeric: return .success(.float)
            case (.duration, .duration), (.datetime, .duration): return .success(args[0])
            case (.date, .duration): return .success(.date)
            case (.null, _): return .success(args[1] == .duration ? .datetime : args[1])
            default:
                return .failure(.other("bin() takes a number and a number size, or a date, datetime or duration and a duration size; not \(args[0].rawValue) and \(args[1].rawValue)"))
            }
        case .startofday, .startofweek, .startofmonth, .startofquarter, .startofyear:
            if let e = arity(1...1) ?? check(0, "a date or datetime", isTime) { return .failure(e) }
            return .success(args[0] == .null ? .date : args[0])
        case .dayofweek, .year, .month, .day, .week, .hour:
            return result(.int, arity(1...1), check(0, "a date or datetime", isTime))
        case .days, .hours:
            return result(.float, arity(1...1), check(0, "a duration", isDuration))
        case .workdays:
            // The binder turns a third argument, HOLIDAYS, into a string of the holiday dates.
            return result(.int, arity(2...3), check(0, "a date or datetime", isTime), check(1, "a date or datetime", isTime),
                          check(2, "a string of dates", isString))
        }
    }

    private func common(_ types: [DataType], what: String) -> Result<DataType, FunctionError> {
        var t = DataType.null
        for a in types {
            guard let c = DataType.common(t, a) else {
                return .failure(.other("\(rawValue)() \(what) have different types: \(t.rawValue) and \(a.rawValue)"))
            }
            t = c
        }
        return .success(t)
    }
}
