/// A join feeding a `summarize` whose keys are all right-side columns and whose aggregates read only
/// the left side ("hours by item type"): each right row's dense slot is worked out once, then each left
/// row takes its partner's slot through a table indexed by its key. No pairs are listed and no column
/// is gathered. Inner and left joins on one key whose right side never repeats a key, keyed by ints or
/// dates of one type or by strings; nil for any other shape (the caller joins, then summarizes).
enum JoinAggregate {
    /// The summarize over `left ⋈ right`. `leftKey`/`rightKey` are the join keys, `keys` the right
    /// columns grouped by, `aggregates` evaluated over the left rows.
    static func run(leftKey: Column, rightKey: Column, kind: JoinKind, keys: [Column],
                    aggregates: [(call: AggregateCall, args: [Column])], fields: [Field]) -> Table? {
        guard kind == .inner || kind == .left, !keys.isEmpty, DenseAggregate.supports(aggregates),
              let right = DenseSlots(keys: keys, rows: nil, n: rightKey.count, maxDomain: DenseAggregate.maxDomain - 1,
                                     maxIntSpan: DenseAggregate.maxIntSpan)
        else { return nil }
        // An inner join's unmatched left rows go to one more slot, which is left out of the groups.
        let missing = kind == .inner ? UInt32(right.domain) : right.nullSlot
        guard let slot = leftSlots(leftKey, rightKey, right.slot, missing: missing) else { return nil }
        let domain = kind == .inner ? right.domain + 1 : right.domain
        let slots = DenseSlots(slot: slot, domain: domain, nullSlot: right.nullSlot, excluded: kind == .inner ? right.domain : nil)
        // A group's key values are those of any right row with its slot (none: the unmatched rows' nulls).
        var rowOfSlot = [Int](repeating: -1, count: domain)
        for (row, s) in right.slot.enumerated() where rowOfSlot[Int(s)] < 0 { rowOfSlot[Int(s)] = row }
        return DenseAggregate.run(slots: slots, rows: nil, aggregates: aggregates, fields: fields) { groups, _ in
            let rows = groups.map { rowOfSlot[$0] }
            return keys.map { $0.gatherOrNull(rows) }
        }
    }

    /// No right row has this key yet (slots are below `DenseAggregate.maxDomain`).
    private static let empty = UInt32.max

    /// Each left row's slot: its partner's, or `missing`. Nil when a right key repeats or the keys are
    /// not both strings or both ints of one type.
    private static func leftSlots(_ left: Column, _ right: Column, _ rightSlot: [UInt32], missing: UInt32) -> [UInt32]? {
        switch (left.data, right.data) {
        case (.string(let lc, let ld), .string(let rc, let rd)):
            // Per right code its row's slot, then per left code the slot of the same string.
            var byRightCode = [UInt32](repeating: empty, count: rd.count)
            for row in rc.indices where !right.isNull(row) {
                let c = Int(rc[row])
                guard byRightCode[c] == empty else { return nil }
                byRightCode[c] = rightSlot[row]
            }
            let table = ld.values.map { s -> UInt32 in
                guard let c = rd.code(of: s), byRightCode[Int(c)] != empty else { return missing }
                return byRightCode[Int(c)]
            }
            return lookUp(lc, left.validity, missing: missing) { table[Int($0)] }
        case (.int64(let lv), .int64(let rv)) where left.type == right.type:
            var lo = Int64.max, hi = Int64.min
            for row in rv.indices where !right.isNull(row) { lo = min(lo, rv[row]); hi = max(hi, rv[row]) }
            guard lo <= hi else { return [UInt32](repeating: missing, count: lv.count) }
            // Keys spanning much more than their count (not ids) are left to the hash join.
            let (span, overflow) = hi.subtractingReportingOverflow(lo)
            guard !overflow, span < Int64(max(4 * rv.count, 1 << 16)) else { return nil }
            var table = [UInt32](repeating: empty, count: Int(span) + 1)
            for row in rv.indices where !right.isNull(row) {
                let d = Int(rv[row] &- lo)
                guard table[d] == empty else { return nil }
                table[d] = rightSlot[row]
            }
            for d in table.indices where table[d] == empty { table[d] = missing }
            let count = UInt64(table.count)
            return table.withUnsafeBufferPointer { t in
                lookUp(lv, left.validity, missing: missing) { k in
                    let d = UInt64(bitPattern: k &- lo)
                    return d < count ? t[Int(d)] : missing
                }
            }
        default:
            return nil
        }
    }

    /// `slot(key)` of every left key (`missing` for null ones), on all cores.
    @inline(__always)
    private static func lookUp<K>(_ keys: [K], _ validity: Bitmap?, missing: UInt32, _ slot: (K) -> UInt32) -> [UInt32] {
        keys.withUnsafeBufferPointer { k in
            Parallel.array(k.count) { r, out in
                if let validity {
                    for i in r { out[i] = validity[i] ? slot(k[i]) : missing }
                } else {
                    for i in r { out[i] = slot(k[i]) }
                }
            }
        }
    }
}
