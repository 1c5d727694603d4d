/// `range(FROM, TO, STEP)`: the values from FROM to TO inclusive, STEP apart.
enum RangeSource {
    /// The most rows `range` will make, so a typo cannot exhaust memory.
    static let maxRows = 1_000_000_000

    static func table(from: Value, to: Value, step: Value, field: Field, range: SourceRange) throws(Diagnostic) -> Table {
        let column: Column
        switch (from, to, step) {
        case (.int(let a), .int(let b), .int(let s)):
            column = Column(type: .int, data: .int64(try ints(a, b, s, range)))
        case (.date(let a), .date(let b), .duration(let s)):
            guard s % Temporal.microsPerDay == 0 else {
                throw Diagnostic("a date range needs a step of whole days", at: range)
            }
            column = Column(type: .date, data: .int64(try ints(a, b, s / Temporal.microsPerDay, range)))
        case (.datetime(let a), .datetime(let b), .duration(let s)), (.duration(let a), .duration(let b), .duration(let s)):
            column = Column(type: field.type, data: .int64(try ints(a, b, s, range)))
        default:
            let a = from.asDouble ?? 0, b = to.asDouble ?? 0, s = step.asDouble ?? 1
            let n = ((b - a) / s).rounded(.down) + 1
            guard n.isFinite, n < Double(maxRows) else { throw tooMany(range) }
            column = Column(type: .float, data: .float64(n <= 0 ? [] : (0..<Int(n)).map { a + Double($0) * s }))
        }
        return Table(fields: [field], columns: [column])
    }

    private static func ints(_ a: Int64, _ b: Int64, _ s: Int64, _ range: SourceRange) throws(Diagnostic) -> [Int64] {
        guard (s > 0 && a <= b) || (s < 0 && a >= b) else { return [] }
        let span = (Double(b) - Double(a)) / Double(s)
        guard span < Double(maxRows) else { throw tooMany(range) }
        let n = Int((b - a) / s) + 1
        var out = [Int64](repeating: 0, count: n)
        var v = a
        for i in 0..<n {
            if i & 0xFFFFF == 0 { try Cancellation.check(range) }
            out[i] = v
            v &+= s
        }
        return out
    }

    private static func tooMany(_ range: SourceRange) -> Diagnostic {
        Diagnostic("range() would make more than \(maxRows) rows", at: range)
    }
}
