/// Typed views of columns for kernels: payloads converted once, up front, to the representation an
/// operation works in (ints to doubles for float arithmetic, dates to microseconds next to datetimes).
enum ColumnAccess {
    /// The payload as Int64s; dates become microseconds when `asMicros` (to meet datetimes).
    static func int64s(_ c: Column, asMicros: Bool = false) -> [Int64] {
        switch c.data {
        case .int64(let a):
            if asMicros, c.type == .date { return a.map { $0 &* Temporal.microsPerDay } }
            return a
        case .float64(let a): return a.map { $0.isFinite && abs($0) < 9.2e18 ? Int64($0) : 0 }
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        case .string(let a, _): return a.map { Int64($0) }
        }
    }

    /// The payload as Doubles.
    static func doubles(_ c: Column) -> [Double] {
        switch c.data {
        case .int64(let a): return a.map { Double($0) }
        case .float64(let a): return a
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        case .string(let a, _): return a.map { Double($0) }
        }
    }

    /// The payload as Bools.
    static func bools(_ c: Column) -> [Bool] {
        switch c.data {
        case .bool(let a): return a
        case .int64(let a): return a.map { $0 != 0 }
        case .float64(let a): return a.map { $0 != 0 }
        case .string(let a, _): return a.map { $0 != 0 }
        }
    }

    /// For a string column: the codes, the dictionary; an all-null column of another type gives empty
    /// strings under null.
    static func strings(_ c: Column) -> ([UInt32], StringDictionary) {
        if case .string(let codes, let dict) = c.data { return (codes, dict) }
        return ([UInt32](repeating: 0, count: c.count), StringDictionary([""]))
    }

    /// The rank of each dictionary code in byte order of its string (for sorting and min/max).
    static func ranks(_ dict: StringDictionary) -> [Int32] {
        let order = dict.values.indices.sorted { ByteOrder.less(dict.values[$0], dict.values[$1]) }
        var rank = [Int32](repeating: 0, count: dict.count)
        var r: Int32 = 0
        for (k, code) in order.enumerated() {
            // Byte-wise: canonically equivalent strings ("é" and "e" + U+0301) are different values.
            if k > 0, !dict.values[order[k - 1]].utf8.elementsEqual(dict.values[code].utf8) { r += 1 }
            rank[code] = r
        }
        return rank
    }
}

/// Strings compare by their UTF-8 bytes (LANGUAGE.md), not by Unicode collation.
enum ByteOrder {
    @inline(__always) static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
    @inline(__always) static func compare(_ a: String, _ b: String) -> Int {
        if a == b && a.utf8.elementsEqual(b.utf8) { return 0 }
        return less(a, b) ? -1 : (a.utf8.elementsEqual(b.utf8) ? 0 : 1)
    }
}
