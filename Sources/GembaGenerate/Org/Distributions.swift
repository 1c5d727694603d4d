/// Distributions the organisation's simulation draws from. Like `Random` itself they use only integer
/// arithmetic, IEEE `+ - * /` and `squareRoot()` (correctly rounded everywhere), never the C library's
/// `exp` or `log`, so a seed gives the same numbers on every platform.
extension Random {
    /// True with probability `p`.
    @inline(__always) mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A standard normal number (Marsaglia's polar method).
    mutating func normal() -> Double {
        while true {
            let u = 2 * unit() - 1, v = 2 * unit() - 1
            let s = u * u + v * v
            if s > 0, s < 1 { return u * (-2 * Random.ln(s) / s).squareRoot() }
        }
    }

    /// A lognormal number with this median and log-scale spread (`exp(ln(median) + sigma · Z)`).
    mutating func lognormal(median: Double, sigma: Double) -> Double {
        median * Random.exp(sigma * normal())
    }

    /// An index drawn with the given weights (not all zero; weights are not negative).
    mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var w = below(max(total, 1))
        for (i, weight) in weights.enumerated() {
            if w < weight { return i }
            w -= weight
        }
        return weights.count - 1
    }

    /// e^x for |x| up to about 700, to about 1e-15 relative: x = k·ln 2 + r with |r| ≤ ln 2 / 2, a Taylor
    /// series for e^r, then a power of two (deterministic).
    static func exp(_ x: Double) -> Double {
        let ln2 = 0.693_147_180_559_945_3
        let clamped = min(max(x, -700), 700)
        let k = (clamped / ln2).rounded()
        let r = clamped - k * ln2
        var term = 1.0, sum = 1.0
        for n in 1...22 {
            term *= r / Double(n)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }
}
