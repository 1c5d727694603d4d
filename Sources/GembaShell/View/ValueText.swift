import GembaCore

/// The text of a value as the terminal table shows it: `null` for null, the usual output text
/// otherwise, with control characters made visible so one cell stays on one line.
public enum ValueText {
    /// Row `row` of `column` as shown in a table cell.
    public static func cell(_ column: Column, _ row: Int) -> String {
        display(column.value(at: row))
    }

    /// A value as shown in a table cell.
    public static func display(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .string(let s): return visible(s)
        default: return value.text
        }
    }

    /// `text` with line breaks, tabs and other control characters written as escapes (`\n`, `\t`,
    /// `\r`, `\u{1B}`), so it takes one line.
    public static func visible(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) || text.unicodeScalars.contains(where: { $0.value >= 0x80 && $0.value < 0xA0 }) else {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F..<0xA0: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `n` with a comma between each group of three digits: `1,234,567`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (k, d) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return n < 0 ? "-" + out : out
    }
}
