/// Each processed row's group as one packed index (its dense slot) for `DenseAggregate`: the keys' ids
/// (string codes, bools, ints less their minimum; null last) combined as digits of a mixed-radix number.
/// Built on all cores; a lone string key without nulls over all rows is its codes, with no copy.
struct DenseSlots {
    /// The slot of each processed row.
    let slot: [UInt32]
    /// The number of possible slots: the product of the keys' cardinalities.
    let domain: Int
    /// The slot of a row whose keys are all null.
    let nullSlot: UInt32
    /// A slot holding rows that are in no group, or nil.
    var excluded: Int? = nil
    /// No keys: every row is in slot 0, the one group, which exists even over no rows.
    var keyless = false

    /// Slots worked out elsewhere (a join's rows take the slots of their right rows).
    init(slot: [UInt32], domain: Int, nullSlot: UInt32, excluded: Int?) {
        self.slot = slot; self.domain = domain; self.nullSlot = nullSlot; self.excluded = excluded
    }

    /// Every one of `n` rows in slot 0 (a summarize without keys).
    init(keyless n: Int) {
        slot = [UInt32](repeating: 0, count: n); domain = 1; nullSlot = 0; keyless = true
    }

    /// The slots of `keys` over `rows` (nil: all `n` rows), or nil when a key is not dense (floats,
    /// ints spanning more than `maxIntSpan`) or the domain exceeds `maxDomain`.
    init?(keys: [Column], rows: [Int]?, n: Int, maxDomain: Int, maxIntSpan: Int64) {
        var ids: [KeyIds] = []
        var domain = 1, nullSlot = 0
        for k in keys {
            guard let id = KeyIds(k, rows: rows, n: n, maxIntSpan: maxIntSpan) else { return nil }
            let (d, overflow) = domain.multipliedReportingOverflow(by: id.cardinality)
            guard !overflow, d <= maxDomain else { return nil }
            domain = d
            nullSlot = nullSlot * id.cardinality + id.cardinality - 1
            ids.append(id)
        }
        self.domain = domain
        self.nullSlot = UInt32(nullSlot)
        if ids.count == 1, rows == nil, keys[0].validity == nil, case .string(let codes, _) = keys[0].data {
            slot = codes
            return
        }
        // Each core takes a share of the rows through every key, digit after digit.
        slot = Parallel.array(n) { r, out in
            for (j, id) in ids.enumerated() { id.fill(out, r, rows: rows, first: j == 0) }
        }
    }
}

/// One key's dense ids: how a row's value becomes a number below `cardinality`.
private struct KeyIds {
    let column: Column
    let cardinality: Int
    /// An int key's smallest value.
    let low: Int64

    init?(_ c: Column, rows: [Int]?, n: Int, maxIntSpan: Int64) {
        column = c
        switch c.data {
        case .string(_, let dict):
            cardinality = dict.count + 1
            low = 0
        case .bool:
            cardinality = 3
            low = 0
        case .int64(let a):
            var lo = Int64.max, hi = Int64.min
            for k in 0..<n {
                let i = rows?[k] ?? k
                if !c.isNull(i) { lo = min(lo, a[i]); hi = max(hi, a[i]) }
            }
            if lo > hi { lo = 0; hi = 0 }
            let (span, overflow) = hi.subtractingReportingOverflow(lo)
            guard !overflow, span < maxIntSpan else { return nil }
            cardinality = Int(span) + 2
            low = lo
        case .float64:
            return nil
        }
    }

    /// Writes (the first key) or appends as the next digit (later keys) the id of each processed row
    /// in `r`.
    func fill(_ out: UnsafeMutablePointer<UInt32>, _ r: Range<Int>, rows: [Int]?, first: Bool) {
        let nullId = UInt32(cardinality - 1), card = UInt32(cardinality)
        let validity = column.validity
        switch column.data {
        case .string(let codes, _):
            codes.withUnsafeBufferPointer { v in Self.fill(out, r, rows, first, card, validity, nullId, Codes(v: v)) }
        case .bool(let a):
            a.withUnsafeBufferPointer { v in Self.fill(out, r, rows, first, card, validity, nullId, Bools(v: v)) }
        case .int64(let a):
            a.withUnsafeBufferPointer { v in Self.fill(out, r, rows, first, card, validity, nullId, Offsets(v: v, low: low)) }
        case .float64:
            break
        }
    }

    /// The loop, specialised by the compiler for each kind of id (a type, not a closure, so the id is
    /// inlined) and for rows/validity present or not.
    private static func fill<Id: RowId>(_ out: UnsafeMutablePointer<UInt32>, _ r: Range<Int>, _ rows: [Int]?, _ first: Bool,
                                        _ card: UInt32, _ validity: Bitmap?, _ nullId: UInt32, _ id: Id) {
        @inline(__always) func put(_ k: Int, _ v: UInt32) { out[k] = first ? v : out[k] &* card &+ v }
        switch (rows, validity) {
        case (nil, nil): for k in r { put(k, id(k)) }
        case (let rows?, nil): for k in r { put(k, id(rows[k])) }
        case (nil, let valid?): for k in r { put(k, valid[k] ? id(k) : nullId) }
        case (let rows?, let valid?): for k in r { let i = rows[k]; put(k, valid[i] ? id(i) : nullId) }
        }
    }
}

/// A row's id within one key.
private protocol RowId {
    func callAsFunction(_ row: Int) -> UInt32
}

private struct Codes: RowId {
    let v: UnsafeBufferPointer<UInt32>
    @inline(__always) func callAsFunction(_ row: Int) -> UInt32 { v[row] }
}

private struct Bools: RowId {
    let v: UnsafeBufferPointer<Bool>
    @inline(__always) func callAsFunction(_ row: Int) -> UInt32 { v[row] ? 1 : 0 }
}

private struct Offsets: RowId {
    let v: UnsafeBufferPointer<Int64>
    let low: Int64
    @inline(__always) func callAsFunction(_ row: Int) -> UInt32 { UInt32(truncatingIfNeeded: v[row] &- low) }
}
