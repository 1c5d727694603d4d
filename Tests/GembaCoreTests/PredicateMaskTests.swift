import XCTest
@testable import GembaCore

/// The mask path of `where` must keep exactly the rows the general path keeps, across cores, with
/// nulls and NaN. `(P) == true` is not a mask shape, so it goes the general way.
final class PredicateMaskTests: XCTestCase {
    /// NaN is above every number and equal to itself, whichever side of a comparison it is on, in the
    /// mask path, the general path and sorts alike.
    func testNaNIsAboveEveryNumberOnEitherSide() throws {
        let s = Session()
        s.catalog.setTable("t", Table([("x", Column(type: .float, data: .float64([.nan, 1, 3, .nan, 2])))]))
        for (p, n) in [("x > 2", 3), ("2 < x", 3), ("(2 < x) == true", 3), ("x < 2", 1), ("2 > x", 1), ("(x < 2) == true", 1),
                       ("x >= 3", 3), ("3 <= x", 3)] {
            XCTAssertEqual(try runQuery("t | where \(p) | count", in: s).row(0), [.int(Int64(n))], p)
        }
        let sorted = try runQuery("t | sort by x asc", in: s)
        XCTAssertEqual(sorted.row(2), [.float(3)])
        XCTAssertTrue(sorted.row(3).first.map { if case .float(let v) = $0 { return v.isNaN } else { return false } } ?? false)
    }

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

    /// The kept rows, in order, whichever share of a range is kept (none, all, only its last row).
    func testSelectionListsTheKeptRowsInOrder() {
        let n = 2 * Parallel.minimumRowsPerWorker + 33
        var state: UInt64 = 5
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let last = Parallel.ranges(n).map { $0.upperBound - 1 }
        let masks: [[UInt8]] = [
            (0..<n).map { _ in next() % 7 == 0 ? 1 : 0 },
            [UInt8](repeating: 0, count: n),
            [UInt8](repeating: 1, count: n),
            (0..<n).map { last.contains($0) ? 1 : 0 },
        ]
        for mask in masks {
            XCTAssertEqual(PredicateMask.selection(mask), (0..<n).filter { mask[$0] == 1 })
        }
    }
}
