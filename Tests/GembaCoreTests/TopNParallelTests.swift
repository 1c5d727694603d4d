import XCTest
@testable import GembaCore

/// `SortKernel.first` (a heap per core, winners merged) must give the stable sort's first rows, ties
/// and nulls included, when every core takes a share of the rows.
final class TopNParallelTests: XCTestCase {
    func testFirstRowsAreTheFullSortsFirstRows() {
        let n = 2 * Parallel.minimumRowsPerWorker + 7
        var state: UInt64 = 5
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        var x: [Double] = [], valid = Bitmap(count: n, value: true), k: [Int64] = []
        for r in 0..<n {
            x.append(Double(next() % 32) / 4)  // many ties, as quarter hours have
            if next() % 17 == 0 { valid[r] = false }
            k.append(Int64(next() % 1000))
        }
        let hours = Column(type: .float, data: .float64(x), validity: valid)
        let other = Column(type: .int, data: .int64(k))
        // Without nulls the first two keys are screened (a tight scan on the first, the second on ties);
        // a few NaN must still go through the full comparison.
        let dense = Column(type: .float, data: .float64(x.enumerated().map { $0.offset % 997 == 0 ? .nan : $0.element }))
        let shapes: [[(column: Column, descending: Bool, nullsFirst: Bool)]] = [
            [(hours, true, false)],
            [(hours, true, false), (other, false, false)],
            [(hours, false, true)],
            [(other, false, false), (hours, true, true)],
            [(dense, true, false), (other, false, false)],
            [(dense, false, false), (other, true, false)],
            [(other, true, false), (dense, false, false)],
        ]
        for (s, keys) in shapes.enumerated() {
            let full = SortKernel.order(keys: keys, rowCount: n)
            for count in [1, 10, 500] {
                XCTAssertEqual(SortKernel.first(count, keys: keys, rowCount: n), Array(full.prefix(count)), "shape \(s), first \(count)")
            }
        }
    }
}
