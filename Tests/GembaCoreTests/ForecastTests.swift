import XCTest
@testable import GembaCore

/// `forecast` (docs/flow.md): the seeded generator against its reference vectors, the same answer for
/// the same seed, ordered percentiles that mean "that share of the trials", and the closed form of a
/// constant throughput.
final class ForecastTests: XCTestCase {
    private static let monday = Temporal.days(year: 2026, month: 3, day: 2)

    /// A session with a table `f` whose column `finished` has `perDay[d]` rows on day 2026-03-02 + d.
    private func session(perDay: [Int]) -> Session {
        var finished = ColumnBuilder(type: .date)
        for (d, k) in perDay.enumerated() {
            for _ in 0..<k { finished.appendInt(Self.monday + Int64(d)) }
        }
        let s = Session()
        s.catalog.setTable("f", Table([("finished", finished.build())]))
        return s
    }

    /// The history window clause covering `perDay`.
    private func window(_ perDay: [Int]) -> String {
        "from @2026-03-02 to @\(Temporal.formatDate(Self.monday + Int64(perDay.count - 1)))"
    }

    /// Random daily counts, many of them 0, at least one not.
    private func randomHistory(_ rng: inout Xoshiro256) -> [Int] {
        var days = (0..<(3 + Int(rng.below(60)))).map { _ in rng.below(3) == 0 ? 0 : Int(rng.below(7)) }
        if !days.contains(where: { $0 > 0 }) { days[Int(rng.below(UInt64(days.count)))] = 1 }
        return days
    }

    func testGeneratorMatchesTheReferenceVectors() {
        // xoshiro256** from the state {1, 2, 3, 4}, as the reference C implementation gives it.
        var r = Xoshiro256(state: (1, 2, 3, 4))
        XCTAssertEqual((0..<4).map { _ in r.next() }, [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
        // Seed 1 through SplitMix64: pinned, so a forecast's answer cannot change from one build to the next.
        var s = Xoshiro256(seed: 1)
        XCTAssertEqual((0..<4).map { _ in s.next() },
                       [12_966_619_160_104_079_557, 9_600_361_134_598_540_522, 10_590_380_919_521_690_900, 7_218_738_570_589_545_383])
        var u = Xoshiro256(seed: 5)
        var seen = Set<UInt64>()
        for _ in 0..<10_000 {
            let v = u.below(7)
            XCTAssertLessThan(v, 7)
            seen.insert(v)
            XCTAssertEqual(u.below(1), 0)
            let x = u.unit()
            XCTAssertTrue(x >= 0 && x < 1)
        }
        XCTAssertEqual(seen.count, 7)
    }

    func testTheSameSeedGivesTheSameAnswer() throws {
        let history = [0, 3, 1, 0, 0, 5, 2, 0, 1, 4, 0, 0, 2]
        for q in ["when 40", "howmany by @2026-04-30", "when 40 split (1, 1.5)", "when 40 seed 99"] {
            let text = "f | forecast \(q) \(window(history))"
            let first = cells(try runQuery(text, in: session(perDay: history)))
            let second = cells(try runQuery(text, in: session(perDay: history)))
            XCTAssertEqual(first, second, q)
        }
        // The default seed is 1.
        XCTAssertEqual(cells(try runQuery("f | forecast when 40 \(window(history))", in: session(perDay: history))),
                       cells(try runQuery("f | forecast when 40 \(window(history)) seed 1", in: session(perDay: history))))
    }

    func testDifferentSeedsGiveDifferentTrials() throws {
        let history: [Int64] = [0, 3, 1, 0, 0, 5, 2, 0, 1, 4]
        func trials(_ seed: UInt64) -> [Int64]? {
            ForecastTrials(history: history, trials: 1000, seed: seed, splitLow: 1, splitHigh: 1).daysToFinish(30, horizon: 3650)
        }
        XCTAssertEqual(trials(1), trials(1))
        XCTAssertNotEqual(trials(1), trials(2))
        // With few trials the percentiles move with the seed.
        let s = session(perDay: history.map { Int($0) })
        var answers = Set<[[String]]>()
        for seed in 1...6 {
            answers.insert(cells(try runQuery("f | forecast howmany by @2026-04-30 \(window(history.map { Int($0) })) trials 20 seed \(seed)", in: s)))
        }
        XCTAssertGreaterThan(answers.count, 1)
    }

    func testPercentilesAreOrderedAndMeanThatShareOfTheTrials() throws {
        var rng = Xoshiro256(seed: 2026)
        for round in 0..<12 {
            let history = randomHistory(&rng)
            let n = 1 + Int64(rng.below(150))
            let trials = 500 + Int(rng.below(3000))
            let seed = rng.next()
            let s = session(perDay: history)
            let start = Self.monday + Int64(history.count)
            let when = try runQuery("f | forecast when \(n) \(window(history)) trials \(trials) seed \(Int64(bitPattern: seed))", in: s)
            XCTAssertEqual(cells(when).map { $0[0] }, ["50", "70", "85", "95"])
            let days = ColumnAccess.int64s(when.columns[2]), dates = ColumnAccess.int64s(when.columns[1])
            XCTAssertEqual(days, days.sorted(), "round \(round)")
            XCTAssertEqual(dates, days.map { start + $0 - 1 })
            // The p-th row's day: at least p % of the trials finished on or before it, fewer the day before.
            let raw = ForecastTrials(history: history.map(Int64.init), trials: trials, seed: seed, splitLow: 1, splitHigh: 1)
                .daysToFinish(n, horizon: ForecastSpec.horizon) ?? []
            XCTAssertEqual(raw.count, trials)
            for (k, p) in ForecastSpec.percentiles.enumerated() {
                XCTAssertGreaterThanOrEqual(100 * raw.filter { $0 <= days[k] }.count, p * trials, "round \(round) p\(p)")
                XCTAssertLessThan(100 * raw.filter { $0 <= days[k] - 1 }.count, p * trials, "round \(round) p\(p)")
            }

            let by = start + Int64(rng.below(60))
            let howmany = try runQuery("f | forecast howmany by @\(Temporal.formatDate(by)) \(window(history)) trials \(trials) seed \(Int64(bitPattern: seed))", in: s)
            let items = ColumnAccess.int64s(howmany.columns[1])
            XCTAssertEqual(items, items.sorted(by: >), "round \(round)")
            // The p-th row's count: at least p % of the trials reached or beat it, fewer beat it.
            let counts = ForecastTrials(history: history.map(Int64.init), trials: trials, seed: seed, splitLow: 1, splitHigh: 1)
                .itemsDone(days: by - start + 1)
            for (k, p) in ForecastSpec.percentiles.enumerated() {
                XCTAssertGreaterThanOrEqual(100 * counts.filter { $0 >= items[k] }.count, p * trials, "round \(round) p\(p)")
                XCTAssertLessThan(100 * counts.filter { $0 >= items[k] + 1 }.count, p * trials, "round \(round) p\(p)")
            }
        }
    }

    /// Exactly k items every day: every trial takes ceil(N / k) days, so every percentile is the start
    /// plus ceil(N / k) - 1; by the end of the D-th day every trial has D·k items.
    func testConstantThroughputGivesTheClosedForm() throws {
        for k in 1...4 {
            let history = [Int](repeating: k, count: 7)
            let s = session(perDay: history)
            let start = Self.monday + 7
            for n in [1, 2, 3, 7, 10, 29, 100, 365] {
                let t = try runQuery("f | forecast when \(n) \(window(history)) seed \(n * k)", in: s)
                let expected = Int64((n + k - 1) / k)
                XCTAssertEqual(ColumnAccess.int64s(t.columns[2]), [Int64](repeating: expected, count: 4), "k \(k) n \(n)")
                XCTAssertEqual(ColumnAccess.int64s(t.columns[1]), [Int64](repeating: start + expected - 1, count: 4), "k \(k) n \(n)")
            }
            for d in [1, 5, 31] {
                let t = try runQuery("f | forecast howmany by @\(Temporal.formatDate(start + Int64(d) - 1)) \(window(history))", in: s)
                XCTAssertEqual(ColumnAccess.int64s(t.columns[1]), [Int64](repeating: Int64(d * k), count: 4), "k \(k) d \(d)")
            }
        }
    }

    /// A split rate range: a trial's scope 10·s, s uniform in [1, 3), needs 11 to 30 items (10 only when
    /// s is exactly 1), so at 2 a day 6 to 15 days; of the 20 finished in 10 days, 20 / s are original.
    func testSplitRatesStayInTheirRange() throws {
        let raw = ForecastTrials(history: [2, 2, 2], trials: 2000, seed: 7, splitLow: 1, splitHigh: 3).daysToFinish(10, horizon: 3650) ?? []
        XCTAssertEqual(raw.min(), 6)
        XCTAssertEqual(raw.max(), 15)
        let counts = ForecastTrials(history: [2, 2, 2], trials: 2000, seed: 7, splitLow: 1, splitHigh: 3).itemsDone(days: 10)
        XCTAssertTrue(counts.allSatisfy { $0 >= 6 && $0 <= 20 })
    }
}
