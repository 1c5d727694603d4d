extension Column {
    /// The rows at `indices`, where an index of -1 gives a null (outer joins).
    public func gatherOrNull(_ indices: [Int]) -> Column {
        guard indices.contains(where: { $0 < 0 }) else { return gather(indices) }
        let safe = indices.map { max($0, 0) }
        var out = count == 0 ? Column.constant(.null, type: type, count: indices.count) : gather(safe)
        var v = out.validity ?? Bitmap(count: indices.count, value: true)
        for (k, i) in indices.enumerated() where i < 0 { v[k] = false }
        out.validity = v
        return out
    }

    /// `parts` one after another as one column of `type` (ints widen to floats, dates to datetimes,
    /// string dictionaries merge). A nil part stands for `count` nulls.
    public static func concatenate(_ parts: [(column: Column?, count: Int)], as type: DataType) -> Column {
        let total = parts.reduce(0) { $0 + $1.count }
        // Validity only where a part has nulls: all set, then the nulls cleared.
        var validity: Bitmap? = nil
        if parts.contains(where: { $0.column == nil || $0.column?.validity != nil }) {
            var v = Bitmap(count: total, value: true)
            var offset = 0
            for (c, n) in parts {
                for i in 0..<n where c?.isNull(i) ?? true { v[offset + i] = false }
                offset += n
            }
            validity = v
        }
        let data: ColumnData
        switch type {
        case .float:
            var out: [Double] = []
            out.reserveCapacity(total)
            for (c, n) in parts {
                guard let c else { out.append(contentsOf: repeatElement(0, count: n)); continue }
                switch c.data {
                case .float64(let a): out.append(contentsOf: a)
                case .int64(let a): out.append(contentsOf: a.map { Double($0) })
                default: out.append(contentsOf: repeatElement(0, count: n))
                }
            }
            data = .float64(out)
        case .bool:
            var out: [Bool] = []
            for (c, n) in parts {
                if let c, case .bool(let a) = c.data { out.append(contentsOf: a) } else { out.append(contentsOf: repeatElement(false, count: n)) }
            }
            data = .bool(out)
        case .string:
            var dict = StringDictionaryBuilder()
            var out: [UInt32] = []
            out.reserveCapacity(total)
            for (c, n) in parts {
                if let c, case .string(let codes, let d) = c.data {
                    let remap = d.values.map { dict.code(for: $0) }
                    out.append(contentsOf: codes.map { remap[Int($0)] })
                } else {
                    out.append(contentsOf: repeatElement(0, count: n))
                }
            }
            data = .string(out, dict.build())
        default:
            var out: [Int64] = []
            out.reserveCapacity(total)
            for (c, n) in parts {
                if let c, case .int64(let a) = c.data {
                    if type == .datetime, c.type == .date { out.append(contentsOf: a.map { $0 &* Temporal.microsPerDay }) } else { out.append(contentsOf: a) }
                } else {
                    out.append(contentsOf: repeatElement(0, count: n))
                }
            }
            data = .int64(out)
        }
        return Column(type: type, data: data, validity: validity)
    }
}
