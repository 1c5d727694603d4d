import XCTest
@testable import GembaCore

final class JoinUnionTests: XCTestCase {
    private func session() throws -> Session {
        let s = Session()
        s.catalog.setTable("l", try runQuery("datatable(k:int, a:string) [1, 'x', 2, 'y', 2, 'y2', null, 'n', 4, 'z']", in: s))
        s.catalog.setTable("r", try runQuery("datatable(k:int, b:string) [2, 'B', 3, 'C', null, 'N', 2, 'B2']", in: s))
        return s
    }

    func testKinds() throws {
        let s = try session()
        XCTAssertEqual(cells(try runQuery("l | join (r) on k", in: s)),
                       [["2", "y", "2", "B"], ["2", "y", "2", "B2"], ["2", "y2", "2", "B"], ["2", "y2", "2", "B2"]])
        XCTAssertEqual(try runQuery("l | join (r) on k", in: s).fields.map(\.name), ["k", "a", "k1", "b"])
        XCTAssertEqual(cells(try runQuery("l | join kind=left (r) on k | project a, b", in: s)),
                       [["x", "null"], ["y", "B"], ["y", "B2"], ["y2", "B"], ["y2", "B2"], ["n", "null"], ["z", "null"]])
        XCTAssertEqual(cells(try runQuery("l | join kind=right (r) on k | project a, b", in: s)),
                       [["y", "B"], ["y", "B2"], ["y2", "B"], ["y2", "B2"], ["null", "C"], ["null", "N"]])
        XCTAssertEqual(try runQuery("l | join kind=full (r) on k", in: s).rowCount, 9)
        XCTAssertEqual(cells(try runQuery("l | join kind=semi (r) on k", in: s)), [["2", "y"], ["2", "y2"]])
        XCTAssertEqual(cells(try runQuery("l | join kind=anti (r) on k | project a", in: s)), [["x"], ["n"], ["z"]])
    }

    func testLeftRightKeysAndStringDictionaries() throws {
        let s = try session()
        let t = try runQuery("l | join (r | extend a = b) on left.a == right.b", in: s)
        XCTAssertEqual(t.rowCount, 0)
        let u = try runQuery("l | join (datatable(name:string, v:int) ['y', 10, 'q', 20]) on left.a == right.name | project k, v", in: s)
        XCTAssertEqual(cells(u), [["2", "10"]])
    }

    func testJoinErrors() throws {
        let s = try session()
        XCTAssertTrue(runError("l | join (r) on a", in: s).contains("right side"))
        XCTAssertTrue(runError("l | join (r) on left.k == right.bb", in: s).contains("did you mean 'b'?"))
        XCTAssertTrue(runError("l | join kind=outer (r) on k", in: s).contains("unknown join kind"))
    }

    func testPrunedJoinsGiveTheSameAnswers() throws {
        let s = try session()
        for kind in ["inner", "left", "semi", "anti"] {
            let pruned = try runQuery("l | join kind=\(kind) (r) on k | summarize n = count(), a = max(a) by k", in: s)
            let whole = try runQuery("l | join kind=\(kind) (r) on k | where true | summarize n = count(), a = max(a) by k", in: s)
            XCTAssertEqual(cells(pruned), cells(whole), kind)
        }
        let p = try runQuery("l | join (r | extend z = 1) on left.a == right.b | project b, k1", in: s)
        XCTAssertEqual(p.fields.map(\.name), ["b", "k1"])
    }

    func testUnionMatchesByName() throws {
        let s = try session()
        let t = try runQuery("l | union (r | extend k = k * 1.5), (datatable(c:date) [@2026-01-01])", in: s)
        XCTAssertEqual(t.fields, [Field("k", .float), Field("a", .string), Field("b", .string), Field("c", .date)])
        XCTAssertEqual(t.rowCount, 10)
        XCTAssertEqual(t.row(5).map(\.text), ["3.0", "null", "B", "null"])
        XCTAssertEqual(t.row(9).map(\.text), ["null", "null", "null", "2026-01-01"])
        XCTAssertTrue(runError("l | union (datatable(a:int) [1])", in: s).contains("union column 'a'"))
    }
}
