import XCTest
@testable import GembaCore

/// The two ways dense groups answer `median`, `percentile` and `percentile_linear` — counts per distinct
/// value (`DenseHistogram`, for columns with few values) and values bucketed by group (`DenseRank.Buckets`)
/// — must agree with each other and with the general path, NaN (above every number), -0.0 and nulls
/// included, on enough rows that every core works.
final class DenseRankTests: XCTestCase {
    private let n = 2 * Parallel.minimumRowsPerWorker + 77

    /// Group keys (8 teams, one of them with only null values) and quarter-hour values with a few NaN,
    /// -0.0 and nulls.
    private func columns() -> (key: Column, values: Column) {
        var state: UInt64 = 11
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        var keys = ColumnBuilder(type: .string), values: [Double] = [], valid = Bitmap(count: n, value: true)
        for i in 0..<n {
            let team = next() % 8
            keys.appendString("t\(team)")
            let r = next() % 1000
            values.append(r == 0 ? .nan : (r == 1 ? -0.0 : Double(next() % 33) / 4))
            if team == 7 || next() % 30 == 0 { valid[i] = false }
        }
        return (keys.build(), Column(type: .float, data: .float64(values), validity: valid))
    }

    private func context(_ key: Column) throws -> DenseAggregate.Context {
        let slots = try XCTUnwrap(DenseSlots(keys: [key], rows: nil, n: n, maxDomain: DenseAggregate.maxDomain, maxIntSpan: DenseAggregate.maxIntSpan))
        var counts = [Int64](repeating: 0, count: slots.domain)
        for s in slots.slot { counts[Int(s)] += 1 }
        return DenseAggregate.Context(slot: slots.slot, rows: nil, ranges: Parallel.ranges(n), domain: slots.domain,
                                      groups: (0..<slots.domain).filter { counts[$0] > 0 }, rowCounts: counts)
    }

    private func doubles(_ c: Column) -> [String] {
        (0..<c.count).map { c.isNull($0) ? "null" : "\(ColumnAccess.doubles(c)[$0])" }
    }

    func testHistogramAndBucketsAgree() throws {
        let (key, values) = columns()
        let x = try context(key)
        let histogram = try XCTUnwrap(DenseHistogram(values, x), "33 distinct values must take the histogram")
        let buckets = DenseRank.Buckets(values, x)
        for (f, p) in [(AggregateFunction.median, 50.0), (.percentile, 0), (.percentile, 1), (.percentile, 85), (.percentile, 99.95),
                       (.percentile, 100), (.percentileLinear, 0), (.percentileLinear, 30), (.percentileLinear, 99.99)] {
            let a = doubles(histogram.rank(f, p, x.groups)), b = doubles(buckets.rank(f, p, x.groups))
            XCTAssertEqual(a, b, "\(f) \(p)")
            XCTAssertEqual(a.filter { $0 == "null" }.count, 1, "the all-null team has no value")
        }
        // NaN is the largest value: the top percentile of a team with a NaN is NaN.
        XCTAssertTrue(doubles(histogram.rank(.percentile, 100, x.groups)).contains("nan"))
    }

    func testManyDistinctValuesAreLeftToBuckets() throws {
        let (key, _) = columns()
        let x = try context(key)
        let spread = Column(type: .float, data: .float64((0..<n).map { Double($0) * 0.37 }))
        XCTAssertNil(DenseHistogram(spread, x))
    }

    func testDensePathAgreesWithGeneralPath() throws {
        let (key, values) = columns()
        let s = Session()
        try s.defineTable("t", Table(fields: [Field("team", .string), Field("x", .float)], columns: [key, values], rowCount: n))
        let aggregates = "median(x), percentile(x, 85), percentile_linear(x, 40), min(x), max(x)"
        // By a string key: the dense path; by a float key (team number as a double): the general one.
        let dense = try runQuery("t | summarize \(aggregates) by team | sort by team", in: s)
        let general = try runQuery("t | summarize \(aggregates) by k = tofloat(substring(team, 1)) | sort by k", in: s)
        XCTAssertEqual(dense.rowCount, 8)
        XCTAssertEqual(cells(dense).map { Array($0.dropFirst()) }, cells(general).map { Array($0.dropFirst()) })
    }
}
