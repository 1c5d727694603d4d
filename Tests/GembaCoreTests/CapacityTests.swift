import XCTest
@testable import GembaCore

/// `utilization` and `attribute` against plain reference implementations of their rules
/// (docs/flow.md), on seeded random people and allocations large enough for the cores to split the
/// rows (over 131,072): rows in and out of day order, nulls, people the people table lacks, part-time
/// contracts, people joining and leaving, holidays and time off.
final class CapacityTests: XCTestCase {
    private struct Person { var name: String; var team: String; var weekly: Int?; var start: Int64?; var end: Int64? }
    private struct Allocation { var person: String?; var day: Int64?; var quarters: Int; var billable: Bool }

    private static let base = Temporal.days(year: 2026, month: 3, day: 2)  // a Monday

    private func organisation(seed: UInt64, people count: Int, rows: Int) -> ([Person], [Int64], [(String, Int64)], [Allocation]) {
        var rng = SeededRandom(seed: seed)
        var people: [Person] = []
        for p in 0..<count {
            let weekly = [40, 40, 32, 24, 20, 0][rng.next(6)]
            people.append(Person(name: "p\(p)", team: "t\(rng.next(5))", weekly: rng.next(10) == 0 ? nil : weekly,
                                 start: rng.next(4) == 0 ? Self.base + Int64(rng.next(40)) : (rng.next(5) == 0 ? nil : Self.base - 100),
                                 end: rng.next(5) == 0 ? Self.base + Int64(rng.next(60)) : nil))
        }
        let holidays = [Self.base + 4, Self.base + 25, Self.base + 26]
        var timeoff: [(String, Int64)] = []
        for _ in 0..<(count * 3) { timeoff.append(("p\(rng.next(count + 5))", Self.base + Int64(rng.next(70)))) }
        var allocations: [Allocation] = []
        for _ in 0..<rows {
            // Mostly known people, some unknown ones; days over ten weeks, weekends included.
            let who = rng.next(count + 3)
            allocations.append(Allocation(person: rng.next(5000) == 0 ? nil : "p\(who)",
                                          day: rng.next(5000) == 0 ? nil : Self.base + Int64(rng.next(70)),
                                          quarters: 1 + rng.next(20), billable: rng.next(3) == 0))
        }
        return (people, holidays, timeoff, allocations)
    }

    private func session(_ people: [Person], _ holidays: [Int64], _ timeoff: [(String, Int64)], _ allocations: [Allocation]) -> Session {
        let s = Session()
        var name = ColumnBuilder(type: .string), team = ColumnBuilder(type: .string), weekly = ColumnBuilder(type: .int)
        var start = ColumnBuilder(type: .date), end = ColumnBuilder(type: .date)
        for p in people {
            name.append(.string(p.name)); team.append(.string(p.team))
            weekly.append(p.weekly.map { .int(Int64($0)) } ?? .null)
            start.append(p.start.map(Value.date) ?? .null); end.append(p.end.map(Value.date) ?? .null)
        }
        s.catalog.setTable("people", Table([("person", name.build()), ("team", team.build()), ("capacity_hours_per_week", weekly.build()),
                                            ("start_date", start.build()), ("end_date", end.build())]))
        s.catalog.setTable("holidays", Table([("date", Column(type: .date, data: .int64(holidays)))]))
        var tp = ColumnBuilder(type: .string), td = ColumnBuilder(type: .date)
        for (p, d) in timeoff { tp.append(.string(p)); td.append(.date(d)) }
        s.catalog.setTable("timeoff", Table([("person", tp.build()), ("day", td.build())]))
        var ap = ColumnBuilder(type: .string), ad = ColumnBuilder(type: .date), ah = ColumnBuilder(type: .float), ab = ColumnBuilder(type: .bool)
        for a in allocations {
            ap.append(a.person.map(Value.string) ?? .null); ad.append(a.day.map(Value.date) ?? .null)
            ah.append(.float(Double(a.quarters) / 4)); ab.append(.bool(a.billable))
        }
        s.catalog.setTable("allocations", Table([("person", ap.build()), ("day", ad.build()), ("hours", ah.build()), ("billable", ab.build())]))
        return s
    }

    /// Per team and ISO week: capacity, hours, over-allocation and billable hours, person-day by person-day.
    private func reference(_ people: [Person], _ holidays: [Int64], _ timeoff: [(String, Int64)], _ allocations: [Allocation],
                           lo: Int64, hi: Int64) -> [String: [Double]] {
        let grid = BucketGrid(step: 7, from: nil, to: nil, isDate: true)
        var index: [String: Int] = [:]
        for (k, p) in people.enumerated() { index[p.name] = k }
        let span = Int(hi - lo) + 1
        var away = Set<Int>()
        for (who, d) in timeoff where d >= lo && d <= hi { if let k = index[who] { away.insert(k * span + Int(d - lo)) } }
        func capacity(_ k: Int, _ d: Int64) -> Double {
            let p = people[k]
            guard let w = p.weekly, w > 0, Temporal.dayOfWeek(d) <= 5, !holidays.contains(d) else { return 0 }
            if let s = p.start, d < s { return 0 }
            if let e = p.end, d > e { return 0 }
            return away.contains(k * span + Int(d - lo)) ? 0 : Double(w) / 5
        }
        // Sums per (team, week): team by name ("null" for people the table lacks), week by its start.
        var sums: [String: [Int64: [Double]]] = [:]
        func add(_ team: String?, _ d: Int64, _ column: Int, _ x: Double) {
            sums[team ?? "null", default: [:]][grid.start(grid.bucket(d)), default: [0, 0, 0, 0]][column] += x
        }
        for k in people.indices {
            for d in lo...hi { add(people[k].team, d, 0, capacity(k, d)) }
        }
        var daily: [Int: Double] = [:], unknownDaily: [String: Double] = [:]
        for a in allocations {
            guard let who = a.person, let d = a.day, d >= lo, d <= hi else { continue }
            let k = index[who]
            let h = Double(a.quarters) / 4
            add(k.map { people[$0].team }, d, 1, h)
            if a.billable { add(k.map { people[$0].team }, d, 3, h) }
            if let k { daily[k * span + Int(d - lo), default: 0] += h } else { unknownDaily["\(who) \(d)", default: 0] += h }
        }
        for (cell, hours) in daily {
            let k = cell / span, d = lo + Int64(cell % span)
            if hours > capacity(k, d) { add(people[k].team, d, 2, hours - capacity(k, d)) }
        }
        for (key, hours) in unknownDaily { add(nil, Int64(key.split(separator: " ")[1]) ?? 0, 2, hours) }
        var out: [String: [Double]] = [:]
        for (team, weeks) in sums { for (week, v) in weeks { out["\(team) \(week)"] = v } }
        return out
    }

    private func check(_ got: Table, _ expected: [String: [Double]], file: StaticString = #filePath, line: UInt = #line) {
        var keys = Set<String>()
        for i in 0..<got.rowCount {
            let row = got.row(i)
            let k = "\(row[0].isNull ? "null" : row[0].text) \(Temporal.parseDate(row[1].text) ?? 0)"
            keys.insert(k)
            let e = expected[k] ?? [0, 0, 0, 0]
            for (j, col) in [2, 3, 5, 6].enumerated() {
                XCTAssertEqual(row[col].asDouble ?? -1, e[j], accuracy: 1e-9 * max(1, e[j]), "\(k) \(got.fields[col].name)", file: file, line: line)
            }
            if e[0] > 0 {
                XCTAssertEqual(row[4].asDouble ?? -1, e[1] / e[0], accuracy: 1e-9, k, file: file, line: line)
            } else {
                XCTAssertTrue(row[4].isNull, k, file: file, line: line)
            }
        }
        for (k, e) in expected where e.contains(where: { $0 != 0 }) { XCTAssertTrue(keys.contains(k), k, file: file, line: line) }
        // The data has what the rules are about: over-allocation, people the people table lacks, weeks.
        XCTAssertGreaterThan(expected.values.reduce(0) { $0 + $1[2] }, 100, file: file, line: line)
        XCTAssertTrue(keys.contains { $0.hasPrefix("null ") }, file: file, line: line)
        XCTAssertGreaterThan(got.rowCount, 20, file: file, line: line)
    }

    func testUtilizationMatchesThePersonDayRulesOnManyRows() throws {
        let (people, holidays, timeoff, allocations) = organisation(seed: 3, people: 400, rows: 150_000)
        XCTAssertGreaterThan(allocations.count, 2 * Parallel.minimumRowsPerWorker, "enough rows for the cores to split")
        let s = session(people, holidays, timeoff, allocations)
        let days = allocations.compactMap { $0.person == nil ? nil : $0.day }
        guard let lo = days.min(), let hi = days.max() else { return XCTFail("no days") }
        let expected = reference(people, holidays, timeoff, allocations, lo: lo, hi: hi)
        let query = "utilization people=people holidays=holidays timeoff=timeoff step 7d by team"
        // Out of day order (a counting sort), in day order (scanned as they are), and both with nulls gone.
        for source in ["allocations", "allocations | sort by day", "allocations | where isnotnull(person) and isnotnull(day) | sort by day"] {
            check(try runQuery("\(source) | \(query)", in: s), expected)
        }
        // The spec's form, allocations joined to people: only people with allocation rows count.
        let seen = Set(allocations.compactMap(\.person))
        check(try runQuery("allocations | join kind=left (people) on person | utilization holidays=holidays timeoff=timeoff step 7d by team", in: s),
              reference(people.filter { seen.contains($0.name) }, holidays, timeoff, allocations, lo: lo, hi: hi))
        // A window inside the data: days outside it are left out.
        let from = Self.base + 9, to = Self.base + 40
        check(try runQuery("allocations | sort by day | \(query) from @\(Temporal.formatDate(from)) to @\(Temporal.formatDate(to))", in: s),
              reference(people, holidays, timeoff, allocations, lo: from, hi: to))
    }

    /// Shares of each item's value by hours, against a plain computation; the values add up.
    func testAttributeSharesEveryValue() throws {
        var rng = SeededRandom(seed: 11)
        let items = 20_000
        var values: [Double?] = []
        for _ in 0..<items { values.append(rng.next(5) == 0 ? nil : Double(rng.next(100_000)) / 100) }
        var rows: [(item: Int, person: Int, quarters: Int)] = []
        for _ in 0..<200_000 { rows.append((rng.next(items + 50), rng.next(30), 1 + rng.next(16))) }
        let s = Session()
        var iid = ColumnBuilder(type: .string), iv = ColumnBuilder(type: .float)
        for (i, v) in values.enumerated() { iid.append(.string("I-\(i)")); iv.append(v.map(Value.float) ?? .null) }
        s.catalog.setTable("items", Table([("item_id", iid.build()), ("value", iv.build())]))
        var aid = ColumnBuilder(type: .string), ap = ColumnBuilder(type: .string), ah = ColumnBuilder(type: .float)
        for r in rows { aid.append(.string("I-\(r.item)")); ap.append(.string("p\(r.person)")); ah.append(.float(Double(r.quarters) / 4)) }
        s.catalog.setTable("allocations", Table([("item_id", aid.build()), ("person", ap.build()), ("hours", ah.build())]))

        var hours = [Double](repeating: 0, count: items)
        for r in rows where r.item < items { hours[r.item] += Double(r.quarters) / 4 }
        var expected: [String: Double] = [:]
        var total = 0.0
        for r in rows where r.item < items {
            guard let v = values[r.item] else { continue }
            expected["p\(r.person)", default: 0] += v * (Double(r.quarters) / 4) / hours[r.item]
        }
        for (i, v) in values.enumerated() {
            guard let v else { continue }
            total += v
            if hours[i] == 0 { expected["null", default: 0] += v }
        }
        let got = try runQuery("items | attribute value over (allocations) by person", in: s)
        XCTAssertEqual(got.rowCount, expected.count)
        var sum = 0.0
        for i in 0..<got.rowCount {
            let row = got.row(i)
            let key = row[0].isNull ? "null" : row[0].text
            let value = row[3].asDouble ?? .nan
            sum += value
            XCTAssertEqual(value, expected[key] ?? .nan, accuracy: 1e-9 * max(1, abs(value)), key)
        }
        XCTAssertEqual(sum, total, accuracy: 1e-12 * total)
    }
}
