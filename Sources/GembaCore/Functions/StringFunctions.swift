/// String functions. Positions and lengths count characters (extended grapheme clusters), as people
/// read them.
enum StringFunctions {
    /// Applies a string function once per distinct string, keeping the codes.
    static func mapDictionary(_ c: Column, _ f: (String) -> String) -> Column {
        guard case .string(let codes, let dict) = c.data else { return c }
        var b = StringDictionaryBuilder()
        let remap = dict.values.map { b.code(for: f($0)) }
        return Column(type: .string, data: .string(codes.map { remap[Int($0)] }, b.build()), validity: c.validity)
    }

    static func apply(_ f: ScalarFunction, _ a: [Value]) -> Value {
        if f == .strcat { return .string(a.map { $0.isNull ? "" : $0.text }.joined()) }
        guard case .string(let s) = a[0] else { return .null }
        switch f {
        case .strlen: return .int(Int64(s.count))
        case .tolower: return .string(s.lowercased())
        case .toupper: return .string(s.uppercased())
        case .trim: return .string(s.trimmingWhitespace)
        case .substring:
            // KQL: 0-based start; a negative start counts from the end; a missing length runs to the end.
            guard case .int(let start) = a[1] else { return .null }
            let chars = Array(s)
            let from = Int(max(0, min(start < 0 ? Int64(chars.count) + start : start, Int64(chars.count))))
            var to = chars.count
            if a.count > 2 {
                guard case .int(let len) = a[2] else { return .null }
                to = from + Int(min(max(0, len), Int64(chars.count - from)))
            }
            return .string(String(chars[from..<to]))
        case .replace:
            guard case .string(let find) = a[1], case .string(let with) = a[2] else { return .null }
            return .string(replacing(s, find, with))
        case .splitAt:
            guard case .string(let sep) = a[1], case .int(let i) = a[2] else { return .null }
            let parts = split(s, sep)
            let k = i < 0 ? Int64(parts.count) + i : i
            return k >= 0 && k < parts.count ? .string(parts[Int(k)]) : .null
        default: return .null
        }
    }

    /// The regular expression `pattern` (`matches regex`), or an error at `range` saying why it does
    /// not compile. The binder calls it on a constant pattern, the executor on one from a column.
    static func regex(_ pattern: String, range: SourceRange) throws(Diagnostic) -> Regex<AnyRegexOutput> {
        do { return try Regex(pattern) } catch {
            throw Diagnostic("invalid regular expression \"\(pattern)\": \(error)", at: range)
        }
    }

    /// `s` with every non-overlapping `find` replaced, left to right (plain text, not a pattern).
    static func replacing(_ s: String, _ find: String, _ with: String) -> String {
        guard !find.isEmpty else { return s }
        let sb = Array(s.utf8), fb = Array(find.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < sb.count {
            if i + fb.count <= sb.count, sb[i] == fb[0], Array(sb[i..<(i + fb.count)]) == fb {
                out.append(contentsOf: with.utf8)
                i += fb.count
            } else {
                out.append(sb[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `s` cut at each `sep` (an empty separator gives `s` alone).
    static func split(_ s: String, _ sep: String) -> [String] {
        guard !sep.isEmpty else { return [s] }
        let sb = Array(s.utf8), pb = Array(sep.utf8)
        var parts: [String] = []
        var start = 0, i = 0
        while i + pb.count <= sb.count {
            if Array(sb[i..<(i + pb.count)]) == pb {
                parts.append(String(decoding: sb[start..<i], as: UTF8.self))
                i += pb.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: sb[start...], as: UTF8.self))
        return parts
    }
}
