import XCTest
@testable import GembaCore

/// The dense summarize path must give what the general path gives. A float key is never dense, so
/// grouping by `tofloat(strlen(g))` (the same groups as `g`) takes the general path.
final class DenseAggregateTests: XCTestCase {
    func testDenseAndGeneralPathsAgree() throws {
        var state: UInt64 = 777
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        var values: [String] = []
        for _ in 0..<5000 {
            let g = ["'a'", "'bb'", "'ccc'", "'dddd'", "null"][Int(next() % 5)]
            let x = next() % 9 == 0 ? "null" : String(Double(Int(next() % 2000) - 1000) / 8)
            let p = next() % 11 == 0 ? "null" : "'p\(next() % 40)'"
            let b = next() % 2 == 0 ? "true" : "false"
            values.append("\(g), \(x), \(p), \(b), \(next() % 100)")
        }
        let s = Session()
        s.catalog.setTable("t", try runQuery("datatable(g:string, x:float, p:string, b:bool, i:int) [\(values.joined(separator: ", "))]", in: s))
        let aggs = "n = count(), c = count(x), ci = countif(b), s = sum(x), a = avg(x), lo = min(x), hi = max(x), si = sum(i), "
            + "d = dcount(p), m = median(x), p85 = percentile(x, 85), p0 = percentile(x, 0), pl = percentile_linear(x, 37)"
        for filter in ["", "| where b and x > -200 "] {
            let dense = try runQuery("t \(filter)| summarize \(aggs) by g, b | extend k = tofloat(strlen(g)) | project-away g | sort by k, b", in: s)
            let general = try runQuery("t \(filter)| summarize \(aggs) by k = tofloat(strlen(g)), b | sort by k, b", in: s)
            XCTAssertEqual(dense.rowCount, general.rowCount)
            let names = general.fields.map(\.name)
            for name in names {
                guard let dc = dense.column(name), let gc = general.column(name) else { return XCTFail("missing \(name)") }
                for r in 0..<general.rowCount {
                    switch (dc.value(at: r), gc.value(at: r)) {
                    case (.float(let u), .float(let v)): XCTAssertEqual(u, v, accuracy: 1e-9 * max(1, abs(v)), "\(name) row \(r) \(filter)")
                    case (let u, let v): XCTAssertEqual(u, v, "\(name) row \(r) \(filter)")
                    }
                }
            }
        }
    }
}
