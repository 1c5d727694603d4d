import XCTest
@testable import GembaCore

/// The mask path of `where` must keep exactly the rows the general path keeps, across cores, with
/// nulls and NaN. `(P) == true` is not a mask shape, so it goes the general way.
final class PredicateMaskTests: XCTestCase {
    func testMaskAndGeneralPathsKeepTheSameRows() throws {
        let n = 2 * Parallel.minimumRowsPerWorker + 33
        var state: UInt64 = 9
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        var x: [Double] = [], xValid = Bitmap(count: n, value: true), d: [Int64] = [], b: [Bool] = [], i: [Int64] = []
        for r in 0..<n {
            let u = next() % 20
            x.append(u == 0 ? .nan : Double(u) / 20); if next() % 13 == 0 { xValid[r] = false }
            d.append(Int64(next() % 400) + 19_700)
            b.append(next() % 3 == 0)
            i.append(Int64(next() % 50))
        }
        let s = Session()
        s.catalog.setTable("t", Table([
            ("x", Column(type: .float, data: .float64(x), validity: xValid)),
            ("d", Column(type: .date, data: .int64(d))),
            ("b", Column(type: .bool, data: .bool(b))),
            ("i", Column(type: .int, data: .int64(i))),
        ]))
        let predicates = ["x > 0.5", "x >= 0.5", "x < 0.5", "x <= 0.5", "x == 0.5", "x != 0.5", "0.5 < x",
                          "d between (@2024-01-10 .. @2024-03-01)", "b", "not(b)", "i > 10 and b", "x > 0.5 or b",
                          "b == false", "isnull(x)", "isnotnull(x)"]
        for p in predicates {
            let fast = try runQuery("t | where \(p) | summarize n = count(), s = sum(i)", in: s)
            let general = try runQuery("t | where (\(p)) == true | summarize n = count(), s = sum(i)", in: s)
            XCTAssertEqual(fast.row(0), general.row(0), p)
            XCTAssertNotEqual(fast.row(0).first, .int(0), p)
        }
    }
}
