/// Dictionary-encodes a CSV column's strings from their bytes, handing out codes in first-seen order,
/// without making a `String` for a value it has seen before.
///
/// The reader keeps one per string column and one per chunk and column: while the chunks are read,
/// they only look values up in the column's table (through a `Snapshot`, plain pointers that nobody
/// changes meanwhile) and add the values it lacks to their own; between windows the reader adds
/// those, in chunk order, so the codes are the ones a single pass gives.
///
/// A slot holds a value's first 16 bytes, its length and its code, so a value of up to 16 bytes (most
/// names, ids, codes and categories) is found with one memory access, however large the table.
final class CSVInterner {
    /// One slot of the open-addressing table.
    fileprivate struct Slot {
        /// The value's first 16 bytes, little-endian, zero-padded.
        var word: UInt64
        var word2: UInt64
        /// The value's length (capped at `UInt32.max`) in the high half, code + 1 in the low half;
        /// 0 for an empty slot.
        var meta: UInt64
    }

    /// Read-only pointers into an interner's table, valid until it next adds a value.
    struct Snapshot {
        fileprivate let slots: UnsafeMutablePointer<Slot>
        fileprivate let shift: UInt64
        fileprivate let mask: Int
        fileprivate let starts: UnsafeMutablePointer<Int>
        fileprivate let arena: UnsafeMutablePointer<UInt8>

        /// Loads the slot where a lookup of `hash` starts (to bring it into the cache).
        @inline(__always)
        func touch(_ hash: UInt64) -> UInt64 { slots[Int(truncatingIfNeeded: hash >> shift)].meta }

        /// The code of the bytes `q[start..<end]` (whose `words` and `hash` are given), or nil.
        @inline(__always)
        func find(_ q: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ words: (UInt64, UInt64), _ hash: UInt64) -> UInt32? {
            let tag = CSVInterner.lengthTag(end - start)
            var slot = Int(truncatingIfNeeded: hash >> shift)
            while true {
                let s = slots[slot]
                if s.meta == 0 { return nil }
                if s.word == words.0, s.word2 == words.1, s.meta & CSVInterner.high == tag {
                    let c = Int(truncatingIfNeeded: s.meta & CSVInterner.low) - 1
                    if end - start <= 16 || CSVInterner.equalTail(arena, starts[c], starts[c + 1], q, start, end) {
                        return UInt32(truncatingIfNeeded: c)
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    fileprivate static let high: UInt64 = 0xFFFF_FFFF_0000_0000
    fileprivate static let low: UInt64 = 0x0000_0000_FFFF_FFFF

    private var slots: UnsafeMutablePointer<Slot>
    private var slotBits: Int
    /// Where each code's bytes start in `arena`; code `c` ends where `c + 1` starts.
    private var starts: UnsafeMutablePointer<Int>
    private var capacity: Int
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int
    /// The number of distinct values.
    private(set) var count = 0

    init() {
        slotBits = 6
        slots = .allocate(capacity: 1 << slotBits)
        slots.initialize(repeating: Slot(word: 0, word2: 0, meta: 0), count: 1 << slotBits)
        capacity = 16
        starts = .allocate(capacity: capacity + 1)
        starts[0] = 0
        arenaCapacity = 256
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        starts.deallocate()
        arena.deallocate()
    }

    private var shift: UInt64 { UInt64(64 - slotBits) }

    /// Pointers for lookups while nothing is added.
    var snapshot: Snapshot {
        Snapshot(slots: slots, shift: shift, mask: (1 << slotBits) - 1, starts: starts, arena: arena)
    }

    /// Forgets every value, keeping the memory.
    func removeAll() {
        if count > 0 { slots.update(repeating: Slot(word: 0, word2: 0, meta: 0), count: 1 << slotBits) }
        count = 0
        arenaCount = 0
    }

    /// The code of `q[start..<end]`, adding it if new.
    func code(_ q: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32 {
        let w = Self.words(q, start, end)
        return code(q, start, end, w, Self.hash(q, start, end, w))
    }

    /// The code of `q[start..<end]` (whose `words` and `hash` are given), adding it if new.
    @inline(__always)
    func code(_ q: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ words: (UInt64, UInt64), _ hash: UInt64) -> UInt32 {
        let tag = Self.lengthTag(end - start)
        let mask = (1 << slotBits) - 1
        var slot = Int(truncatingIfNeeded: hash >> shift)
        while true {
            let s = slots[slot]
            if s.meta == 0 { break }
            if s.word == words.0, s.word2 == words.1, s.meta & Self.high == tag {
                let c = Int(truncatingIfNeeded: s.meta & Self.low) - 1
                if end - start <= 16 || Self.equalTail(arena, starts[c], starts[c + 1], q, start, end) {
                    return UInt32(truncatingIfNeeded: c)
                }
            }
            slot = (slot + 1) & mask
        }
        return add(q, start, end, words, slot: slot)
    }

    /// The code of value `c` of `other`, adding it if new.
    func code(ofValue c: Int, in other: CSVInterner) -> UInt32 {
        code(UnsafeBufferPointer(start: other.arena, count: other.arenaCount), other.starts[c], other.starts[c + 1])
    }

    private func add(_ q: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ words: (UInt64, UInt64), slot: Int) -> UInt32 {
        let c = count
        if c == capacity {
            capacity *= 2
            starts = Self.moved(starts, count: c + 1, to: capacity + 1)
        }
        let length = end - start
        if arenaCount + length > arenaCapacity {
            var fresh = arenaCapacity * 2
            while fresh < arenaCount + length { fresh *= 2 }
            arena = Self.moved(arena, count: arenaCount, to: fresh)
            arenaCapacity = fresh
        }
        if length > 0, let base = q.baseAddress { (arena + arenaCount).update(from: base + start, count: length) }
        arenaCount += length
        starts[c + 1] = arenaCount
        slots[slot] = Slot(word: words.0, word2: words.1, meta: Self.lengthTag(length) | UInt64(c + 1))
        count = c + 1
        if count * 2 > 1 << slotBits { grow() }
        return UInt32(truncatingIfNeeded: c)
    }

    /// Doubles the table, placing every value again by its hash.
    private func grow() {
        let old = slots, oldSize = 1 << slotBits
        slotBits += 1
        let size = 1 << slotBits, mask = size - 1, shift = self.shift
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(word: 0, word2: 0, meta: 0), count: size)
        let bytes = UnsafeBufferPointer(start: arena, count: arenaCount)
        for k in 0..<oldSize where old[k].meta != 0 {
            let s = old[k]
            let c = Int(truncatingIfNeeded: s.meta & Self.low) - 1
            var slot = Int(truncatingIfNeeded: Self.hash(bytes, starts[c], starts[c + 1], (s.word, s.word2)) >> shift)
            while slots[slot].meta != 0 { slot = (slot + 1) & mask }
            slots[slot] = s
        }
        old.deallocate()
    }

    private static func moved<T>(_ old: UnsafeMutablePointer<T>, count: Int, to capacity: Int) -> UnsafeMutablePointer<T> {
        let fresh = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        fresh.moveInitialize(from: old, count: count)
        old.deallocate()
        return fresh
    }

    /// The dictionary of the values, code for code. The bytes must be valid UTF-8.
    func build() -> StringDictionary {
        StringDictionary((0..<count).map { c in
            String(decoding: UnsafeBufferPointer(start: arena + starts[c], count: starts[c + 1] - starts[c]), as: UTF8.self)
        })
    }

    /// A length in a slot's high half.
    @inline(__always)
    fileprivate static func lengthTag(_ length: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: min(length, Int(UInt32.max))) << 32
    }

    /// The first (up to) 16 bytes of `q[start..<end]` as two little-endian words, zero-padded.
    @inline(__always)
    static func words(_ q: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (UInt64, UInt64) {
        let length = end - start
        guard let base = q.baseAddress else { return (0, 0) }
        if start + 16 <= q.count {
            let raw = UnsafeRawPointer(base)
            let w0 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self))
            return (w0 & mask(length), w1 & mask(length &- 8))
        }
        var w0: UInt64 = 0, w1: UInt64 = 0
        var k = 0
        while k < length, k < 16 {
            let b = UInt64(base[start + k])
            if k < 8 { w0 |= b << UInt64(k * 8) } else { w1 |= b << UInt64((k - 8) * 8) }
            k += 1
        }
        return (w0, w1)
    }

    /// The mask keeping the low `n` bytes of a word (`n` may be below 0 or above 8).
    @inline(__always)
    private static func mask(_ n: Int) -> UInt64 {
        n >= 8 ? ~0 : n <= 0 ? 0 : (1 << UInt64(truncatingIfNeeded: n &* 8)) &- 1
    }

    /// A 64-bit hash of `q[start..<end]`, whose first 16 bytes are `words`; the table uses its high bits.
    @inline(__always)
    static func hash(_ q: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ words: (UInt64, UInt64)) -> UInt64 {
        let length = end - start
        var h = (words.0 &+ UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15) &* 0xD6E8_FEB8_6659_FD93
        h = (h ^ (h >> 31) ^ words.1) &* 0xC4CE_B9FE_1A85_EC53
        if length > 16, let base = q.baseAddress {
            let raw = UnsafeRawPointer(base)
            var i = start + 16
            while i < end {
                var w: UInt64
                if i + 8 <= end {
                    w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                } else {
                    w = 0
                    var shift: UInt64 = 0
                    for k in i..<end {
                        w |= UInt64(base[k]) << shift
                        shift += 8
                    }
                }
                h = (h ^ (h >> 31) ^ w) &* 0xC4CE_B9FE_1A85_EC53
                i += 8
            }
        }
        return h
    }

    /// True when `a[aStart..<aEnd]` and `q[start..<end]` hold the same bytes after their first 16
    /// (known equal, as are the lengths).
    @inline(__always)
    fileprivate static func equalTail(_ a: UnsafeMutablePointer<UInt8>, _ aStart: Int, _ aEnd: Int,
                                      _ q: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard aEnd - aStart == length, let base = q.baseAddress else { return false }
        var k = 16
        while k < length {
            if a[aStart + k] != base[start + k] { return false }
            k += 1
        }
        return true
    }
}
