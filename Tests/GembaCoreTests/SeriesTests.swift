import XCTest
@testable import GembaCore

final class SeriesTests: XCTestCase {
    func testEmptyBucketsAreFilled() throws {
        let s = Session()
        s.catalog.setTable("t", try runQuery("""
            datatable(d:date, team:string, h:float)
            [@2026-01-05, 'a', 1.0, @2026-01-06, 'a', 2.0, @2026-01-20, 'a', 4.0, @2026-01-13, 'b', 8.0]
            """, in: s))
        let r = try runQuery("t | series n = count(), sum(h) on d step 7d by team", in: s)
        XCTAssertEqual(r.fields.map(\.name), ["team", "d", "n", "sum_h"])
        // Buckets anchored at the epoch's 7-day grid: 2026-01-01 (a Thursday), 01-08, 01-15.
        XCTAssertEqual(cells(r), [
            ["a", "2026-01-01", "2", "3.0"], ["a", "2026-01-08", "0", "null"], ["a", "2026-01-15", "1", "4.0"],
            ["b", "2026-01-01", "0", "null"], ["b", "2026-01-08", "1", "8.0"], ["b", "2026-01-15", "0", "null"],
        ])
        let w = try runQuery("t | series count() on d from @2026-01-05 to @2026-01-25 step 7d", in: s)
        XCTAssertEqual(cells(w), [["2026-01-05", "2"], ["2026-01-12", "1"], ["2026-01-19", "1"]])
    }

    func testSeriesErrors() throws {
        let s = Session()
        s.catalog.setTable("t", try runQuery("datatable(d:date, x:int) [@2026-01-05, 1]", in: s))
        XCTAssertTrue(runError("t | series count() on x step 1d", in: s).contains("date or datetime"))
        XCTAssertTrue(runError("t | series count() on d step 12h", in: s).contains("whole days"))
        XCTAssertTrue(runError("t | series count() + 1 on d step 1d", in: s).contains("aggregate calls"))
    }
}
