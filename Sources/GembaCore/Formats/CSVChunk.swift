/// What a chunk does with one column's fields: skip them, infer their kind (starting from the kind the
/// column has so far) while parsing them as it, or parse them as a fixed type.
enum CSVFieldAction: UInt8 {
    case skip
    case none, int, float, bool, date, datetime, string
    case fixedInt, fixedFloat, fixedBool, fixedDate, fixedDatetime, fixedDuration, fixedString

    /// The action of an inferred column of kind `kind`.
    static func inferring(_ kind: InferredKind) -> CSVFieldAction {
        switch kind {
        case .none: return .none
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .date: return .date
        case .datetime: return .datetime
        case .string: return .string
        }
    }

    /// The action of a column read as `type` (not null).
    static func fixed(_ type: DataType) -> CSVFieldAction {
        switch type {
        case .int: return .fixedInt
        case .float: return .fixedFloat
        case .bool: return .fixedBool
        case .date: return .fixedDate
        case .datetime: return .fixedDatetime
        case .duration: return .fixedDuration
        case .string, .null: return .fixedString
        }
    }

    var isFixed: Bool { rawValue >= CSVFieldAction.fixedInt.rawValue }
}

/// One column's values in one chunk: a 64-bit slot per row (an `Int64` for ints, dates, datetimes and
/// durations, a `Double`'s bits for floats, 0 or 1 for bools, a string code: the column's own code,
/// or `1 << 32 | c` for code `c` of the chunk's `local` interner), 0 in null slots.
struct CSVChunkColumn {
    var action: CSVFieldAction = .skip
    /// For an inferred column: the join of the kinds seen, starting from the column's kind so far.
    var kind: InferredKind = .none
    /// True when the slots no longer hold the values as `kind` (a widening that could not convert
    /// them): the chunk must be read again for this column.
    var stale = false
    /// True when an int slot came from `-0` (which as a float is -0.0, not 0).
    var negativeZero = false
    /// The first field that does not parse as the column's type (or that the kind cannot hold).
    var error: FieldSpan? = nil
    /// The chunk's rows that are null here.
    var nulls: [Int] = []
    /// The slots, `8 * rows` bytes in the chunk's slab.
    var data: UnsafeMutableRawPointer
    /// The column's strings when the chunk started (looked up, never added to).
    var global: CSVInterner.Snapshot? = nil
    /// True when strings are looked up after the parse, several at a time (for a table too large for
    /// the caches, so that their memory accesses overlap).
    var deferred = false
    /// Deferred strings: row << 1 | quoted, start, end (the text inside any quotes).
    var pending: [Int] = []
    /// Strings the column lacked, in first-seen order.
    let local = CSVInterner()

    /// The slot of `row` as an `Int64`.
    @inline(__always) func int(_ row: Int) -> Int64 { data.load(fromByteOffset: row &<< 3, as: Int64.self) }
    /// The slot of `row` as raw bits.
    @inline(__always) func bits(_ row: Int) -> UInt64 { data.load(fromByteOffset: row &<< 3, as: UInt64.self) }
}

/// How a chunk ended.
enum CSVChunkOutcome: Equatable {
    /// Every record starting before the limit was read; the next starts at `end`.
    case ok(end: Int)
    /// The record starting at `record` is malformed (`CSVTokenizer.checkRecord` says how).
    case fault(record: Int)
    /// A field ran past the bound: the chunk's start was a guess, and likely a wrong one.
    case gaveUp
}

/// One worker's share of a CSV body: the records that start in `start..<limit`, split into fields and
/// parsed straight into typed slots, one run of slots per column (see `CSVChunkColumn`).
final class CSVChunk {
    /// The whole file.
    let p: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    let columnCount: Int
    /// Per column.
    let columns: UnsafeMutablePointer<CSVChunkColumn>
    private var slab: UnsafeMutableRawPointer
    private var capacity: Int

    /// Where the first record starts.
    var start = 0
    /// Records starting here or later belong to the next chunk.
    var limit = 0
    /// A field running past here makes the chunk give up (the file's end for a chunk known to start
    /// at a record).
    var bound = 0
    /// Bytes before this were checked to be UTF-8 already; the chunk checks the rest it reads.
    var validatedUpTo = 0

    /// The records read.
    private(set) var rows = 0
    private(set) var outcome = CSVChunkOutcome.gaveUp
    /// True when the bytes read are not valid UTF-8.
    private(set) var invalidUTF8 = false
    private var scratch: [UInt8] = []

    init(p: UnsafeBufferPointer<UInt8>, delimiter: UInt8, columnCount: Int, rowCapacity: Int) {
        self.p = p
        self.delimiter = delimiter
        self.columnCount = columnCount
        capacity = max(64, rowCapacity)
        slab = .allocate(byteCount: capacity * max(1, columnCount) * 8, alignment: 8)
        columns = .allocate(capacity: max(1, columnCount))
        for c in 0..<columnCount {
            (columns + c).initialize(to: CSVChunkColumn(data: slab + c * capacity * 8))
        }
    }

    deinit {
        columns.deinitialize(count: columnCount)
        columns.deallocate()
        slab.deallocate()
    }

    /// Sets column `c` up for the next run: what to do with its fields and, for strings, the codes
    /// the column has already.
    func prepare(_ c: Int, action: CSVFieldAction, kind: InferredKind, global: CSVInterner.Snapshot?, deferStrings: Bool = false) {
        let col = columns + c
        col.pointee.action = action
        col.pointee.kind = kind
        col.pointee.stale = false
        col.pointee.negativeZero = false
        col.pointee.error = nil
        col.pointee.nulls.removeAll(keepingCapacity: true)
        col.pointee.global = global
        col.pointee.deferred = deferStrings && (action == .string || action == .fixedString)
        col.pointee.pending.removeAll(keepingCapacity: true)
        col.pointee.local.removeAll()
    }

    /// Reads the records starting in `start..<limit`.
    func run() {
        rows = 0
        invalidUTF8 = false
        outcome = parse()
        if case .ok = outcome {
            for c in 0..<columnCount where columns[c].deferred { resolve(columns + c) }
        }
        let from = max(start, validatedUpTo)
        if case .ok(let end) = outcome, end > from {
            invalidUTF8 = UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: p[from..<end])) != nil
        }
    }

    private func parse() -> CSVChunkOutcome {
        let n = p.count
        let columnCount = self.columnCount
        let limit = self.limit, bound = self.bound
        var i = start
        var row = 0
        defer { rows = row }
        while i < limit {
            if columnCount > 1 {
                if p[i] == CSVTokenizer.lf { i += 1; continue }
                if p[i] == CSVTokenizer.cr, i + 1 < n, p[i + 1] == CSVTokenizer.lf { i += 2; continue }
            }
            let recordStart = i
            if row == capacity { grow() }
            var field = 0
            while true {
                let (end, next, ends) = scan(i, n, bound)
                if next < 0 { return next == -1 ? .fault(record: recordStart) : .gaveUp }
                if field < columnCount { put(columns + field, row, i, end) }
                field += 1
                i = next
                if ends { break }
            }
            if field != columnCount { return .fault(record: recordStart) }
            if i > bound { return .gaveUp }
            row += 1
        }
        return .ok(end: i)
    }

    /// The field starting at `i`: where its text ends, where the next field or record starts (-1 for a
    /// malformed field, -2 for one running past `bound`), and whether it ends its record.
    /// The same rules as `CSVTokenizer.scanField`.
    @inline(__always)
    private func scan(_ i: Int, _ n: Int, _ bound: Int) -> (end: Int, next: Int, ends: Bool) {
        var j = i
        if j < n, p[j] == CSVTokenizer.quote {
            j += 1
            let stop = min(n, bound)
            while true {
                guard j < stop else { return (0, stop == n ? -1 : -2, true) }
                if p[j] == CSVTokenizer.quote {
                    if j + 1 < n, p[j + 1] == CSVTokenizer.quote { j += 2; continue }
                    j += 1
                    break
                }
                j += 1
            }
            if j == n { return (j, n, true) }
            let c = p[j]
            if c == delimiter { return (j, j + 1, false) }
            if c == CSVTokenizer.lf { return (j, j + 1, true) }
            if c == CSVTokenizer.cr {
                if j + 1 == n { return (j, n, true) }
                if p[j + 1] == CSVTokenizer.lf { return (j, j + 2, true) }
            }
            return (0, -1, true)
        }
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            let lfs: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
            let delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
            while j + 8 <= n {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                let hits = Self.zeroBytes(w ^ lfs) | Self.zeroBytes(w ^ delimiters)
                if hits != 0 {
                    j += hits.trailingZeroBitCount >> 3
                    return finish(i, j, n)
                }
                j += 8
            }
        }
        while j < n {
            let c = p[j]
            if c == delimiter || c == CSVTokenizer.lf { break }
            j += 1
        }
        return finish(i, j, n)
    }

    /// The end of an unquoted field starting at `i` whose scan stopped at `j` (a delimiter, a line feed
    /// or the end).
    @inline(__always)
    private func finish(_ i: Int, _ j: Int, _ n: Int) -> (end: Int, next: Int, ends: Bool) {
        if j < n, p[j] == delimiter { return (j, j + 1, false) }
        let end = j > i && p[j - 1] == CSVTokenizer.cr ? j - 1 : j
        return (end, j < n ? j + 1 : n, true)
    }

    /// 0x80 in each byte of `v` that is zero, 0 elsewhere (exact: no borrow between bytes).
    @inline(__always)
    private static func zeroBytes(_ v: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((v & low) &+ low) | v | low)
    }

    private func grow() {
        let fresh = capacity * 2
        let next = UnsafeMutableRawPointer.allocate(byteCount: fresh * max(1, columnCount) * 8, alignment: 8)
        for c in 0..<columnCount {
            let to = next + c * fresh * 8
            to.copyMemory(from: columns[c].data, byteCount: capacity * 8)
            columns[c].data = to
        }
        slab.deallocate()
        slab = next
        capacity = fresh
    }

    // MARK: values

    /// Stores the field `p[fieldStart..<fieldEnd]` (quotes included) in `row` of column `col`.
    @inline(__always)
    private func put(_ col: UnsafeMutablePointer<CSVChunkColumn>, _ row: Int, _ fieldStart: Int, _ fieldEnd: Int) {
        let action = col.pointee.action
        if action == .skip { return }
        if fieldStart == fieldEnd {
            col.pointee.data.storeBytes(of: 0, toByteOffset: row &<< 3, as: UInt64.self)
            col.pointee.nulls.append(row)
            return
        }
        if store(col, action, row, fieldStart, fieldEnd) { return }
        if action.isFixed {
            if col.pointee.error == nil { col.pointee.error = FieldSpan(start: fieldStart, end: fieldEnd) }
            col.pointee.data.storeBytes(of: 0, toByteOffset: row &<< 3, as: UInt64.self)
            return
        }
        widen(col, row, fieldStart, fieldEnd)
    }

    /// Parses a non-null field as `action` says and stores it; false when it is not such a value.
    @inline(__always)
    private func store(_ col: UnsafeMutablePointer<CSVChunkColumn>, _ action: CSVFieldAction, _ row: Int,
                       _ fieldStart: Int, _ fieldEnd: Int) -> Bool {
        var a = fieldStart, b = fieldEnd
        let quoted = p[a] == CSVTokenizer.quote
        if quoted { a += 1; b -= 1 }
        let data = col.pointee.data
        let offset = row &<< 3
        switch action {
        case .int, .fixedInt:
            guard a < b, let v = Self.int(p, a, b) else { return false }
            data.storeBytes(of: v, toByteOffset: offset, as: Int64.self)
            if v == 0, p[a] == UInt8(ascii: "-") { col.pointee.negativeZero = true }
        case .float:
            guard a < b, let v = Self.float(p, a, b) ?? ByteParse.float(p, a, b) else { return false }
            data.storeBytes(of: v, toByteOffset: offset, as: Double.self)
        case .fixedFloat:
            guard a < b, let v = Self.float(p, a, b) ?? ByteParse.floatOrSpecial(p, a, b) else { return false }
            data.storeBytes(of: v, toByteOffset: offset, as: Double.self)
        case .bool, .fixedBool:
            guard a < b, let v = ByteParse.bool(p, a, b) else { return false }
            data.storeBytes(of: v ? 1 : 0, toByteOffset: offset, as: UInt64.self)
        case .date, .fixedDate:
            guard a < b, let v = Self.date(p, a, b) ?? ByteParse.date(p, a, b) else { return false }
            data.storeBytes(of: v, toByteOffset: offset, as: Int64.self)
        case .datetime, .fixedDatetime:
            if b - a == 10, let d = Self.date(p, a, b) {
                data.storeBytes(of: d &* Temporal.microsPerDay, toByteOffset: offset, as: Int64.self)
                return true
            }
            guard a < b, let v = ByteParse.datetimeOrDate(p, a, b) else { return false }
            data.storeBytes(of: v, toByteOffset: offset, as: Int64.self)
        case .fixedDuration:
            guard a < b, let v = ByteParse.duration(p, a, b) else { return false }
            data.storeBytes(of: v, toByteOffset: offset, as: Int64.self)
        case .string, .fixedString:
            if col.pointee.deferred {
                col.pointee.pending.append(row << 1 | (quoted ? 1 : 0))
                col.pointee.pending.append(a)
                col.pointee.pending.append(b)
            } else {
                data.storeBytes(of: intern(col, a, b, quoted), toByteOffset: offset, as: UInt64.self)
            }
        case .none, .skip:
            return false
        }
        return true
    }

    /// `ByteParse.int`, with a loop free of overflow checks for up to 18 digits.
    @inline(__always)
    private static func int(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Int64? {
        let negative = p[a] == UInt8(ascii: "-")
        var i = negative ? a + 1 : a
        guard i < b else { return nil }
        guard b - i <= 18 else { return ByteParse.int(p, a, b) }
        var v: Int64 = 0
        while i < b {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            v = v &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -v : v
    }

    /// A date written `YYYY-MM-DD` (exactly 10 bytes), else nil (then `ByteParse.date` decides); the
    /// same day number.
    @inline(__always)
    private static func date(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Int64? {
        guard b - a == 10, p[a + 4] == UInt8(ascii: "-"), p[a + 7] == UInt8(ascii: "-") else { return nil }
        let y0 = p[a] &- 48, y1 = p[a + 1] &- 48, y2 = p[a + 2] &- 48, y3 = p[a + 3] &- 48
        let m0 = p[a + 5] &- 48, m1 = p[a + 6] &- 48, d0 = p[a + 8] &- 48, d1 = p[a + 9] &- 48
        guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10, d0 < 10, d1 < 10 else { return nil }
        let year = Int64(y0) * 1000 + Int64(y1) * 100 + Int64(y2) * 10 + Int64(y3)
        let month = Int64(m0) * 10 + Int64(m1), day = Int64(d0) * 10 + Int64(d1)
        guard month >= 1, month <= 12, day >= 1 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let last: Int64 = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31
        guard day <= last else { return nil }
        return Temporal.days(year: year, month: month, day: day)
    }

    /// A float written as up to 15 digits with an optional `-` and `.` (no exponent), else nil (then
    /// `ByteParse.float` decides). The same value `ByteParse.float` gives: the digits as an exact
    /// integer divided by an exact power of ten, rounded once.
    @inline(__always)
    private static func float(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Double? {
        let negative = p[a] == UInt8(ascii: "-")
        var i = negative ? a + 1 : a
        var m: UInt64 = 0
        var digits = 0
        while i < b, p[i] &- 48 < 10 {
            m = m &* 10 &+ UInt64(p[i] &- 48)
            digits += 1
            i += 1
        }
        var fraction = 0
        if i < b, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < b, p[i] &- 48 < 10 {
                m = m &* 10 &+ UInt64(p[i] &- 48)
                fraction += 1
                i += 1
            }
        }
        guard i == b, digits + fraction > 0, digits + fraction <= 15 else { return nil }
        let v = fraction > 0 ? Double(m) / power(fraction) : Double(m)
        return negative ? -v : v
    }

    /// 10^k for k in 1...15.
    @inline(__always)
    private static func power(_ k: Int) -> Double {
        switch k {
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        default: return 1e15
        }
    }

    /// An inferred column met a value its kind does not hold: joins the value's kind in, converts the
    /// slots so far when that is exact (int to float without a `-0`, date to datetime in range, from
    /// no values at all), else marks them stale; then stores the value.
    @inline(never)
    private func widen(_ col: UnsafeMutablePointer<CSVChunkColumn>, _ row: Int, _ fieldStart: Int, _ fieldEnd: Int) {
        var a = fieldStart, b = fieldEnd
        if p[a] == CSVTokenizer.quote { a += 1; b -= 1 }
        let old = col.pointee.kind
        let new = old.joined(with: a < b ? InferredKind.classify(p, a, b) : .string)
        let data = col.pointee.data
        guard new != old else {
            // A value of the column's kind that it cannot hold (a date too far out for a datetime).
            if col.pointee.error == nil { col.pointee.error = FieldSpan(start: fieldStart, end: fieldEnd) }
            data.storeBytes(of: 0, toByteOffset: row &<< 3, as: UInt64.self)
            return
        }
        if !col.pointee.stale, old != .none, row > 0 {
            switch (old, new) {
            case (.int, .float) where !col.pointee.negativeZero:
                for r in 0..<row {
                    data.storeBytes(of: Double(col.pointee.int(r)), toByteOffset: r &<< 3, as: Double.self)
                }
            case (.date, .datetime):
                for r in 0..<row {
                    let (v, overflow) = col.pointee.int(r).multipliedReportingOverflow(by: Temporal.microsPerDay)
                    if overflow { col.pointee.stale = true; break }
                    data.storeBytes(of: v, toByteOffset: r &<< 3, as: Int64.self)
                }
            default:
                col.pointee.stale = true
            }
        }
        col.pointee.kind = new
        let action: CSVFieldAction = col.pointee.stale && new == .string ? .skip : .inferring(new)
        col.pointee.action = action
        if action == .skip { return }
        if !store(col, action, row, fieldStart, fieldEnd) {
            if col.pointee.error == nil { col.pointee.error = FieldSpan(start: fieldStart, end: fieldEnd) }
            data.storeBytes(of: 0, toByteOffset: row &<< 3, as: UInt64.self)
        }
    }

    /// The code of the string `p[a..<b]` (inside quotes when `quoted`, where `""` stands for `"`).
    @inline(__always)
    private func intern(_ col: UnsafeMutablePointer<CSVChunkColumn>, _ a: Int, _ b: Int, _ quoted: Bool) -> UInt64 {
        if quoted {
            var k = a
            while k < b, p[k] != CSVTokenizer.quote { k += 1 }
            if k < b { return internUnescaped(col, a, b) }
        }
        return intern(col, p, a, b)
    }

    @inline(__always)
    private func intern(_ col: UnsafeMutablePointer<CSVChunkColumn>, _ q: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> UInt64 {
        let w = CSVInterner.words(q, a, b)
        let h = CSVInterner.hash(q, a, b, w)
        if let g = col.pointee.global?.find(q, a, b, w, h) { return UInt64(g) }
        return 1 << 32 | UInt64(col.pointee.local.code(q, a, b, w, h))
    }

    /// Looks up a column's deferred strings in row order, touching the table slots of the next
    /// several first so that their cache misses overlap.
    private func resolve(_ col: UnsafeMutablePointer<CSVChunkColumn>) {
        let pending = col.pointee.pending
        let global = col.pointee.global
        let data = col.pointee.data
        var touched: UInt64 = 0
        pending.withUnsafeBufferPointer { e in
            let count = e.count / 3
            var g = 0
            while g < count {
                let stop = min(count, g + 8)
                if let global {
                    for k in g..<stop {
                        let a = e[3 * k + 1], b = e[3 * k + 2]
                        touched ^= global.touch(CSVInterner.hash(p, a, b, CSVInterner.words(p, a, b)))
                    }
                }
                for k in g..<stop {
                    let tagged = e[3 * k]
                    let code = intern(col, e[3 * k + 1], e[3 * k + 2], tagged & 1 == 1)
                    data.storeBytes(of: code, toByteOffset: (tagged >> 1) &<< 3, as: UInt64.self)
                }
                g = stop
            }
        }
        sink = touched
    }

    /// Where `resolve` leaves what it loaded, so the loads are kept.
    private var sink: UInt64 = 0

    @inline(never)
    private func internUnescaped(_ col: UnsafeMutablePointer<CSVChunkColumn>, _ a: Int, _ b: Int) -> UInt64 {
        scratch.removeAll(keepingCapacity: true)
        var k = a
        while k < b {
            scratch.append(p[k])
            k += p[k] == CSVTokenizer.quote ? 2 : 1
        }
        return scratch.withUnsafeBufferPointer { intern(col, $0, 0, $0.count) }
    }
}
