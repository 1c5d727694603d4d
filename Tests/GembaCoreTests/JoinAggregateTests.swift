import XCTest
@testable import GembaCore

/// A `summarize` by right-side columns straight over a join takes the fused path (`JoinAggregate`): its
/// answers must be those of joining first and summarizing the joined rows, for inner and left joins, int,
/// date and string keys, nulls on both sides, unmatched rows, and on enough rows that every core works.
final class JoinAggregateTests: XCTestCase {
    /// A session with `facts` (left) and `dims` (right, unique keys) and `dupes` (a right side whose
    /// keys repeat, which the fused path must turn down).
    private func session() throws -> Session {
        let n = 2 * Parallel.minimumRowsPerWorker + 101
        var state: UInt64 = 7
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let dimCount = 900
        // Left keys run past the right's (unmatched rows) and some are null.
        var ki: [Int64] = [], ks: [String] = [], kd: [Int64] = [], hours: [Double] = []
        var kValid = Bitmap(count: n, value: true), hValid = Bitmap(count: n, value: true)
        for i in 0..<n {
            let k = next() % (dimCount + 100)
            ki.append(Int64(k) * 3 + 1000); ks.append("k\(k)"); kd.append(Int64(19_000 + k))
            hours.append(Double(next() % 33) / 4)
            if next() % 40 == 0 { kValid[i] = false }
            if next() % 25 == 0 { hValid[i] = false }
        }
        let facts = Table(fields: [Field("ki", .int), Field("ks", .string), Field("kd", .date), Field("hours", .float)],
                          columns: [Column(type: .int, data: .int64(ki), validity: kValid),
                                    strings(ks, validity: kValid),
                                    Column(type: .date, data: .int64(kd), validity: kValid),
                                    Column(type: .float, data: .float64(hours), validity: hValid)],
                          rowCount: n)
        // Right rows in shuffled key order; a few keys null; `type` and `grade` with nulls.
        var order = Array(0..<dimCount)
        for i in stride(from: dimCount - 1, to: 0, by: -1) { order.swapAt(i, next() % (i + 1)) }
        var rValid = Bitmap(count: dimCount, value: true), tValid = Bitmap(count: dimCount, value: true)
        var types: [String] = [], grades: [Int64] = []
        for j in 0..<dimCount {
            if j % 97 == 5 { rValid[j] = false }
            if j % 31 == 3 { tValid[j] = false }
            types.append(["bug", "feature", "chore", "spike"][next() % 4])
            grades.append(Int64(next() % 5))
        }
        let dims = Table(fields: [Field("ki", .int), Field("ks", .string), Field("kd", .date), Field("type", .string), Field("grade", .int)],
                         columns: [Column(type: .int, data: .int64(order.map { Int64($0) * 3 + 1000 }), validity: rValid),
                                   strings(order.map { "k\($0)" }, validity: rValid),
                                   Column(type: .date, data: .int64(order.map { Int64(19_000 + $0) }), validity: rValid),
                                   strings(types, validity: tValid),
                                   Column(type: .int, data: .int64(grades))],
                         rowCount: dimCount)
        let s = Session()
        try s.defineTable("facts", facts)
        try s.defineTable("dims", dims)
        try s.defineTable("dupes", dims.gather(Array(0..<dimCount) + Array(0..<10)))
        return s
    }

    private func strings(_ values: [String], validity: Bitmap) -> Column {
        var b = ColumnBuilder(type: .string)
        for (i, v) in values.enumerated() { if validity[i] { b.appendString(v) } else { b.appendNull() } }
        return b.build()
    }

    func testFusedSummarizeEqualsJoinThenSummarize() throws {
        let s = try session()
        let aggregates = "n = count(), h = sum(hours), a = avg(hours), lo = min(hours), c = countif(hours > 4), p = percentile(hours, 85), m = median(hours)"
        for key in ["ki", "ks", "kd"] {
            for kind in ["inner", "leftouter"] {
                for right in ["dims", "dupes"] {
                    // Debug builds are slow over this many rows: one key shape each, both for the int key.
                    for by in key == "ki" ? ["type", "type, grade"] : ["type, grade"] {
                        let join = "facts | join kind=\(kind) (\(right)) on \(key)"
                        let fused = try runQuery("\(join) | summarize \(aggregates) by \(by)", in: s)
                        let general = try runQuery("\(join) | where true | summarize \(aggregates) by \(by)", in: s)
                        let label = "\(key) \(kind) \(right) by \(by)"
                        XCTAssertGreaterThan(fused.rowCount, 1, label)
                        XCTAssertEqual(cells(fused), cells(general), label)
                    }
                }
            }
        }
    }

    func testFusedPathTakesUniqueKeysAndTurnsDownRepeatedOnes() throws {
        let s = try session()
        let facts = try runQuery("facts", in: s), dims = try runQuery("dims", in: s), dupes = try runQuery("dupes", in: s)
        let count = AggregateCall(function: .count, arguments: [], type: .int)
        let fields = [Field("type", .string), Field("n", .int)]
        for key in ["ki", "ks", "kd"] {
            let fused = JoinAggregate.run(leftKey: facts.column(key)!, rightKey: dims.column(key)!, kind: .inner,
                                          keys: [dims.column("type")!], aggregates: [(count, [])], fields: fields)
            XCTAssertNotNil(fused, key)
            let repeated = JoinAggregate.run(leftKey: facts.column(key)!, rightKey: dupes.column(key)!, kind: .inner,
                                             keys: [dupes.column("type")!], aggregates: [(count, [])], fields: fields)
            XCTAssertNil(repeated, key)
        }
    }
}
