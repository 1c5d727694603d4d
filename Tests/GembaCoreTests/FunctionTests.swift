import XCTest
@testable import GembaCore

final class FunctionTests: XCTestCase {
    private func value(_ expr: String) throws -> String { cells(try runQuery(expr))[0][0] }

    func testStringFunctions() throws {
        XCTAssertEqual(try value("strlen('Zürich')"), "6")
        XCTAssertEqual(try value("toupper('abc')"), "ABC")
        XCTAssertEqual(try value("trim('  a b ')"), "a b")
        XCTAssertEqual(try value("substring('abcdef', 2, 3)"), "cde")
        XCTAssertEqual(try value("substring('abcdef', 4)"), "ef")
        XCTAssertEqual(try value("strcat('a', 1, null, 'b')"), "a1b")
        XCTAssertEqual(try value("replace('a-b-c', '-', '+')"), "a+b+c")
        XCTAssertEqual(try value("split('a,b,c', ',')[1]"), "b")
        XCTAssertEqual(try value("split('a,b,c', ',')[5]"), "null")
    }

    func testChoicesAndConversions() throws {
        XCTAssertEqual(try value("iff(1 > 2, 'y', 'n')"), "n")
        XCTAssertEqual(try value("case(false, 1, null, 2, 3)"), "3")
        XCTAssertEqual(try value("coalesce(null, 2, 3)"), "2")
        XCTAssertEqual(try value("toint('42')"), "42")
        XCTAssertEqual(try value("toint(3.9)"), "3")
        XCTAssertEqual(try value("tofloat('x')"), "null")
        XCTAssertEqual(try value("todate('2026-03-31T23:00:00Z')"), "2026-03-31")
        XCTAssertEqual(try value("todatetime(@2026-03-31)"), "2026-03-31T00:00:00Z")
        XCTAssertEqual(try value("toduration('1.5d')"), "1d12h")
        XCTAssertEqual(try value("tostring(@2026-03-31)"), "2026-03-31")
    }

    func testMath() throws {
        XCTAssertEqual(try value("round(2.345, 2)"), "2.35")
        XCTAssertEqual(try value("round(-2.5)"), "-3.0")
        XCTAssertEqual(try value("floor(-1.5)"), "-2.0")
        XCTAssertEqual(try value("sqrt(-1)"), "null")
        XCTAssertEqual(try value("pow(2, 10)"), "1024.0")
        XCTAssertEqual(try value("abs(-3d)"), "3d")
    }

    func testCalendar() throws {
        XCTAssertEqual(try value("startofweek(@2026-11-29)"), "2026-11-23")
        XCTAssertEqual(try value("startofmonth(@2026-11-29T10:00:00Z)"), "2026-11-01T00:00:00Z")
        XCTAssertEqual(try value("startofquarter(@2026-11-29)"), "2026-10-01")
        XCTAssertEqual(try value("startofyear(@2026-11-29)"), "2026-01-01")
        XCTAssertEqual(try value("dayofweek(@2026-11-29)"), "7")
        XCTAssertEqual(try value("week(@2021-01-03)"), "53")
        XCTAssertEqual(try value("week(@2026-01-01)"), "1")
        XCTAssertEqual(try value("hour(@2026-01-01T13:59:00Z)"), "13")
        XCTAssertEqual(try value("bin(17, 5)"), "15")
        XCTAssertEqual(try value("bin(-1, 5)"), "-5")
        XCTAssertEqual(try value("bin(@2026-01-01T13:59:00Z, 1h)"), "2026-01-01T13:00:00Z")
        XCTAssertEqual(try value("bin(@2026-01-10, 7d)"), "2026-01-08")
        XCTAssertEqual(try value("days(36h)"), "1.5")
    }

    func testOrderedAggregates() throws {
        let s = Session()
        s.catalog.setTable("t", try runQuery("datatable(g:string, x:int, d:duration) ['a', 1, 1d, 'a', 5, 2d, 'a', 3, 3d, 'a', 4, 4d, 'b', 10, null, 'b', null, 5d]", in: s))
        let r = try runQuery("t | summarize median(x), percentile(x, 50), percentile(x, 0), percentile_linear(x, 25), stdev(x), variance(x), arg_max(x, d), arg_min(x, d), first(d), last(d), make_list(x) by g", in: s)
        XCTAssertEqual(r.fields.map(\.name), ["g", "median_x", "percentile_x", "percentile_x1", "percentile_linear_x", "stdev_x", "variance_x", "arg_max_x", "arg_min_x", "first_d", "last_d", "make_list_x"])
        XCTAssertEqual(cells(r)[0], ["a", "3.5", "3", "1", "2.5", "1.707825127659933", "2.9166666666666665", "2d", "1d", "1d", "4d", "[1,5,3,4]"])
        XCTAssertEqual(cells(r)[1], ["b", "10.0", "10", "10", "10.0", "null", "null", "null", "null", "5d", "5d", "[10]"])
        let p = try runQuery("t | summarize percentiles(x, 50, 90)", in: s)
        XCTAssertEqual(p.fields.map(\.name), ["percentile_x_50", "percentile_x_90"])
        XCTAssertEqual(cells(p), [["4", "10"]])
        XCTAssertTrue(runError("t | summarize percentile(x, 101)", in: s).contains("rank from 0 to 100"))
    }
}
