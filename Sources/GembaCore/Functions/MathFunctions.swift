#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Math functions. Out-of-domain inputs (sqrt or log of a negative) give null, not NaN.
enum MathFunctions {
    static func apply(_ f: ScalarFunction, _ a: [Value]) -> Value {
        switch f {
        case .abs:
            switch a[0] {
            case .int(let v): return v == .min ? .null : .int(Swift.abs(v))
            case .float(let v): return .float(Swift.abs(v))
            case .duration(let v): return v == .min ? .null : .duration(Swift.abs(v))
            default: return .null
            }
        case .round:
            var digits: Int64 = 0
            if a.count > 1 { guard case .int(let d) = a[1] else { return .null }; digits = d }
            switch a[0] {
            case .int(let v):
                guard digits < 0 else { return .int(v) }
                // Exact in integers, half away from zero; 10^19 and more is past Int64 (null when it would round up to it).
                guard digits > -19 else { return v.magnitude >= 5_000_000_000_000_000_000 ? .null : .int(0) }
                var scale: Int64 = 1
                for _ in 0..<Int(-digits) { scale *= 10 }
                var q = v / scale
                if (v % scale).magnitude * 2 >= scale.magnitude { q += v < 0 ? -1 : 1 }
                let (out, overflow) = q.multipliedReportingOverflow(by: scale)
                return overflow ? .null : .int(out)
            case .float(let v):
                let scale = Double.pow10(Int(max(-300, min(300, digits))))
                return .float((v * scale).rounded(.toNearestOrAwayFromZero) / scale)
            default: return .null
            }
        case .floor, .ceil:
            switch a[0] {
            case .int: return a[0]
            case .float(let v): return .float(f == .floor ? v.rounded(.down) : v.rounded(.up))
            default: return .null
            }
        case .sqrt:
            guard let v = a[0].asDouble, v >= 0 else { return .null }
            return .float(v.squareRoot())
        case .log:
            guard let v = a[0].asDouble, v > 0 else { return .null }
            return .float(Glibc.log(v))
        case .exp:
            guard let v = a[0].asDouble else { return .null }
            return finite(Glibc.exp(v))
        case .pow:
            guard let x = a[0].asDouble, let y = a[1].asDouble else { return .null }
            return finite(Glibc.pow(x, y))
        default: return .null
        }
    }

    private static func finite(_ v: Double) -> Value { v.isFinite ? .float(v) : .null }
}

extension Double {
    /// 10 to the power `n` (n may be negative).
    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<Swift.abs(n) { r *= 10 }
        return n < 0 ? 1 / r : r
    }
}
