import XCTest
@testable import GembaCore

/// The dense summarize path must give what the general path gives. A float key is never dense, so
/// grouping by `tofloat(strlen(g))` (the same groups as `g`) takes the general path. Run at two sizes:
/// one worker, and enough rows that every core takes a share (partials merged).
final class DenseAggregateTests: XCTestCase {
    func testDenseAndGeneralPathsAgreeOnOneWorker() throws { try check(rows: 5_000) }

    func testDenseAndGeneralPathsAgreeAcrossWorkers() throws { try check(rows: 2 * Parallel.minimumRowsPerWorker + 17) }

    private func check(rows: Int) throws {
        var state: UInt64 = 777
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let gs = ["a", "bb", "ccc", "dddd"]
        var g: [UInt32] = [], gValid = Bitmap(count: rows, value: true)
        var q: [UInt32] = [], x: [Double] = [], xValid = Bitmap(count: rows, value: true)
        var p: [UInt32] = [], pValid = Bitmap(count: rows, value: true), b: [Bool] = [], i: [Int64] = []
        for r in 0..<rows {
            g.append(UInt32(next() % 4)); if next() % 5 == 0 { gValid[r] = false }
            q.append(UInt32(next() % 3))
            x.append(Double(Int(next() % 2000) - 1000) / 8); if next() % 9 == 0 { xValid[r] = false }
            p.append(UInt32(next() % 40)); if next() % 11 == 0 { pValid[r] = false }
            b.append(next() % 2 == 0)
            i.append(Int64(next() % 100) - 20)
        }
        let table = Table([
            ("g", Column(type: .string, data: .string(g, StringDictionary(gs)), validity: gValid)),
            ("q", Column(type: .string, data: .string(q, StringDictionary(["x", "yy", "zzz"])))),
            ("x", Column(type: .float, data: .float64(x), validity: xValid)),
            ("p", Column(type: .string, data: .string(p, StringDictionary((0..<40).map { "p\($0)" })), validity: pValid)),
            ("b", Column(type: .bool, data: .bool(b))),
            ("i", Column(type: .int, data: .int64(i))),
        ])
        let s = Session()
        s.catalog.setTable("t", table)
        let aggs = "n = count(), c = count(x), ci = countif(b), s = sum(x), a = avg(x), lo = min(x), hi = max(x), si = sum(i), "
            + "ai = avg(i), loi = min(i), hii = max(i), cp = count(p), "
            + "d = dcount(p), m = median(x), p85 = percentile(x, 85), p0 = percentile(x, 0), pl = percentile_linear(x, 37)"
        let shapes: [(dense: String, general: String)] = [
            ("by g, b | extend k = tofloat(strlen(g)) | project-away g | sort by k, b", "by k = tofloat(strlen(g)), b | sort by k, b"),
            // A lone string key without nulls: the dense path reads its codes as they are.
            ("by q | extend k = tofloat(strlen(q)) | project-away q | sort by k", "by k = tofloat(strlen(q)) | sort by k"),
            // An int key.
            ("by i | extend k = tofloat(i) | project-away i | sort by k", "by k = tofloat(i) | sort by k"),
        ]
        for filter in ["", "| where b and x > -200 "] {
            for shape in shapes {
                let dense = try runQuery("t \(filter)| summarize \(aggs) \(shape.dense)", in: s)
                let general = try runQuery("t \(filter)| summarize \(aggs) \(shape.general)", in: s)
                XCTAssertEqual(dense.rowCount, general.rowCount)
                XCTAssertGreaterThan(general.rowCount, 2)
                for name in general.fields.map(\.name) {
                    guard let dc = dense.column(name), let gc = general.column(name) else { return XCTFail("missing \(name)") }
                    for r in 0..<general.rowCount {
                        switch (dc.value(at: r), gc.value(at: r)) {
                        case (.float(let u), .float(let v)): XCTAssertEqual(u, v, accuracy: 1e-9 * max(1, abs(v)), "\(name) row \(r) \(filter) \(shape.general)")
                        case (let u, let v): XCTAssertEqual(u, v, "\(name) row \(r) \(filter) \(shape.general)")
                        }
                    }
                }
            }
        }
    }
}
