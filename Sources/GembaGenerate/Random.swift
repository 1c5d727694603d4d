import GembaCore

/// A SplitMix64 stream. Every generated row (or person, project, item) gets its own stream made from
/// the seed, a stream name and its index, so a row never depends on the rows before it: the first
/// million rows of a ten-million-row file are the million-row file.
///
/// Only integer arithmetic and IEEE `+ - * /` are used (no `log` from the C library), so the same
/// seed gives the same bytes on every platform.
struct Random {
    private var state: UInt64

    /// Streams, one per kind of thing generated.
    enum Stream: UInt64 {
        case person = 1, project, item, allocation
        /// The simulated organisation (`gemba generate --org`): its structure, people, initiatives,
        /// each team's arrivals and days, and each sales team's deals.
        case orgStructure, orgPerson, orgInitiative, orgArrivals, orgTeam, orgSales
    }

    init(seed: UInt64, _ stream: Stream, _ index: Int) {
        state = Random.mix(Random.mix(seed &+ stream.rawValue &* 0xA076_1D64_78BD_642F) ^ UInt64(truncatingIfNeeded: index))
    }

    /// SplitMix64's finalizer.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<n (n below 2³²), by multiply-and-shift.
    @inline(__always) mutating func below(_ n: Int) -> Int {
        Int(((next() >> 32) &* UInt64(n)) >> 32)
    }

    /// A number in [0, 1).
    @inline(__always) mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// An exponentially distributed number with this mean.
    @inline(__always) mutating func exponential(mean: Double) -> Double {
        -Random.ln(1 - unit()) * mean
    }

    /// The natural logarithm of a positive x, to about 1e-13, by the atanh series (deterministic).
    static func ln(_ x: Double) -> Double {
        let e = Double(x.exponent)
        let m = x.significand                      // [1, 2)
        let s = (m - 1) / (m + 1)                  // [0, 1/3)
        let s2 = s * s
        var term = s
        var sum = 0.0
        var k = 1.0
        for _ in 0..<14 {
            sum += term / k
            term *= s2
            k += 2
        }
        return e * 0.693_147_180_559_945_3 + 2 * sum
    }
}

/// Days since 1970-01-01 and back, in the generator's `Int`s: GembaCore's `Temporal` does the calendar.
enum CivilDate {
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
        Int(Temporal.days(year: Int64(y), month: Int64(m), day: Int64(d)))
    }

    static func ymd(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let (y, m, d) = Temporal.civil(Int64(days))
        return (Int(y), Int(m), Int(d))
    }

    /// 0 for Monday … 6 for Sunday.
    static func weekday(_ days: Int) -> Int { Int(Temporal.dayOfWeek(Int64(days))) - 1 }

    /// `YYYY-MM-DD`.
    static func text(_ days: Int) -> String { Temporal.formatDate(Int64(days)) }
}
