extension Binder {
    /// Binds `join kind=K (QUERY) on KEY, ...`. A key is a column both sides have, or
    /// `left.a == right.b`. The output is the left columns then the right ones (clashing right names get
    /// the suffix `1`), or only the left columns for semi and anti joins.
    func bindJoin(_ kind: JoinKind, _ rightQuery: Query, keys: [Expr], input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let right = try bindQuery(rightQuery)
        var leftKeys: [Int] = [], rightKeys: [Int] = []
        for key in keys {
            let (l, r) = try joinKey(key, left: input.fields, right: right.fields)
            let lt = input.fields[l].type, rt = right.fields[r].type
            guard TypeRules.comparable(lt, rt) else {
                throw typeError("join key types differ: \(lt.rawValue) on the left, \(rt.rawValue) on the right", key.range)
            }
            leftKeys.append(l)
            rightKeys.append(r)
        }
        var fields = input.fields
        if kind != .semi && kind != .anti {
            var taken = Set(fields.map(\.name))
            for f in right.fields {
                var name = f.name
                var suffix = 1
                while taken.contains(name) { name = f.name + String(suffix); suffix += 1 }
                taken.insert(name)
                fields.append(Field(name, f.type))
            }
        }
        return Plan(.join(input, right, kind, leftKeys: leftKeys, rightKeys: rightKeys), fields: fields, range: range)
    }

    private func joinKey(_ key: Expr, left: [Field], right: [Field]) throws(Diagnostic) -> (Int, Int) {
        switch key.kind {
        case .name(let n) where !n.contains("."):
            let ref = NameRef(n, key.range)
            guard let l = left.firstIndex(where: { $0.name == n }) else {
                throw Diagnostic("unknown column '\(n)' on the left side of the join", at: key.range,
                                 notes: Suggest.notes(for: n, among: left.map(\.name), what: "left columns"))
            }
            guard let r = right.firstIndex(where: { $0.name == n }) else {
                throw Diagnostic("unknown column '\(n)' on the right side of the join", at: ref.range,
                                 notes: Suggest.notes(for: n, among: right.map(\.name), what: "right columns"))
            }
            return (l, r)
        case .binary("==", let a, let b):
            guard let an = a.bareName, let bn = b.bareName else { break }
            let (lExpr, rExpr, ln, rn) = an.hasPrefix("right.") ? (b, a, bn, an) : (a, b, an, bn)
            guard ln.hasPrefix("left."), rn.hasPrefix("right.") else { break }
            let lName = String(ln.dropFirst(5)), rName = String(rn.dropFirst(6))
            guard let l = left.firstIndex(where: { $0.name == lName }) else {
                throw Diagnostic("unknown column '\(lName)' on the left side of the join", at: lExpr.range,
                                 notes: Suggest.notes(for: lName, among: left.map(\.name), what: "left columns"))
            }
            guard let r = right.firstIndex(where: { $0.name == rName }) else {
                throw Diagnostic("unknown column '\(rName)' on the right side of the join", at: rExpr.range,
                                 notes: Suggest.notes(for: rName, among: right.map(\.name), what: "right columns"))
            }
            return (l, r)
        default: break
        }
        throw Diagnostic("a join key is a column both sides have, or left.COLUMN == right.COLUMN", at: key.range)
    }

    /// Binds `union QUERY, ...`: the input's rows, then each query's, with columns matched by name.
    func bindUnion(_ queries: [Query], input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        var plans = [input]
        for q in queries { plans.append(try bindQuery(q)) }
        var fields: [Field] = []
        for (k, p) in plans.enumerated() {
            for f in p.fields {
                if let i = fields.firstIndex(where: { $0.name == f.name }) {
                    guard let t = DataType.common(fields[i].type, f.type) else {
                        throw typeError("union column '\(f.name)' is \(fields[i].type.rawValue) in one input and \(f.type.rawValue) in another",
                                        k == 0 ? range : queries[k - 1].range)
                    }
                    fields[i].type = t
                } else {
                    fields.append(f)
                }
            }
        }
        return Plan(.union(plans), fields: fields, range: range)
    }
}
