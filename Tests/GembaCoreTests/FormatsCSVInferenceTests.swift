import XCTest
@testable import GembaCore

final class FormatsCSVInferenceTests: XCTestCase {
    private func type(_ values: [String]) throws -> DataType {
        try readText("v\n" + values.joined(separator: "\n") + "\n").fields[0].type
    }

    func testInt() throws {
        let t = try readText("v\n0\n-7\n9223372036854775807\n-9223372036854775808\n")
        XCTAssertEqual(t.fields[0].type, .int)
        XCTAssertEqual(rows(t).map { $0[0] }, [.int(0), .int(-7), .int(.max), .int(.min)])
    }

    func testIntOverflowIsFloat() throws {
        let t = try readText("v\n9223372036854775808\n")
        XCTAssertEqual(t.fields[0].type, .float)
        XCTAssertEqual(rows(t), [[.float(9223372036854775808.0)]])
    }

    func testFloat() throws {
        let t = try readText("v\n1.5\n1e-3\n-2.5E+2\n.5\n7.\n-0.0\n")
        XCTAssertEqual(t.fields[0].type, .float)
        XCTAssertEqual(rows(t).map { $0[0] }, [.float(1.5), .float(0.001), .float(-250), .float(0.5), .float(7), .float(0)])
        if case .float(let z) = t.row(5)[0] { XCTAssertEqual(z.sign, .minus) } else { XCTFail("not a float") }
    }

    func testNanAndInfWordsAreStrings() throws {
        XCTAssertEqual(try type(["1.5", "nan"]), .string)
        XCTAssertEqual(try type(["inf"]), .string)
        XCTAssertEqual(try type(["-Infinity"]), .string)
        XCTAssertEqual(try type(["0x10"]), .string)
        XCTAssertEqual(try type(["+5"]), .string)
        XCTAssertEqual(try type(["1e"]), .string)
        XCTAssertEqual(try type(["-"]), .string)
    }

    func testBoolAnyCase() throws {
        let t = try readText("v\ntrue\nFALSE\nTrue\n")
        XCTAssertEqual(t.fields[0].type, .bool)
        XCTAssertEqual(rows(t).map { $0[0] }, [.bool(true), .bool(false), .bool(true)])
        XCTAssertEqual(try type(["true", "yes"]), .string)
    }

    func testDate() throws {
        let t = try readText("v\n2026-03-31\n1969-12-31\n")
        XCTAssertEqual(t.fields[0].type, .date)
        XCTAssertEqual(rows(t).map { $0[0] }, [.date(Temporal.days(year: 2026, month: 3, day: 31)), .date(-1)])
        XCTAssertEqual(try type(["2026-02-30"]), .string)
        XCTAssertEqual(try type(["2026-3-31"]), .string)
    }

    func testDatetimeInUTC() throws {
        let t = try readText("v\n2026-03-31T14:05:00Z\n2026-03-31T14:05:00+02:00\n2026-03-31 14:05\n2026-03-31T14:05:00.25Z\n")
        XCTAssertEqual(t.fields[0].type, .datetime)
        let base = Temporal.days(year: 2026, month: 3, day: 31) * Temporal.microsPerDay + 14 * Temporal.microsPerHour + 5 * Temporal.microsPerMinute
        XCTAssertEqual(rows(t).map { $0[0] }, [.datetime(base), .datetime(base - 2 * Temporal.microsPerHour),
                                             .datetime(base), .datetime(base + 250_000)])
    }

    func testWidening() throws {
        XCTAssertEqual(try type(["1", "2.5"]), .float)
        XCTAssertEqual(try type(["2.5", "1"]), .float)
        XCTAssertEqual(try type(["2026-01-01", "2026-01-02T03:04:05Z"]), .datetime)
        let t = try readText("v\n2026-01-01\n2026-01-02T00:00:01Z\n")
        XCTAssertEqual(t.row(0), [.datetime(Temporal.days(year: 2026, month: 1, day: 1) * Temporal.microsPerDay)])
        XCTAssertEqual(try type(["1", "true"]), .string)
        XCTAssertEqual(try type(["1", "2026-01-01"]), .string)
        XCTAssertEqual(try type(["1", "x"]), .string)
    }

    func testNullsDoNotInfluenceInference() throws {
        let t = try readText("a,b\n,\n1,\n,\n")
        XCTAssertEqual(t.fields, [Field("a", .int), Field("b", .string)])
        XCTAssertEqual(rows(t), [[.null, .null], [.int(1), .null], [.null, .null]])
    }

    func testQuotedValuesAreInferredToo() throws {
        let t = try readText("v\n\"12\"\n3\n")
        XCTAssertEqual(t.fields[0].type, .int)
        XCTAssertEqual(rows(t).map { $0[0] }, [.int(12), .int(3)])
    }

    func testTypeOverrides() throws {
        let t = try readText("zip,n,d,t,w\n00501,1,2026-01-01,2026-01-01,90s\n12,2,,2026-01-01T10:00:00Z,1d2h3m4.5s\n",
                             types: ["zip": .string, "n": .float, "t": .datetime, "w": .duration])
        XCTAssertEqual(t.fields, [Field("zip", .string), Field("n", .float), Field("d", .date), Field("t", .datetime), Field("w", .duration)])
        XCTAssertEqual(rows(t)[0], [.string("00501"), .float(1), .date(Temporal.days(year: 2026, month: 1, day: 1)),
                                    .datetime(Temporal.days(year: 2026, month: 1, day: 1) * Temporal.microsPerDay), .duration(90_000_000)])
        XCTAssertEqual(rows(t)[1][4], .duration(Temporal.microsPerDay + 2 * Temporal.microsPerHour + 3 * Temporal.microsPerMinute + 4_500_000))
        XCTAssertEqual(rows(t)[1][2], .null)
    }

    func testFloatOverrideAcceptsNanAndInfinity() throws {
        let t = try readText("v\nnan\n-inf\ninf\n1\n", types: ["v": .float])
        let values = rows(t).map { $0[0] }
        guard case .float(let n) = values[0] else { return XCTFail("not a float") }
        XCTAssertTrue(n.isNaN)
        XCTAssertEqual(Array(values[1...]), [.float(-.infinity), .float(.infinity), .float(1)])
    }

    func testBadOverrideValueNamesLineAndColumn() {
        let e = readError("a,b\n1,2\n3,x\n", types: ["b": .int])
        XCTAssertEqual(e?.line, 3)
        XCTAssertEqual(e?.column, 2)
        XCTAssertEqual(e?.columnUnit, .field)
        XCTAssertEqual(e?.description, "error: bad.csv:3:2: column 'b': expected an int, found \"x\"")
    }

    func testBadOverrideAfterMultilineFieldCountsPhysicalLines() {
        let e = readError("a,b\n\"x\ny\",2026-01-01\nz,2026-13-01\n", types: ["b": .date])
        XCTAssertEqual(e?.description, "error: bad.csv:4:2: column 'b': expected a date (YYYY-MM-DD), found \"2026-13-01\"")
    }

    func testOverrideOfUnknownColumnIsAnError() {
        let e = readError("a,b\n1,2\n", types: ["c": .int])
        XCTAssertEqual(e?.description, "error: bad.csv:1: type given for unknown column 'c' (columns: a, b)")
    }
}
