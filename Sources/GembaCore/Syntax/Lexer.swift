/// Turns statement text into tokens. Never fails: bad input becomes an `.invalid` token that the
/// parser reports with its position.
public struct Lexer {
    private let b: [UInt8]
    private var i = 0
    private var tokens: [Token] = []

    /// Tokenizes `source`; the result always ends with an `.end` token.
    public static func tokenize(_ source: SourceText) -> [Token] {
        var lexer = Lexer(b: source.bytes)
        lexer.run()
        return lexer.tokens
    }

    private init(b: [UInt8]) { self.b = b }

    private func peek(_ k: Int = 0) -> UInt8 { i + k < b.count ? b[i + k] : 0 }

    private mutating func add(_ kind: TokenKind, _ text: String, _ start: Int) {
        tokens.append(Token(kind, text, SourceRange(start, i)))
    }

    private mutating func run() {
        while i < b.count {
            let c = b[i], start = i
            switch c {
            case 32, 9, 13:
                i += 1
            case 10:
                i += 1
                add(.newline, "\n", start)
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                if isIntegerDivision() {
                    i += 2
                    add(.symbol, "//", start)
                } else {
                    while i < b.count, b[i] != 10 { i += 1 }
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                lexString(quote: c)
            case UInt8(ascii: "@"):
                lexTemporal()
            case _ where isDigit(c), UInt8(ascii: ".") where isDigit(peek(1)) && !(tokens.last?.endsOperand ?? false):
                lexNumber()
            case _ where isIdentStart(c):
                lexIdentifier()
            default:
                lexSymbol()
            }
        }
        tokens.append(Token(.end, "", SourceRange(b.count, b.count)))
    }

    /// `//` divides when it follows an operand on the same line and an operand follows it; otherwise it
    /// starts a comment (so `x // 2` divides and `take 5; // note` is a comment).
    private func isIntegerDivision() -> Bool {
        guard let last = tokens.last, last.endsOperand else { return false }
        var k = i + 2
        while k < b.count, b[k] == 32 || b[k] == 9 { k += 1 }
        guard k < b.count else { return false }
        let c = b[k]
        return isDigit(c) || c == UInt8(ascii: "(") || c == UInt8(ascii: "-") || c == UInt8(ascii: "@")
            || (isIdentStart(c) && !followedByWords(from: k))
    }

    /// True when the text from `k` to the end of the line is several plain words: prose, not an operand.
    private func followedByWords(from k: Int) -> Bool {
        var j = k, words = 0, inWord = false
        while j < b.count, b[j] != 10 {
            let c = b[j]
            if isIdentChar(c) { if !inWord { words += 1; inWord = true } }
            else if c == 32 || c == 9 { inWord = false }
            else { return false }
            j += 1
        }
        return words > 1
    }

    private mutating func lexString(quote: UInt8) {
        let start = i
        i += 1
        var out: [UInt8] = []
        while i < b.count {
            let c = b[i]
            if c == quote {
                i += 1
                add(.string, String(decoding: out, as: UTF8.self), start)
                return
            }
            if c == UInt8(ascii: "\\") {
                let e = peek(1)
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): out.append(e)
                default:
                    i += 2
                    add(.invalid, "unknown escape '\\\(String(decoding: [e], as: UTF8.self))' in string", i - 2)
                    continue
                }
                i += 2
                continue
            }
            out.append(c)
            i += 1
        }
        add(.invalid, "unterminated string", start)
    }

    private mutating func lexTemporal() {
        let start = i
        i += 1
        while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: ":") || b[i] == UInt8(ascii: "T")
                || b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: ".") {
            // `..` ends the literal: `@2026-01-01..@2026-02-01`.
            if b[i] == UInt8(ascii: "."), peek(1) == UInt8(ascii: ".") { break }
            i += 1
        }
        let text = String(decoding: b[(start + 1)..<i], as: UTF8.self)
        if Temporal.parseDate(text) != nil {
            add(.date, text, start)
        } else if text.count > 10, Temporal.parseDatetime(text) != nil {
            add(.datetime, text, start)
        } else {
            add(.invalid, "invalid date or datetime literal '@\(text)' (expected @YYYY-MM-DD or @YYYY-MM-DDTHH:MM:SSZ)", start)
        }
    }

    private mutating func lexNumber() {
        let start = i
        var isFloat = false
        while i < b.count, isDigit(b[i]) || (b[i] == UInt8(ascii: "_") && isDigit(peek(1))) { i += 1 }
        if peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            isFloat = true
            i += 1
            while i < b.count, isDigit(b[i]) || (b[i] == UInt8(ascii: "_") && isDigit(peek(1))) { i += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
            if isDigit(peek(sign ? 2 : 1)) {
                isFloat = true
                i += sign ? 2 : 1
                while i < b.count, isDigit(b[i]) { i += 1 }
            }
        }
        let digits = String(decoding: b[start..<i], as: UTF8.self).filter { $0 != "_" }
        if i < b.count, isIdentStart(b[i]) || b[i] == 0xC2 {
            // A unit: a duration literal such as 90s or 1.5d, or several parts as durations print (1d2h, 1m30.5s).
            let unitStart = i
            while i < b.count, isIdentChar(b[i]) || b[i] >= 0x80 || (b[i] == UInt8(ascii: ".") && isDigit(peek(1))) { i += 1 }
            let unit = String(decoding: b[unitStart..<i], as: UTF8.self)
            if Conversion.parseDuration(digits + unit) != nil {
                add(.duration, digits + unit, start)
            } else if Conversion.parseDuration("1" + unit) != nil {
                // The units are right: the number is too large for a duration (microseconds in 64 bits).
                add(.invalid, "duration '\(String(decoding: b[start..<i], as: UTF8.self))' is out of range (at most about 292,000 years)", start)
            } else {
                add(.invalid, "invalid number '\(String(decoding: b[start..<i], as: UTF8.self))' (a duration takes w, d, h, m, s, ms or us)", start)
            }
            return
        }
        if isFloat {
            add(.float, digits, start)
        } else if Int64(digits) != nil {
            add(.int, digits, start)
        } else {
            add(.invalid, "integer literal \(digits) does not fit in 64 bits", start)
        }
    }

    private mutating func lexIdentifier() {
        let start = i
        while i < b.count, isIdentChar(b[i]) { i += 1 }
        var text = String(decoding: b[start..<i], as: UTF8.self)
        // Hyphenated operator names are one identifier.
        if text == "project" {
            for suffix in ["-away", "-rename", "-keep", "-reorder"] {
                let s = Array(suffix.utf8)
                if i + s.count <= b.count, Array(b[i..<(i + s.count)]) == s, !(i + s.count < b.count && isIdentChar(b[i + s.count])) {
                    i += s.count
                    text += suffix
                    break
                }
            }
        }
        add(.identifier, text, start)
    }

    private mutating func lexSymbol() {
        let start = i
        let two = String(decoding: b[i..<min(i + 2, b.count)], as: UTF8.self)
        if ["==", "!=", "<=", ">=", "..", "=~", "!~"].contains(two) {
            i += 2
            add(.symbol, two, start)
            return
        }
        if two == "!i", i + 3 <= b.count, b[i + 2] == UInt8(ascii: "n"), !(i + 3 < b.count && isIdentChar(b[i + 3])) {
            i += 3
            add(.symbol, "!in", start)
            return
        }
        let c = b[i]
        if "|()[],;:=<>+-*/%.{}!".utf8.contains(c) {
            i += 1
            add(.symbol, String(decoding: [c], as: UTF8.self), start)
            return
        }
        // Skip one whole UTF-8 character.
        i += 1
        while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
        add(.invalid, "unexpected character '\(String(decoding: b[start..<i], as: UTF8.self))'", start)
    }

    @inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) private func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }
    @inline(__always) private func isIdentChar(_ c: UInt8) -> Bool { isIdentStart(c) || isDigit(c) }
}
