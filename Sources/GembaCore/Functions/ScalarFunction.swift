/// The scalar functions, one registry: each knows its result type and how to compute a column.
public enum ScalarFunction: String, Sendable, CaseIterable {
    case strlen, tolower, toupper, trim, strcat
    case isnull, isnotnull, iff, coalesce
    case tostring, toint, tofloat
    case abs, round, floor, ceil, sqrt

    /// The result type for argument types `args`, or why they do not fit.
    public func resultType(_ args: [DataType]) -> Result<DataType, FunctionError> {
        func need(_ n: Int) -> FunctionError? { args.count == n ? nil : .arity(rawValue, String(n)) }
        func stringArg() -> Result<DataType, FunctionError>? {
            if let e = need(1) { return .failure(e) }
            return args[0] == .string || args[0] == .null ? nil : .failure(.argument(rawValue, 1, "a string", args[0]))
        }
        func numericArg() -> Result<DataType, FunctionError>? {
            guard args.count >= 1 else { return .failure(.arity(rawValue, "1")) }
            return args[0].isNumeric || args[0] == .null ? nil : .failure(.argument(rawValue, 1, "a number", args[0]))
        }
        switch self {
        case .strlen: return stringArg() ?? .success(.int)
        case .tolower, .toupper, .trim: return stringArg() ?? .success(.string)
        case .strcat: return args.isEmpty ? .failure(.arity("strcat", "1 or more")) : .success(.string)
        case .isnull, .isnotnull: return need(1).map { .failure($0) } ?? .success(.bool)
        case .iff:
            if let e = need(3) { return .failure(e) }
            guard args[0] == .bool || args[0] == .null else { return .failure(.argument("iff", 1, "bool", args[0])) }
            guard let t = DataType.common(args[1], args[2]) else {
                return .failure(.other("iff() branches have different types: \(args[1].rawValue) and \(args[2].rawValue)"))
            }
            return .success(t)
        case .coalesce:
            guard !args.isEmpty else { return .failure(.arity("coalesce", "1 or more")) }
            var t = DataType.null
            for a in args {
                guard let c = DataType.common(t, a) else {
                    return .failure(.other("coalesce() arguments have different types: \(t.rawValue) and \(a.rawValue)"))
                }
                t = c
            }
            return .success(t)
        case .tostring: return need(1).map { .failure($0) } ?? .success(.string)
        case .toint: return need(1).map { .failure($0) } ?? .success(.int)
        case .tofloat: return need(1).map { .failure($0) } ?? .success(.float)
        case .abs:
            if let e = need(1) { return .failure(e) }
            if args[0] == .duration { return .success(.duration) }
            return numericArg() ?? .success(args[0] == .null ? .int : args[0])
        case .round:
            guard args.count == 1 || args.count == 2 else { return .failure(.arity("round", "1 or 2")) }
            return numericArg() ?? .success(args[0] == .int ? .int : .float)
        case .floor, .ceil:
            if let e = need(1) { return .failure(e) }
            return numericArg() ?? .success(args[0] == .int ? .int : .float)
        case .sqrt:
            if let e = need(1) { return .failure(e) }
            return numericArg() ?? .success(.float)
        }
    }

    /// Computes the function over argument columns of `count` rows, giving a column of `type`.
    public func evaluate(_ args: [Column], count: Int, type: DataType) -> Column {
        switch self {
        case .tolower: return mapDictionary(args[0]) { $0.lowercased() }
        case .toupper: return mapDictionary(args[0]) { $0.uppercased() }
        case .trim: return mapDictionary(args[0]) { $0.trimmingWhitespace }
        case .isnull, .isnotnull:
            let wantNull = self == .isnull
            let c = args[0]
            return Column(type: .bool, data: .bool((0..<count).map { c.isNull($0) == wantNull }))
        default:
            return rowWise(args, count: count, type: type)
        }
    }

    /// Applies a string function once per distinct string, keeping the codes.
    private func mapDictionary(_ c: Column, _ f: (String) -> String) -> Column {
        guard case .string(let codes, let dict) = c.data else { return c }
        var b = StringDictionaryBuilder()
        let remap = dict.values.map { b.code(for: f($0)) }
        return Column(type: .string, data: .string(codes.map { remap[Int($0)] }, b.build()), validity: c.validity)
    }

    /// The general path, a row at a time; the hot functions have their own loops above.
    private func rowWise(_ args: [Column], count: Int, type: DataType) -> Column {
        var out = ColumnBuilder(type: type, capacity: count)
        var row = [Value](repeating: .null, count: args.count)
        for i in 0..<count {
            for (k, a) in args.enumerated() { row[k] = a.value(at: i) }
            out.append(apply(row, type: type))
        }
        return out.build()
    }

    private func apply(_ a: [Value], type: DataType) -> Value {
        switch self {
        case .strlen:
            if case .string(let s) = a[0] { return .int(Int64(s.count)) }
            return .null
        case .strcat:
            return .string(a.map { $0.isNull ? "" : $0.text }.joined())
        case .iff:
            if case .bool(true) = a[0] { return a[1] }
            return a[2]
        case .coalesce:
            return a.first { !$0.isNull } ?? .null
        case .tostring:
            return a[0].isNull ? .null : .string(a[0].text)
        case .toint:
            return Conversion.toInt(a[0])
        case .tofloat:
            return Conversion.toFloat(a[0])
        case .abs:
            switch a[0] {
            case .int(let v): return v == .min ? .null : .int(Swift.abs(v))
            case .float(let v): return .float(Swift.abs(v))
            case .duration(let v): return v == .min ? .null : .duration(Swift.abs(v))
            default: return .null
            }
        case .round:
            let digits: Int64
            if a.count > 1 { guard case .int(let d) = a[1] else { return .null }; digits = d } else { digits = 0 }
            switch a[0] {
            case .int(let v): return .int(v)
            case .float(let v):
                let scale = Double.pow10(Int(digits))
                return .float((v * scale).rounded(.toNearestOrAwayFromZero) / scale)
            default: return .null
            }
        case .floor, .ceil:
            switch a[0] {
            case .int(let v): return .int(v)
            case .float(let v): return .float(self == .floor ? v.rounded(.down) : v.rounded(.up))
            default: return .null
            }
        case .sqrt:
            guard let v = a[0].asDouble, v >= 0 else { return .null }
            return .float(v.squareRoot())
        case .tolower, .toupper, .trim, .isnull, .isnotnull:
            return .null  // handled column-wise in `evaluate`
        }
    }
}

extension Double {
    /// 10 to the power `n` (n may be negative).
    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<Swift.abs(n) { r *= 10 }
        return n < 0 ? 1 / r : r
    }
}
