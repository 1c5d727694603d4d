import XCTest
@testable import GembaCore

/// The flow operators' columnar kernels against plain reference implementations of the rules in
/// docs/flow.md, on seeded random transitions: items interleaved, rows out of time order, ties in
/// time, moves back, skipped stages, states outside the stages, and nulls.
final class FlowTests: XCTestCase {
    private struct Move { var item: String?; var day: Int64?; var state: String? }
    private static let stages = ["todo", "dev", "test", "done"]

    private func randomMoves(seed: UInt64, items: Int) -> [Move] {
        var rng = SeededRandom(seed: seed)
        var moves: [Move] = []
        let base = Temporal.days(year: 2026, month: 3, day: 2)
        for i in 0..<items {
            var day = base + Int64(rng.next(20))
            for _ in 0..<(1 + rng.next(7)) {
                let state = rng.next(10) == 0 ? "blocked" : Self.stages[rng.next(4)]
                moves.append(Move(item: "i\(i)", day: day, state: state))
                day += Int64(rng.next(3))
            }
        }
        // Interleave the items and break time order.
        for k in stride(from: moves.count - 1, to: 0, by: -1) where rng.next(3) == 0 {
            moves.swapAt(k, rng.next(k + 1))
        }
        moves.append(Move(item: nil, day: base, state: "dev"))
        moves.append(Move(item: "i0", day: nil, state: "done"))
        moves.append(Move(item: "i1", day: base, state: nil))
        return moves
    }

    private func table(_ moves: [Move]) -> Table {
        var item = ColumnBuilder(type: .string), at = ColumnBuilder(type: .date), state = ColumnBuilder(type: .string)
        for m in moves {
            item.append(m.item.map(Value.string) ?? .null)
            at.append(m.day.map(Value.date) ?? .null)
            state.append(m.state.map(Value.string) ?? .null)
        }
        return Table([("item", item.build()), ("at", at.build()), ("state", state.build())])
    }

    /// The usable moves of each item in time order (ties in input order), items in first-appearance order.
    private func byItem(_ moves: [Move]) -> [(String, [(day: Int64, state: String)])] {
        var order: [String] = [], rows: [String: [(Int64, Int, String)]] = [:]
        for (k, m) in moves.enumerated() {
            guard let i = m.item, let d = m.day, let s = m.state else { continue }
            if rows[i] == nil { order.append(i) }
            rows[i, default: []].append((d, k, s))
        }
        return order.map { i in (i, (rows[i] ?? []).sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { (day: $0.0, state: $0.2) }) }
    }

    func testFlowMatchesTheRules() throws {
        try checkFlowRules(seed: 42, items: 300, entries: ["first", "last"])
    }

    /// Enough rows (over 131,072) for the cores to count and place shares of them.
    func testFlowMatchesTheRulesOnManyRows() throws {
        try checkFlowRules(seed: 9, items: 40_000, entries: ["last"])
    }

    private func checkFlowRules(seed: UInt64, items: Int, entries: [String]) throws {
        let moves = randomMoves(seed: seed, items: items)
        XCTAssertTrue(items < 1000 || moves.count > 2 * Parallel.minimumRowsPerWorker, "\(moves.count) rows")
        let session = Session()
        session.catalog.setTable("tr", table(moves))
        for entry in entries {
            let got = try runQuery("""
                tr | flow start="dev" finish="done" stages ("todo", "dev", "test", "done") entry=\(entry) today=@2026-04-01
                """, in: session)
            let expected = byItem(moves)
            XCTAssertEqual(got.rowCount, expected.count)
            for (g, (item, seq)) in expected.enumerated() where g < got.rowCount {
                var dates = [Int64?](repeating: nil, count: 4)
                var current = -1, started: Int64? = nil, reopened = 0
                var path: [String] = []
                for (day, state) in seq {
                    if path.last != state { path.append(state) }
                    guard let p = Self.stages.firstIndex(of: state), p != current else { continue }
                    if current >= 0, p < current {
                        for j in (p + 1)..<4 { dates[j] = nil }
                        if current >= 3 { reopened += 1 }
                    }
                    if entry == "last" || dates[p] == nil { dates[p] = day }
                    if started == nil, p >= 1 { started = day }
                    current = p
                }
                if current > 0 { for j in stride(from: current - 1, through: 0, by: -1) where dates[j] == nil { dates[j] = dates[j + 1] } }
                let finished = current >= 3 ? dates[3] : nil
                let row = got.row(g)
                let today = Temporal.days(year: 2026, month: 4, day: 1)
                XCTAssertEqual(row[0], .string(item))
                XCTAssertEqual(row[1], .date(seq[0].day), item)
                XCTAssertEqual(row[2], started.map(Value.date) ?? .null, item)
                XCTAssertEqual(row[3], finished.map(Value.date) ?? .null, item)
                XCTAssertEqual(row[4], finished.flatMap { f in started.map { .int(f - $0 + 1) } } ?? .null, item)
                XCTAssertEqual(row[5], finished.map { .int($0 - seq[0].day + 1) } ?? .null, item)
                XCTAssertEqual(row[6], finished == nil ? started.map { .int(today - $0 + 1) } ?? .null : .null, item)
                XCTAssertEqual(row[7], .int(Int64(reopened)), item)
                XCTAssertEqual(row[8], .string(path.joined(separator: ">")), item)
                for j in 0..<4 { XCTAssertEqual(row[9 + j], dates[j].map(Value.date) ?? .null, "\(item) \(Self.stages[j])") }
            }
        }
    }

    func testCfdMatchesTheRules() throws {
        let moves = randomMoves(seed: 7, items: 200)
        let session = Session()
        session.catalog.setTable("tr", table(moves))
        let got = try runQuery(#"tr | cfd stages ("todo", "dev", "test", "done") step 2d"#, in: session)
        let items = byItem(moves).map { ($0.0, $0.1.filter { Self.stages.contains($0.state) }) }
        let days = items.flatMap { $0.1.map(\.day) }
        let grid = BucketGrid(step: 2, from: nil, to: nil, isDate: true)
        guard let lo = days.min(), let hi = days.max() else { return XCTFail("no moves") }
        let buckets = Array(grid.bucket(lo)...grid.bucket(hi))
        XCTAssertEqual(got.rowCount, buckets.count * 4)
        for (b, bucket) in buckets.enumerated() {
            let start = grid.start(bucket), end = start + 2
            for s in 0..<4 {
                var level = 0, arrivals = 0, departures = 0
                for (_, seq) in items {
                    var current = -1
                    for (day, state) in seq where day < end {
                        let p = Self.stages.firstIndex(of: state) ?? -1
                        if p == current { continue }
                        if day >= start, current < s, p >= s { arrivals += 1 }
                        if day >= start, s < 3, current < s + 1, p >= s + 1 { departures += 1 }
                        current = p
                    }
                    if current >= s { level += 1 }
                }
                let row = got.row(b * 4 + s)
                XCTAssertEqual(row[0], .date(start))
                XCTAssertEqual(row[1], .string(Self.stages[s]))
                XCTAssertEqual(row[2], .int(Int64(level)), "\(Temporal.formatDate(start)) \(Self.stages[s])")
                XCTAssertEqual(row[3], .int(Int64(arrivals)), "\(Temporal.formatDate(start)) \(Self.stages[s]) arrivals")
                XCTAssertEqual(row[4], .int(Int64(departures)), "\(Temporal.formatDate(start)) \(Self.stages[s]) departures")
            }
        }
    }

    func testWipAndThroughputMatchCounting() throws {
        let session = Session()
        session.catalog.setTable("tr", table(randomMoves(seed: 3, items: 250)))
        let items = try runQuery(#"tr | flow start="dev" finish="done" stages ("todo", "dev", "test", "done")"#, in: session)
        session.catalog.setTable("items", items)
        let wip = try runQuery("items | wip on started, finished step 1d", in: session)
        let starts = items.column("started")!, ends = items.column("finished")!
        for r in 0..<wip.rowCount {
            guard case .date(let t) = wip.row(r)[0] else { return XCTFail("no date") }
            var n = 0
            for i in 0..<items.rowCount {
                guard case .date(let s) = starts.value(at: i), s <= t else { continue }
                if case .date(let e) = ends.value(at: i), e <= t { continue }
                n += 1
            }
            XCTAssertEqual(wip.row(r)[1], .int(Int64(n)), Temporal.formatDate(t))
        }
        let weekly = try runQuery("items | throughput on finished step 7d", in: session)
        var total: Int64 = 0
        for r in 0..<weekly.rowCount {
            guard case .date(let monday) = weekly.row(r)[0], case .int(let n) = weekly.row(r)[1] else { return XCTFail("types") }
            XCTAssertEqual(Temporal.dayOfWeek(monday), 1)
            total += n
        }
        XCTAssertEqual(total, Int64(ends.count - ends.nullCount))
    }

    /// Enough items for the per-item pass to split among workers: the whole equals its two halves
    /// run on their own (each small enough for one worker), paths merged by their text.
    func testSplitAmongWorkersEqualsHalves() throws {
        let patterns: [[String]] = [["todo", "dev", "done"], ["todo", "dev", "test", "dev", "done"], ["dev", "a>b", "done"],
                                    ["todo"], ["todo", "dev", "done", "test"], ["a", "b", "dev"], ["dev", "test", "done", "dev", "done"]]
        let count = 2 * Parallel.minimumRowsPerWorker + 1000
        var item = [UInt32](), day = [Int64](), state = [UInt32]()
        var stateCodes = StringDictionaryBuilder()
        var names: [String] = []
        for i in 0..<count {
            let p = patterns[i % patterns.count]
            for (k, s) in p.enumerated() {
                item.append(UInt32(i))
                day.append(Int64(20_000 + i % 50 + 2 * k))
                state.append(stateCodes.code(for: s))
            }
            names.append("i\(i)")
        }
        let whole = Table([("item", Column(type: .string, data: .string(item, StringDictionary(names)))),
                           ("at", Column(type: .date, data: .int64(day))),
                           ("state", Column(type: .string, data: .string(state, stateCodes.build())))])
        let half = whole.rowCount / 2
        let cut = (half..<whole.rowCount).first { item[$0] != item[$0 - 1] } ?? half
        let session = Session()
        session.catalog.setTable("whole", whole)
        session.catalog.setTable("first", whole.gather(Array(0..<cut)))
        session.catalog.setTable("second", whole.gather(Array(cut..<whole.rowCount)))
        let q = #"| flow start="dev" finish="done" stages ("todo", "dev", "test", "done") active ("dev") today=@2026-01-01"#
        let all = try runQuery("whole " + q, in: session)
        let a = try runQuery("first " + q, in: session), b = try runQuery("second " + q, in: session)
        XCTAssertEqual(all.rowCount, count)
        XCTAssertEqual(a.rowCount + b.rowCount, count)
        for r in stride(from: 0, to: count, by: 997) {
            let expected = r < a.rowCount ? a.row(r) : b.row(r - a.rowCount)
            XCTAssertEqual(all.row(r), expected, "row \(r)")
        }
        XCTAssertEqual(all.row(count - 1), b.row(b.rowCount - 1))
        XCTAssertEqual(Set((0..<count).map { all.row($0)[8] }).count, patterns.count)
    }
}
