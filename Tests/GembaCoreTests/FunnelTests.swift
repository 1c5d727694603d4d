import XCTest
@testable import GembaCore

/// `funnel` against a plain reference implementation of the rules in docs/flow.md, on seeded random
/// transitions: items interleaved and out of time order, ties in time, skipped stages, stages entered
/// out of order or twice, and a state outside the stages.
final class FunnelTests: XCTestCase {
    private static let stages = ["lead", "qualified", "proposal", "won"]

    private struct Move { var item: String; var day: Int64; var state: String }

    private func randomMoves(seed: UInt64, items: Int) -> [Move] {
        var rng = Xoshiro256(seed: seed)
        var moves: [Move] = []
        let base = Temporal.days(year: 2026, month: 3, day: 2)
        for i in 0..<items {
            var day = base + Int64(rng.below(30))
            for _ in 0..<(1 + Int(rng.below(6))) {
                let state = rng.below(8) == 0 ? "lost" : Self.stages[Int(rng.below(4))]
                moves.append(Move(item: "i\(i)", day: day, state: state))
                day += Int64(rng.below(4))
            }
        }
        for k in stride(from: moves.count - 1, to: 0, by: -1) where rng.below(3) == 0 {
            moves.swapAt(k, Int(rng.below(UInt64(k + 1))))
        }
        return moves
    }

    /// Per stage: reached, and the median of the days to the next stage (nil when none).
    private func reference(_ moves: [Move], strict: Bool) -> [(Int, Double?)] {
        var byItem: [String: [(day: Int64, row: Int, state: String)]] = [:]
        for (k, m) in moves.enumerated() where Self.stages.contains(m.state) { byItem[m.item, default: []].append((m.day, k, m.state)) }
        let n = Self.stages.count
        var reached = [Int](repeating: 0, count: n)
        var steps = [[Int64]](repeating: [], count: n)
        for (_, rows) in byItem {
            let seq = rows.sorted { ($0.day, $0.row) < ($1.day, $1.row) }
            // The position in seq and the day each stage was entered.
            var entered = [(at: Int, day: Int64)?](repeating: nil, count: n)
            if strict {
                var from = 0
                for s in 0..<n {
                    guard let k = seq[from...].firstIndex(where: { $0.state == Self.stages[s] }) else { break }
                    entered[s] = (k, seq[k].day)
                    from = k + 1
                }
            } else {
                for s in 0..<n {
                    if let k = seq.firstIndex(where: { $0.state == Self.stages[s] }) { entered[s] = (k, seq[k].day) }
                }
            }
            for s in 0..<n {
                guard let e = entered[s] else { continue }
                reached[s] += 1
                if s + 1 < n, let next = entered[s + 1], next.at > e.at { steps[s].append(next.day - e.day + 1) }
            }
        }
        return (0..<n).map { s in
            let v = steps[s].sorted()
            guard !v.isEmpty else { return (reached[s], nil) }
            let m = v.count / 2
            return (reached[s], v.count % 2 == 1 ? Double(v[m]) : Double(v[m - 1] + v[m]) / 2)
        }
    }

    func testFunnelMatchesTheRules() throws {
        for (seed, items) in [(UInt64(1), 50), (2, 400), (3, 3000)] {
            let moves = randomMoves(seed: seed, items: items)
            var item = ColumnBuilder(type: .string), at = ColumnBuilder(type: .date), state = ColumnBuilder(type: .string)
            for m in moves { item.appendString(m.item); at.appendInt(m.day); state.appendString(m.state) }
            let session = Session()
            session.catalog.setTable("tr", Table([("item", item.build()), ("at", at.build()), ("state", state.build())]))
            for strict in [false, true] {
                let t = try runQuery("tr | funnel stages (\"lead\", \"qualified\", \"proposal\", \"won\")\(strict ? " strict" : "")", in: session)
                let expected = reference(moves, strict: strict)
                let reached = ColumnAccess.int64s(t.columns[1])
                XCTAssertEqual(reached.map(Int.init), expected.map(\.0), "seed \(seed) strict \(strict)")
                for s in 0..<expected.count {
                    XCTAssertEqual(t.columns[4].isNull(s) ? nil : t.columns[4].value(at: s).asDouble, expected[s].1,
                                   "seed \(seed) strict \(strict) stage \(s)")
                }
                if strict { XCTAssertEqual(reached, reached.sorted(by: >), "strict counts never grow down the funnel") }
            }
        }
    }
}
