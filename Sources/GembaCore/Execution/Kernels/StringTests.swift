/// `contains`, `startswith`, `endswith`, `=~`, `matches regex` and their negations. Against a constant
/// the test runs once per distinct string of the dictionary, then maps codes.
enum StringTests {
    static func apply(_ op: BinaryOp, _ l: Column, _ rhs: BoundExpr, evaluator: ExpressionEvaluator) throws(Diagnostic) -> Column {
        let (codes, dict) = ColumnAccess.strings(l)
        if case .literal(let v, _) = rhs {
            guard case .string(let pattern) = v else {
                return Column.constant(.null, type: .bool, count: l.count)
            }
            let test = try predicate(op, pattern, range: evaluator.range)
            let hit = dict.values.map(test)
            return Column(type: .bool, data: .bool(codes.map { hit[Int($0)] }), validity: l.validity)
        }
        let r = try evaluator.evaluate(rhs)
        let (rcodes, rdict) = ColumnAccess.strings(r)
        var out = [Bool](repeating: false, count: l.count)
        var cache: [String: (String) -> Bool] = [:]
        for i in 0..<l.count where !l.isNull(i) && !r.isNull(i) {
            let pattern = rdict.values[Int(rcodes[i])]
            let test: (String) -> Bool
            if let t = cache[pattern] { test = t } else { test = try predicate(op, pattern, range: evaluator.range); cache[pattern] = test }
            out[i] = test(dict.values[Int(codes[i])])
        }
        return Column(type: .bool, data: .bool(out), validity: Validity.and(l.validity, r.validity))
    }

    /// The test for one right-hand string.
    static func predicate(_ op: BinaryOp, _ p: String, range: SourceRange) throws(Diagnostic) -> (String) -> Bool {
        let pb = Array(p.utf8)
        switch op {
        case .contains: return { contains(Array($0.utf8), pb) }
        case .notContains: return { !contains(Array($0.utf8), pb) }
        case .startswith: return { $0.utf8.starts(with: pb) }
        case .notStartswith: return { !$0.utf8.starts(with: pb) }
        case .endswith: return { $0.utf8.reversed().starts(with: pb.reversed()) }
        case .notEndswith: return { !$0.utf8.reversed().starts(with: pb.reversed()) }
        case .eqNoCase: let lp = p.lowercased(); return { $0.lowercased() == lp }
        case .neNoCase: let lp = p.lowercased(); return { $0.lowercased() != lp }
        default:
            let regex = try StringFunctions.regex(p, range: range)
            return { (try? regex.firstMatch(in: $0)) != nil }
        }
    }

    /// Byte substring search.
    static func contains(_ s: [UInt8], _ p: [UInt8]) -> Bool {
        if p.isEmpty { return true }
        guard s.count >= p.count else { return false }
        let first = p[0]
        for i in 0...(s.count - p.count) where s[i] == first {
            var k = 1
            while k < p.count, s[i + k] == p[k] { k += 1 }
            if k == p.count { return true }
        }
        return false
    }
}
