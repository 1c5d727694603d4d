/// Combining validity bitmaps (nil = all valid) word by word.
enum Validity {
    /// Rows valid in both.
    static func and(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        guard let a else { return b }
        guard let b else { return a }
        var out = a
        out.formIntersection(b)
        return out
    }

    /// A bitmap with the rows where `isValid` holds, or nil when all do.
    static func build(count: Int, _ isValid: (Int) -> Bool) -> Bitmap? {
        var out: Bitmap? = nil
        for i in 0..<count where !isValid(i) {
            if out == nil { out = Bitmap(count: count, value: true) }
            out?[i] = false
        }
        return out
    }
}

extension Bitmap {
    /// Keeps only the bits also set in `other` (same count).
    mutating func formIntersection(_ other: Bitmap) {
        withUnsafeMutableWords { w in
            for k in 0..<min(w.count, other.words.count) { w[k] &= other.words[k] }
        }
    }
}
