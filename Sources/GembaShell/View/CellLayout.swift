import GembaCore

/// Fitting text into a cell of a fixed display width: truncating with `…`, padding and aligning.
enum CellLayout {
    /// How text sits in its cell.
    enum Alignment {
        case left, right, center
    }

    /// `text` cut to at most `width` columns, ending in `…` when it was cut.
    static func truncate(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// `text` truncated to `width` and padded with spaces to exactly `width` columns.
    static func fit(_ text: String, width: Int, _ alignment: Alignment) -> String {
        let t = truncate(text, to: width)
        let gap = max(0, width - DisplayWidth.of(t))
        switch alignment {
        case .left: return t + spaces(gap)
        case .right: return spaces(gap) + t
        case .center: return spaces(gap / 2) + t + spaces(gap - gap / 2)
        }
    }

    /// `n` spaces.
    static func spaces(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }
}
