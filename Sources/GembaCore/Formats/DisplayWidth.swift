/// How many terminal columns text takes (a small `wcwidth`): East Asian wide and fullwidth
/// characters and emoji take 2, combining marks and other zero-width characters 0, the rest 1.
/// Used by the Markdown writer and the shell's table view to line up columns.
public enum DisplayWidth {
    /// The width of a string: the sum of its characters' widths.
    public static func of(_ text: String) -> Int {
        var ascii = true
        for b in text.utf8 where b < 0x20 || b >= 0x7F { ascii = false; break }
        if ascii { return text.utf8.count }
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    /// The width of one character (grapheme cluster): 2 when it is shown as an emoji (an emoji
    /// presentation base, or any emoji followed by U+FE0F), otherwise the sum of its scalars' widths.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value >= 0x20 ? (scalars.count == 1 ? 1 : sum(scalars)) : 0 }
        if first.properties.isEmojiPresentation { return 2 }
        if first.properties.isEmoji, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return sum(scalars)
    }

    private static func sum(_ scalars: Character.UnicodeScalarView) -> Int {
        var total = 0
        for s in scalars { total += of(s) }
        return total
    }

    /// The width of one scalar: 0, 1 or 2. Control characters count 0.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v == 0xAD { return 1 }
        if v >= 0x1160, v <= 0x11FF { return 0 } // Hangul medial vowels and final consonants
        if v == 0x200B { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges.
    private static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        switch v {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
             0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
             0x1F250...0x1F251, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
