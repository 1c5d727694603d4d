/// A packed bit set, one bit per row; used as a column's validity (1 = a value, 0 = null).
public struct Bitmap: Sendable, Equatable {
    /// The 64-bit words holding the bits, least significant bit first.
    public private(set) var words: [UInt64]
    /// The number of bits.
    public private(set) var count: Int

    /// A bitmap of `count` bits, all set to `value`.
    public init(count: Int, value: Bool) {
        self.count = count
        let n = (count + 63) >> 6
        words = [UInt64](repeating: value ? ~0 : 0, count: n)
        if value, count & 63 != 0, n > 0 { words[n - 1] = (1 << UInt64(count & 63)) - 1 }
    }

    /// The bit at `i`.
    @inline(__always) public subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
    }

    /// Appends one bit.
    @inline(__always) public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        if bit { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// Reserves room for `n` bits in total.
    public mutating func reserveCapacity(_ n: Int) { words.reserveCapacity((n + 63) >> 6) }

    /// The number of set bits.
    public var setCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// True when every bit is set.
    public var allSet: Bool { setCount == count }
}

extension Bitmap {
    /// Gives mutable access to the words (kernels combine bitmaps a word at a time).
    public mutating func withUnsafeMutableWords<R>(_ body: (inout [UInt64]) -> R) -> R {
        body(&words)
    }
}
