import XCTest
@testable import GembaCore

final class StoreTests: XCTestCase {
    func testCivilDatesRoundTripOverFourCenturies() {
        var day = Temporal.days(year: 1800, month: 1, day: 1)
        let end = Temporal.days(year: 2200, month: 12, day: 31)
        var previous: (Int64, Int64, Int64)? = nil
        while day <= end {
            let (y, m, d) = Temporal.civil(day)
            XCTAssertEqual(Temporal.days(year: y, month: m, day: d), day)
            if let (py, pm, pd) = previous {
                // Consecutive days: the next day of the month, or the first of the next month.
                XCTAssertTrue((y == py && m == pm && d == pd + 1) || (d == 1 && (m == pm + 1 || (m == 1 && y == py + 1))))
            }
            previous = (y, m, d)
            day += 1
        }
        XCTAssertEqual(Temporal.days(year: 1970, month: 1, day: 1), 0)
        XCTAssertEqual(Temporal.formatDate(Temporal.days(year: 2024, month: 2, day: 29)), "2024-02-29")
        XCTAssertNil(Temporal.parseDate("2023-02-29"))
    }

    func testDayOfWeekIsIsoWeekday() {
        XCTAssertEqual(Temporal.dayOfWeek(Temporal.parseDate("2026-11-23")!), 1)  // a Monday
        XCTAssertEqual(Temporal.dayOfWeek(Temporal.parseDate("2026-11-29")!), 7)
        XCTAssertEqual(Temporal.dayOfWeek(Temporal.parseDate("1969-12-31")!), 3)
    }

    func testDatetimeParsingAndFormatting() {
        XCTAssertEqual(Temporal.parseDatetime("2026-03-31T14:05:00+02:00"), Temporal.parseDatetime("2026-03-31T12:05:00Z"))
        let t = Temporal.parseDatetime("2026-03-31T14:05:00.250Z")!
        XCTAssertEqual(Temporal.formatDatetime(t), "2026-03-31T14:05:00.25Z")
        XCTAssertEqual(Temporal.formatDatetime(Temporal.parseDatetime("1969-12-31T23:59:59Z")!), "1969-12-31T23:59:59Z")
        XCTAssertNil(Temporal.parseDatetime("2026-03-31T25:00:00Z"))
        XCTAssertNil(Temporal.parseDatetime("2026-03-31T10:00:00Zjunk"))
    }

    func testDurations() {
        XCTAssertEqual(Temporal.parseDuration("1.5d"), 36 * Temporal.microsPerHour)
        XCTAssertEqual(Temporal.parseDuration("2w"), 14 * Temporal.microsPerDay)
        XCTAssertEqual(Temporal.formatDuration(Temporal.parseDuration("90s")!), "1m30s")
        XCTAssertEqual(Temporal.formatDuration(-Temporal.microsPerDay - 1_500_000), "-1d1.5s")
        XCTAssertNil(Temporal.parseDuration("3y"))
    }

    func testBitmap() {
        var b = Bitmap(count: 70, value: true)
        XCTAssertTrue(b.allSet)
        b[65] = false
        XCTAssertEqual(b.setCount, 69)
        XCTAssertFalse(b[65])
        var c = Bitmap(count: 0, value: false)
        for i in 0..<130 { c.append(i % 3 == 0) }
        XCTAssertEqual(c.setCount, 44)
        XCTAssertEqual(c.count, 130)
    }

    func testColumnBuilderAndGather() {
        var b = ColumnBuilder(type: .string)
        for v in ["a", "b", "a"] { b.append(.string(v)) }
        b.appendNull()
        let c = b.build()
        guard case .string(let codes, let dict) = c.data else { return XCTFail("not a string column") }
        XCTAssertEqual(dict.values, ["a", "b"])
        XCTAssertEqual(codes, [0, 1, 0, 0])
        XCTAssertEqual(c.nullCount, 1)
        let g = c.gather([3, 1])
        XCTAssertEqual([g.value(at: 0), g.value(at: 1)], [.null, .string("b")])
        XCTAssertNil(Column(type: .int, data: .int64([1]), validity: Bitmap(count: 1, value: true)).validity)
    }

    func testCatalogNamesAreExclusive() {
        var cat = Catalog()
        cat.setTable("x", .empty)
        cat.setView(ViewDefinition(name: "x", text: "t"))
        XCTAssertNil(cat.tables["x"])
        XCTAssertEqual(cat.relationNames, ["x"])
        XCTAssertTrue(cat.drop("x"))
        XCTAssertFalse(cat.drop("x"))
    }
}

final class ExactStringTests: XCTestCase {
    func testCanonicallyEquivalentStringsStayDistinct() {
        var b = StringDictionaryBuilder()
        let composed = "\u{E9}", decomposed = "e\u{301}"
        XCTAssertEqual(b.code(for: composed), 0)
        XCTAssertEqual(b.code(for: decomposed), 1)
        let d = b.build()
        XCTAssertEqual(d.code(of: decomposed), 1)
        XCTAssertEqual(Array(d.values[1].utf8), Array(decomposed.utf8))
    }
}
