/// A grid of terminal cells to draw a chart on: braille dots (2 × 4 per cell) for lines, points and
/// areas, block characters for bars, and a colour per cell.
struct TerminalCanvas {
    /// What one cell holds.
    struct Cell {
        var dots: UInt8 = 0
        var glyph: Character? = nil
        var colour: TerminalColour? = nil
    }

    let columns: Int
    let rows: Int
    private(set) var cells: [[Cell]]

    init(columns: Int, rows: Int) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        cells = Array(repeating: Array(repeating: Cell(), count: self.columns), count: self.rows)
    }

    /// Dot columns and rows.
    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }

    private static let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the dot at (x, y), y counted from the top.
    mutating func dot(_ x: Int, _ y: Int, _ colour: TerminalColour) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let r = y / 4, c = x / 2
        cells[r][c].dots |= Self.bits[x % 2][y % 4]
        cells[r][c].glyph = nil
        cells[r][c].colour = colour
    }

    /// A straight line of dots from (x0, y0) to (x1, y1).
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ colour: TerminalColour) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var steps = 0
        while steps < 10_000 {
            dot(x, y, colour)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
            steps += 1
        }
    }

    /// Puts a block character in a cell.
    mutating func block(_ column: Int, _ row: Int, _ glyph: Character, _ colour: TerminalColour) {
        guard column >= 0, row >= 0, column < columns, row < rows else { return }
        cells[row][column] = Cell(dots: 0, glyph: glyph, colour: colour)
    }

    /// Row `r` as text, coloured when `colour`.
    func text(row r: Int, colour: Bool) -> String {
        var out = ""
        var current: TerminalColour? = nil
        for cell in cells[r] {
            let ch: Character = cell.glyph ?? (cell.dots == 0 ? " " : Character(Unicode.Scalar(0x2800 + UInt32(cell.dots)) ?? " "))
            if colour {
                let want = ch == " " ? nil : cell.colour
                if want != current {
                    out += want.map { "\u{1B}[38;5;\($0.code)m" } ?? "\u{1B}[0m"
                    current = want
                }
            }
            out.append(ch)
        }
        if colour && current != nil { out += "\u{1B}[0m" }
        return out
    }
}

/// A colour of the terminal palette.
struct TerminalColour: Equatable {
    /// The ANSI 256-colour code.
    var code: Int
    /// Series `i`'s colour.
    static func series(_ i: Int) -> TerminalColour { TerminalColour(code: ChartPalette.ansi(i)) }
    /// Reference lines.
    static let reference = TerminalColour(code: 245)
    /// Limits and signals.
    static let alert = TerminalColour(code: 166)
}
