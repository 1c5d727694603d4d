import XCTest
@testable import GembaCore

/// A join whose right side repeats keys counts its rows before making them: past the limit it is an
/// error at the join, not an allocation that takes the machine down; at the limit it runs.
final class JoinSizeTests: XCTestCase {
    func testAManyToManyJoinPastMemoryIsAnError() {
        let message = runError("range(1, 100000, 1) | extend k = 1 | join (range(1, 100000, 1) | extend k = 1) on k | count")
        XCTAssertTrue(message.contains("this join would make 10000000000 rows") && message.contains("at 1:38"), message)
        let twoKeys = runError("range(1, 100000, 1) | extend k = 1, j = 2 | join (range(1, 100000, 1) | extend k = 1, j = 2) on k, j | count")
        XCTAssertTrue(twoKeys.contains("this join would make 10000000000 rows"), twoKeys)
    }

    func testTheCountIsExactForBothJoins() throws {
        // Left keys 0..<7 repeating, with nulls and keys the right lacks; right keys 0..<5, key k held k + 1 times.
        let n = 2 * Parallel.minimumRowsPerWorker + 5
        var lk: [Int64] = [], valid = Bitmap(count: n, value: true)
        for i in 0..<n { lk.append(Int64(i % 7)); if i % 11 == 0 { valid[i] = false } }
        var rk: [Int64] = []
        for k in 0..<5 { rk += [Int64](repeating: Int64(k), count: k + 1) }
        let left = Column(type: .int, data: .int64(lk), validity: valid), right = Column(type: .int, data: .int64(rk))
        var inner = 0, outer = 0
        for i in 0..<n {
            let m = valid[i] && lk[i] < 5 ? Int(lk[i]) + 1 : 0
            inner += m; outer += max(m, 1)
        }
        let range = SourceRange(0, 1)
        for (kind, rows) in [(JoinKind.inner, inner), (.left, outer)] {
            // The left join's count is the one checked for both (an unmatched row counts one): the limit
            // at the left join's rows lets both run, one below stops both.
            XCTAssertEqual(try SingleKeyJoin.pairs(left: left, right: right, kind: kind, range: range, limit: outer)?.right.count, rows)
            XCTAssertEqual(try HashJoin.pairs(left: [left], right: [right], kind: kind, range: range, limit: outer).right.count, rows)
            XCTAssertThrowsError(try SingleKeyJoin.pairs(left: left, right: right, kind: kind, range: range, limit: outer - 1))
            XCTAssertThrowsError(try HashJoin.pairs(left: [left], right: [right], kind: kind, range: range, limit: outer - 1))
        }
    }
}
