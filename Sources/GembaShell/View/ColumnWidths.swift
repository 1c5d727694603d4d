/// Chooses column widths so a table fits a total width: the widest columns shrink first, none below
/// a minimum, and when even that is too wide, trailing columns are left out.
enum ColumnWidths {
    /// The narrowest a column shrinks to (unless its content is narrower).
    static let minimum = 3

    /// The total display width of a table with these column widths, borders and padding included
    /// (`│ ` before each cell, ` ` after it, and a closing `│`).
    static func total(_ widths: [Int]) -> Int { widths.reduce(1) { $0 + $1 + 3 } }

    /// Widths from `natural` that fit in `maxWidth`: each is `min(natural, cap)` for the largest cap
    /// that fits, then the leftover columns go to the capped columns from the left.
    static func fit(_ natural: [Int], maxWidth: Int) -> [Int] {
        guard total(natural) > maxWidth else { return natural }
        let floor = natural.map { min($0, minimum) }
        guard total(floor) < maxWidth else { return floor }
        var cap = natural.max() ?? 0
        while cap > minimum, total(natural.map { min($0, cap) }) > maxWidth { cap -= 1 }
        var widths = natural.map { min($0, cap) }
        var slack = maxWidth - total(widths)
        for i in widths.indices where slack > 0 && natural[i] > widths[i] {
            widths[i] += 1
            slack -= 1
        }
        return widths
    }

    /// How many leading columns can be shown within `maxWidth` at their minimum widths, keeping room
    /// for a one-character `…` column when some are left out.
    static func visibleCount(_ natural: [Int], maxWidth: Int) -> Int {
        let floor = natural.map { min($0, minimum) }
        if total(floor) <= maxWidth { return natural.count }
        var used = 1 + 4 // the closing border and the `…` column
        var count = 0
        for w in floor {
            if used + w + 3 > maxWidth { break }
            used += w + 3
            count += 1
        }
        return max(count, 1)
    }
}
