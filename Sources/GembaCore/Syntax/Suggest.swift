/// "Did you mean" hints: the known names nearest to an unknown one.
public enum Suggest {
    /// Names within edit distance 2 of `name` (case-insensitive), nearest first.
    public static func nearest(_ name: String, among candidates: [String], limit: Int = 3) -> [String] {
        let lower = Array(name.lowercased())
        var scored: [(Int, String)] = []
        for c in Set(candidates) {
            let d = distance(lower, Array(c.lowercased()))
            if d <= 2, d < max(lower.count, 1) { scored.append((d, c)) }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.1)
    }

    /// The note lines for an unknown name: `did you mean 'x'?`, else the available names when few.
    public static func notes(for name: String, among candidates: [String], what: String) -> [String] {
        let near = nearest(name, among: candidates)
        if !near.isEmpty {
            return ["did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"]
        }
        if !candidates.isEmpty, candidates.count <= 30 {
            return ["\(what): " + candidates.sorted().joined(separator: ", ")]
        }
        return []
    }

    /// Levenshtein distance, with a transposition counting as one edit.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cur[j] = min(cur[j], prev2[j - 2] + 1) }
            }
            prev2 = prev; prev = cur
        }
        return prev[b.count]
    }
}
