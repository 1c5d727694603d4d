/// `and` / `or` with SQL's three-valued logic.
enum Logic {
    static func apply(_ op: BinaryOp, _ l: Column, _ r: Column) -> Column {
        let a = ColumnAccess.bools(l), b = ColumnAccess.bools(r)
        let n = a.count
        var out = [Bool](repeating: false, count: n)
        if l.validity == nil, r.validity == nil {
            if op == .and { for i in 0..<n { if interrupted(i) { break }; out[i] = a[i] && b[i] } } else { for i in 0..<n { if interrupted(i) { break }; out[i] = a[i] || b[i] } }
            return Column(type: .bool, data: .bool(out))
        }
        var valid = Bitmap(count: n, value: true)
        for i in 0..<n { if interrupted(i) { break };
            let va = !l.isNull(i), vb = !r.isNull(i)
            if op == .and {
                if (va && !a[i]) || (vb && !b[i]) { out[i] = false } else if va && vb { out[i] = true } else { valid[i] = false }
            } else {
                if (va && a[i]) || (vb && b[i]) { out[i] = true } else if va && vb { out[i] = false } else { valid[i] = false }
            }
        }
        return Column(type: .bool, data: .bool(out), validity: valid)
    }
}
