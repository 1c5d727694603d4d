import XCTest
@testable import GembaCore

/// Bugs the SQLite oracle (Tests/GembaOracleTests) found, each pinned by a focused test.
final class OracleFoundTests: XCTestCase {
    /// iff / case / coalesce mixing a date and a datetime give a datetime: the date is its midnight UTC,
    /// not null.
    func testChoiceMixingDateAndDatetimeGivesMidnight() throws {
        let t = try runQuery("""
            datatable(d:date, t:datetime) [@2024-02-29, @2024-03-01T12:00:00Z, null, @2000-01-01T00:00:00Z]
            | project a = iff(true, d, t), b = coalesce(d, t), c = case(false, t, d)
            """)
        XCTAssertEqual(cells(t), [["2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"],
                                  ["null", "2000-01-01T00:00:00Z", "null"]])
    }
}

extension OracleFoundTests {
    /// A string column holding only nulls (from datatable, an outer join or a union) can be compared,
    /// mapped, joined on and unioned again; it used to index an empty dictionary and crash.
    func testAllNullStringColumns() throws {
        XCTAssertEqual(cells(try runQuery("datatable(a:string) [null] | extend b = \"x\" | where isnull(a < b) | project b")), [["x"]])
        XCTAssertEqual(cells(try runQuery("datatable(a:string) [null] | extend b = tolower(a)")), [["null", "null"]])
        XCTAssertEqual(try runQuery("datatable(a:string) [null, null] | join (datatable(a:string) [null]) on a").rowCount, 0)
        XCTAssertEqual(cells(try runQuery("datatable(k:string) [\"x\"] | join kind=left (datatable(k:string, v:int) [null, 1]) on k")),
                       [["x", "null", "null"]])
        let t = try runQuery("""
            datatable(z:int) [] | union (datatable(n:int) [1, 2]) | extend s = "" | project-away s
            | union (datatable(n:int, s:string) [3, "c"]) | union (datatable(s:string) [null])
            """)
        XCTAssertEqual(t.rowCount, 4)
        let u = try runQuery("datatable(z:string) [] | union (datatable(n:int) [1, 2]) | union (datatable(n:int) [3])")
        XCTAssertEqual(cells(u), [["null", "1"], ["null", "2"], ["null", "3"]])
        // max of no strings is null; testing and sorting it must not crash either.
        XCTAssertEqual(cells(try runQuery("datatable(s:string) [] | summarize a = max(s) | extend b = a endswith \"x\" | sort by a")),
                       [["null", "null"]])
    }
}

extension OracleFoundTests {
    /// Canonically equivalent but byte-different strings ("Zoë" precomposed and decomposed) are
    /// different values in sort, min and max: ordered by their bytes, never tied.
    func testSortTellsCanonicallyEquivalentStringsApart() throws {
        let t = try runQuery("datatable(i:int, s:string) [1, \"Zoe\u{308}\", 2, \"Zo\u{eb}\", 3, \"Zoe\u{308}\"] | sort by s desc | project i")
        XCTAssertEqual(cells(t), [["2"], ["1"], ["3"]])
        let m = try runQuery("datatable(s:string) [\"Zoe\u{308}\", \"Zo\u{eb}\"] | summarize a = max(s), b = min(s)")
        XCTAssertEqual(m.row(0).map { Array($0.text.utf8) }, [Array("Zo\u{eb}".utf8), Array("Zoe\u{308}".utf8)])
    }
}

extension OracleFoundTests {
    /// `median` of an even count is the mean of the two middle values, bit for bit, on the general path
    /// as on the dense one: median(-0.1, 0.5) == 0.2 (interpolating gave 0.19999999999999998).
    func testMedianIsTheMeanOfTheMiddleTwo() throws {
        let general = try runQuery("datatable(x:float) [-0.1, 0.5] | summarize m = median(x) | where m == 0.2")
        XCTAssertEqual(general.rowCount, 1)
        let keyed = try runQuery("datatable(k:int, x:float) [1, -0.1, 1, 0.5, 2, 1e300] | summarize m = median(x) by k | where m == 0.2")
        XCTAssertEqual(keyed.rowCount, 1)
    }
}
