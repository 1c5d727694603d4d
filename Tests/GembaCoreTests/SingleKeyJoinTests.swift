import XCTest
@testable import GembaCore

/// The one-key join must pair rows as the join's definition says (left order, matches in right order), on enough rows that every
/// core takes a share: unique right keys (the left list left implied), repeated right keys, unmatched
/// and null left keys, dense keys (looked up by offset) and sparse ones (hashed).
final class SingleKeyJoinTests: XCTestCase {
    func testOneKeyJoinPairsRowsInOrder() throws {
        let n = 2 * Parallel.minimumRowsPerWorker + 101
        var state: UInt64 = 42
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let shapes: [(name: String, rightKeys: [Int64], stride: Int64)] = [
            ("unique dense", (0..<5000).map { Int64($0) }, 1),
            ("repeated sparse", (0..<5000).map { Int64($0 % 3000) }, 1 << 40),
        ]
        for shape in shapes {
            let right = Column(type: .int, data: .int64(shape.rightKeys.map { $0 * shape.stride }))
            for missing in [false, true] {
                var keys: [Int64] = [], valid = Bitmap(count: n, value: true)
                for i in 0..<n {
                    let k = Int64(next() % (missing ? 6000 : 3000))
                    keys.append(k * shape.stride)
                    if missing && next() % 50 == 0 { valid[i] = false }
                }
                let left = Column(type: .int, data: .int64(keys), validity: missing ? valid : nil)
                // The reference: each left row's matching right rows, from a dictionary.
                var rowsOf: [Int64: [Int]] = [:]
                for (r, k) in shape.rightKeys.enumerated() { rowsOf[k * shape.stride, default: []].append(r) }
                var innerL: [Int] = [], innerR: [Int] = [], outerL: [Int] = [], outerR: [Int] = [], semi: [Int] = [], anti: [Int] = []
                for i in 0..<n {
                    let matches = valid[i] || !missing ? rowsOf[keys[i]] ?? [] : []
                    for r in matches { innerL.append(i); innerR.append(r) }
                    for r in matches.isEmpty ? [-1] : matches { outerL.append(i); outerR.append(r) }
                    if matches.isEmpty { anti.append(i) } else { semi.append(i) }
                }
                let expected: [JoinKind: (left: [Int], right: [Int])] = [.inner: (innerL, innerR), .left: (outerL, outerR), .semi: (semi, []), .anti: (anti, [])]
                for kind in [JoinKind.inner, .left, .semi, .anti] {
                    guard let fast = try SingleKeyJoin.pairs(left: left, right: right, kind: kind, range: SourceRange(0, 1)),
                          let general = expected[kind] else { return XCTFail("no fast path") }
                    let label = "\(shape.name) missing=\(missing) \(kind)"
                    XCTAssertEqual(fast.left ?? Array(0..<n), general.left, label)
                    if kind == .inner || kind == .left { XCTAssertEqual(fast.right, general.right, label) }
                    // Unique keys and every row matched once: the left rows are implied.
                    if shape.name == "unique dense" && !missing && kind != .semi && kind != .anti { XCTAssertNil(fast.left, label) }
                }
            }
        }
    }
}
