#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dictionary-encodes strings given as UTF-8 bytes, handing out codes in first-seen order, without
/// making a `String` for a value it has seen before. `build` makes the `StringDictionary`.
public struct ByteStringInterner {
    /// The distinct values' bytes, one after another.
    private var arena: [UInt8] = []
    /// Where each code's bytes start in `arena`; code `c` ends where `c + 1` starts.
    private var starts: [Int] = [0]
    /// Each code's hash, to grow the table without rehashing bytes.
    private var hashes: [UInt64] = []
    /// Open addressing: a code + 1, or 0 for an empty slot.
    private var slots: [UInt32] = [UInt32](repeating: 0, count: 64)

    /// An empty interner.
    public init() {}

    /// The number of distinct values so far.
    public var count: Int { hashes.count }

    /// The code of the bytes `p[start..<end]`, adding them if new.
    @inline(__always)
    public mutating func code(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32 {
        let h = Self.hash(p, start, end)
        let (found, slot) = probe(h, p, start, end)
        if let found { return found }
        let code = UInt32(hashes.count)
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<end]))
        starts.append(arena.count)
        hashes.append(h)
        slots[slot] = code + 1
        if hashes.count * 2 > slots.count { grow() }
        return code
    }

    /// The code of the bytes if seen, else the empty slot where they go. Reads the tables through
    /// unsafe pointers: this runs once per string value read, so bounds and uniqueness checks add up.
    @inline(__always)
    private func probe(_ h: UInt64, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (UInt32?, Int) {
        slots.withUnsafeBufferPointer { sl in
            hashes.withUnsafeBufferPointer { hs in
                starts.withUnsafeBufferPointer { st in
                    arena.withUnsafeBufferPointer { a in
                        let mask = sl.count - 1
                        var slot = Int(truncatingIfNeeded: h) & mask
                        let length = end - start
                        while true {
                            let entry = sl[slot]
                            if entry == 0 { return (nil, slot) }
                            let c = Int(entry &- 1)
                            if hs[c] == h, st[c + 1] - st[c] == length, Self.same(a, st[c], p, start, length) {
                                return (UInt32(c), slot)
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    /// The code of `bytes`, adding them if new.
    public mutating func code(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { code($0, 0, $0.count) }
    }

    /// True when `length` bytes at `a[i]` and `p[j]` are equal.
    @inline(__always)
    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ p: UnsafeBufferPointer<UInt8>, _ j: Int, _ length: Int) -> Bool {
        if length == 0 { return true }
        guard let x = a.baseAddress, let y = p.baseAddress else { return false }
        return memcmp(x + i, y + j, length) == 0
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        for (c, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while fresh[slot] != 0 { slot = (slot + 1) & mask }
            fresh[slot] = UInt32(c + 1)
        }
        slots = fresh
    }

    /// A fast 64-bit hash of bytes, eight at a time.
    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(end - start)
        var i = start
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= end {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < end {
            tail |= UInt64(p[i]) << shift
            shift += 8; i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        h = h &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 32)
    }

    /// The dictionary of the values seen, code for code (strings stay byte-exact, see `ExactString`).
    /// The bytes must be valid UTF-8.
    public func build() -> StringDictionary {
        arena.withUnsafeBufferPointer { a in
            StringDictionary((0..<count).map { c in
                String(decoding: UnsafeBufferPointer(rebasing: a[starts[c]..<starts[c + 1]]), as: UTF8.self)
            })
        }
    }
}
