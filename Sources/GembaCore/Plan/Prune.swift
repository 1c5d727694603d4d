/// Plan rewrites that keep columns nobody reads from being carried along. Today: a join under a
/// `summarize` or a projection reads only the columns those use (plus its keys), so the join gathers
/// two or three columns instead of every column of both sides.
extension Plan {
    /// The plan with unread join columns pruned, recursively.
    public func pruned() -> Plan {
        switch node {
        case .aggregate(let input, let keys, let aggregates):
            let used = Plan.columns(in: keys + aggregates.flatMap(\.arguments))
            guard let (narrow, remap) = input.pruned().narrowedJoin(keeping: used) else {
                return Plan(.aggregate(input.pruned(), keys: keys, aggregates: aggregates), fields: fields, range: range)
            }
            let keys2 = keys.map { $0.remapped(remap) }
            let aggs2 = aggregates.map { AggregateCall(function: $0.function, arguments: $0.arguments.map { $0.remapped(remap) }, type: $0.type) }
            return Plan(.aggregate(narrow, keys: keys2, aggregates: aggs2), fields: fields, range: range)
        case .project(let input, let exprs):
            let used = Plan.columns(in: exprs)
            guard let (narrow, remap) = input.pruned().narrowedJoin(keeping: used) else {
                return Plan(.project(input.pruned(), exprs), fields: fields, range: range)
            }
            return Plan(.project(narrow, exprs.map { $0.remapped(remap) }), fields: fields, range: range)
        case .filter(let input, let p): return Plan(.filter(input.pruned(), p), fields: fields, range: range)
        case .sort(let input, let k): return Plan(.sort(input.pruned(), k), fields: fields, range: range)
        case .limit(let input, let n): return Plan(.limit(input.pruned(), n), fields: fields, range: range)
        case .distinct(let input): return Plan(.distinct(input.pruned()), fields: fields, range: range)
        case .count(let input): return Plan(.count(input.pruned()), fields: fields, range: range)
        case .export(let input, let path): return Plan(.export(input.pruned(), path: path), fields: fields, range: range)
        case .exportTable(let input, let name): return Plan(.exportTable(input.pruned(), name: name), fields: fields, range: range)
        case .join(let l, let r, let kind, let lk, let rk):
            return Plan(.join(l.pruned(), r.pruned(), kind, leftKeys: lk, rightKeys: rk), fields: fields, range: range)
        case .union(let inputs): return Plan(.union(inputs.map { $0.pruned() }), fields: fields, range: range)
        case .series(let input, let spec): return Plan(.series(input.pruned(), spec), fields: fields, range: range)
        case .flow(let input, let spec): return Plan(.flow(input.pruned(), spec), fields: fields, range: range)
        case .wip(let input, let spec): return Plan(.wip(input.pruned(), spec), fields: fields, range: range)
        case .throughput(let input, let spec): return Plan(.throughput(input.pruned(), spec), fields: fields, range: range)
        case .cfd(let input, let spec): return Plan(.cfd(input.pruned(), spec), fields: fields, range: range)
        case .aging(let input, let spec): return Plan(.aging(input.pruned(), spec), fields: fields, range: range)
        case .forecast(let input, let spec): return Plan(.forecast(input.pruned(), spec), fields: fields, range: range)
        case .xmr(let input, let spec): return Plan(.xmr(input.pruned(), spec), fields: fields, range: range)
        case .funnel(let input, let spec): return Plan(.funnel(input.pruned(), spec), fields: fields, range: range)
        case .utilization(let input, let spec): return Plan(.utilization(input.pruned(), spec), fields: fields, range: range)
        case .attribute(let input, let spec): return Plan(.attribute(input.pruned(), spec), fields: fields, range: range)
        case .littles(let input, let spec): return Plan(.littles(input.pruned(), spec), fields: fields, range: range)
        case .share(let input, let spec): return Plan(.share(input.pruned(), spec), fields: fields, range: range)
        case .render(let input, let spec): return Plan(.render(input.pruned(), spec), fields: fields, range: range)
        case .table, .range: return self
        }
    }

    /// When this node is a join: the same join over only the columns `used` (of its output) and its
    /// keys, and where each used column now stands. Nil when nothing would be dropped.
    private func narrowedJoin(keeping used: Set<Int>) -> (Plan, [Int: Int])? {
        guard case .join(let l, let r, let kind, let lk, let rk) = node else { return nil }
        let leftCount = l.fields.count
        let rightShown = kind == .semi || kind == .anti ? 0 : r.fields.count
        let keepLeft = (0..<leftCount).filter { used.contains($0) || lk.contains($0) }
        let keepRight = (0..<r.fields.count).filter { (rightShown > 0 && used.contains(leftCount + $0)) || rk.contains($0) }
        guard keepLeft.count < leftCount || keepRight.count < r.fields.count else { return nil }
        let left = Plan(.project(l, keepLeft.map { .column($0, l.fields[$0].type) }), fields: keepLeft.map { l.fields[$0] }, range: l.range)
        let right = Plan(.project(r, keepRight.map { .column($0, r.fields[$0].type) }), fields: keepRight.map { r.fields[$0] }, range: r.range)
        var remap: [Int: Int] = [:]
        for (new, old) in keepLeft.enumerated() { remap[old] = new }
        var outFields = keepLeft.map { fields[$0] }
        if rightShown > 0 {
            for (new, old) in keepRight.enumerated() {
                remap[leftCount + old] = keepLeft.count + new
                outFields.append(fields[leftCount + old])
            }
        }
        let join = Plan(.join(left, right, kind, leftKeys: lk.compactMap { keepLeft.firstIndex(of: $0) },
                              rightKeys: rk.compactMap { keepRight.firstIndex(of: $0) }), fields: outFields, range: range)
        return (join, remap)
    }

    /// The input columns an expression list reads.
    static func columns(in exprs: [BoundExpr]) -> Set<Int> {
        var out = Set<Int>()
        func walk(_ e: BoundExpr) {
            switch e {
            case .column(let i, _): out.insert(i)
            case .literal: break
            case .unary(_, let x, _): walk(x)
            case .binary(_, let l, let r, _): walk(l); walk(r)
            case .inList(let x, _, _): walk(x)
            case .call(_, let args, _): args.forEach(walk)
            }
        }
        exprs.forEach(walk)
        return out
    }
}

extension BoundExpr {
    /// The expression with column references moved by `map` (old index → new index).
    func remapped(_ map: [Int: Int]) -> BoundExpr {
        switch self {
        case .column(let i, let t): return .column(map[i] ?? i, t)
        case .literal: return self
        case .unary(let op, let x, let t): return .unary(op, x.remapped(map), t)
        case .binary(let op, let l, let r, let t): return .binary(op, l.remapped(map), r.remapped(map), t)
        case .inList(let x, let v, let n): return .inList(x.remapped(map), v, negated: n)
        case .call(let f, let args, let t): return .call(f, args.map { $0.remapped(map) }, t)
        }
    }
}
