import XCTest
@testable import GembaCore

final class QueryTests: XCTestCase {
    func testDoneWhenExample() throws {
        let t = try runQuery(#"datatable(a:int, b:string) [1, "x", 2, null] | where a > 1 | project b, c = a * 2"#)
        XCTAssertEqual(t.fields.map(\.name), ["b", "c"])
        XCTAssertEqual(cells(t), [["null", "4"]])
        XCTAssertTrue(t.columns[0].isNull(0))
    }

    func testWhereWithNullsKeepsOnlyTrueRows() throws {
        let s = try sampleSession()
        XCTAssertEqual(cells(try runQuery("items | where hours > 2 | project id", in: s)), [["1"], ["4"], ["5"]])
        XCTAssertEqual(cells(try runQuery("items | where finished == null | project id", in: s)), [["2"], ["5"]])
        XCTAssertEqual(cells(try runQuery("items | where not(hours > 2) | project id", in: s)), [["2"]])
        XCTAssertEqual(cells(try runQuery("items | where hours > 2 or assignee == 'bo' | project id", in: s)), [["1"], ["3"], ["4"], ["5"]])
    }

    func testSummarize() throws {
        let s = try sampleSession()
        let t = try runQuery("items | summarize count(), n = countif(hours > 2), sum(hours), avg(hours), max(created) by team", in: s)
        XCTAssertEqual(t.fields.map(\.name), ["team", "count_", "n", "sum_hours", "avg_hours", "max_created"])
        XCTAssertEqual(cells(t), [["core", "2", "1", "4.5", "2.25", "2026-01-06"],
                                 ["web", "2", "1", "2.25", "2.25", "2026-01-08"],
                                 ["data", "1", "1", "8.0", "8.0", "2026-02-01"]])
    }

    func testSummarizeWithoutByOnNoRowsGivesOneRow() throws {
        let s = try sampleSession()
        XCTAssertEqual(cells(try runQuery("items | where id > 100 | summarize count(), sum(hours), min(team)", in: s)),
                       [["0", "null", "null"]])
        XCTAssertEqual(try runQuery("items | where id > 100 | summarize count() by team", in: s).rowCount, 0)
    }

    func testNullsFormOneGroup() throws {
        let s = try sampleSession()
        let t = try runQuery("items | summarize n = count() by assignee | sort by assignee", in: s)
        XCTAssertEqual(cells(t), [["ana", "1"], ["bo", "2"], ["cy", "1"], ["null", "1"]])
    }

    func testExpressionsOverAggregates() throws {
        let s = try sampleSession()
        let t = try runQuery("items | summarize per = sum(hours) / count() by team | where team == 'core'", in: s)
        XCTAssertEqual(cells(t), [["core", "2.25"]])
    }

    func testSortIsStableAndNullsLast() throws {
        let s = try sampleSession()
        XCTAssertEqual(cells(try runQuery("items | sort by hours desc | project id", in: s)), [["5"], ["1"], ["4"], ["2"], ["3"]])
        XCTAssertEqual(cells(try runQuery("items | sort by hours asc | project id", in: s)), [["2"], ["4"], ["1"], ["5"], ["3"]])
        XCTAssertEqual(cells(try runQuery("items | sort by hours nulls first | project id", in: s)), [["3"], ["2"], ["4"], ["1"], ["5"]])
        XCTAssertEqual(cells(try runQuery("items | sort by team | project id", in: s)), [["1"], ["2"], ["5"], ["3"], ["4"]])
    }

    func testTopTakeDistinctCount() throws {
        let s = try sampleSession()
        XCTAssertEqual(cells(try runQuery("items | top 2 by created | project id", in: s)), [["5"], ["4"]])
        XCTAssertEqual(try runQuery("items | take 2", in: s).rowCount, 2)
        XCTAssertEqual(cells(try runQuery("items | distinct team", in: s)), [["core"], ["web"], ["data"]])
        XCTAssertEqual(cells(try runQuery("items | count", in: s)), [["5"]])
    }

    func testExtendProjectRename() throws {
        let s = try sampleSession()
        let t = try runQuery("items | extend d = finished - created, h2 = hours * 2 | extend h3 = h2 + 1 | project-away team, assignee | rename started = created | take 1", in: s)
        XCTAssertEqual(t.fields.map(\.name), ["id", "started", "finished", "hours", "d", "h2", "h3"])
        XCTAssertEqual(cells(t), [["1", "2026-01-05", "2026-01-09", "3.5", "4d", "7.0", "8.0"]])
    }

    func testArithmeticAndTemporal() throws {
        XCTAssertEqual(cells(try runQuery("7 / 2")), [["3.5"]])
        XCTAssertEqual(cells(try runQuery("7 // 2")), [["3"]])
        XCTAssertEqual(cells(try runQuery("-7 // 2")), [["-4"]])
        XCTAssertEqual(cells(try runQuery("1 / 0")), [["null"]])
        XCTAssertEqual(cells(try runQuery("@2026-03-31 + 1d")), [["2026-04-01"]])
        XCTAssertEqual(cells(try runQuery("@2026-03-31 + 12h")), [["2026-03-31T12:00:00Z"]])
        XCTAssertEqual(cells(try runQuery("@2026-03-31T10:00:00+02:00 - @2026-03-31")), [["8h"]])
        XCTAssertEqual(cells(try runQuery("3d / 12h")), [["6.0"]])
        XCTAssertEqual(cells(try runQuery("1.5d * 2")), [["3d"]])
        XCTAssertEqual(cells(try runQuery("null + 1")), [["null"]])
    }

    func testStringTestsAndMembership() throws {
        let s = try sampleSession()
        XCTAssertEqual(cells(try runQuery("items | where team in ('web', 'data') | project id", in: s)), [["3"], ["4"], ["5"]])
        XCTAssertEqual(cells(try runQuery("items | where team !in ('web', 'data') | project id", in: s)), [["1"], ["2"]])
        XCTAssertEqual(cells(try runQuery("items | where team startswith 'co' | project id", in: s)), [["1"], ["2"]])
        XCTAssertEqual(cells(try runQuery("items | where team =~ 'WEB' and assignee contains 'b' | project id", in: s)), [["3"], ["4"]])
        XCTAssertEqual(cells(try runQuery("items | where id between (2 .. 3) | project id", in: s)), [["2"], ["3"]])
        XCTAssertEqual(cells(try runQuery("items | where team matches regex '^d.t' | project id", in: s)), [["5"]])
    }

    func testLetViewsScalarsAndLast() throws {
        let s = try sampleSession()
        try s.run("let big = items | where hours > 2; let cutoff = @2026-01-07") { _ in }
        XCTAssertEqual(cells(try runQuery("big | where created >= cutoff | project id", in: s)), [["4"], ["5"]])
        XCTAssertEqual(cells(try runQuery("_ | count", in: s)), [["2"]])
    }

    func testRange() throws {
        XCTAssertEqual(cells(try runQuery("range(1, 5, 2)")), [["1"], ["3"], ["5"]])
        XCTAssertEqual(cells(try runQuery("range(@2026-01-01, @2026-01-03, 1d) | count")), [["3"]])
    }

    func testErrors() throws {
        let s = try sampleSession()
        let e = runError("items | summarize count() by asignee", in: s)
        XCTAssertTrue(e.contains("unknown column 'asignee' at 1:30"), e)
        XCTAssertTrue(e.contains("did you mean 'assignee'?"), e)
        XCTAssertTrue(runError("items | where created > 3", in: s).contains("date and int"))
        XCTAssertTrue(runError("itms | count", in: s).contains("did you mean 'items'?"))
        XCTAssertTrue(runError("\"a\" + 1", in: s).contains("type error"))
        XCTAssertTrue(runError("items | where sum(hours) > 1", in: s).contains("only be used in summarize"))
        XCTAssertTrue(runError("items | summarize n = cont()", in: s).contains("did you mean 'count'"))
    }

    func testIndependentErrorsAreReportedTogether() throws {
        let s = try sampleSession()
        let e = runError("items | project tema, id, asignee", in: s)
        XCTAssertTrue(e.contains("unknown column 'tema' at 1:17"), e)
        XCTAssertTrue(e.contains("unknown column 'asignee' at 1:27"), e)
        let e2 = runError("items | summarize sum(team), avg(nope) by tem", in: s)
        XCTAssertEqual(e2.split(separator: "\n").filter { $0.hasPrefix("error: ") }.count, 3, e2)
        XCTAssertEqual(cells(try runQuery("items | summarize a = sum(hours), b = sum(hours) / count(), c = count() by team | take 1", in: s)),
                       [["core", "4.5", "2.25", "2"]])
    }

    func testAnErrorStopsTheScriptAfterEarlierStatementsRan() {
        let s = Session()
        var printed = 0
        do {
            try s.run("range(1,2,1)\nrange(1,3,1)\nrange(1, 3, nope)\nrange(1,4,1)") { _ in printed += 1 }
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(printed, 2)
            XCTAssertTrue(error.description.hasPrefix("error: unknown column 'nope' at 3:13"), error.description)
            XCTAssertTrue(error.description.contains("\n  range(1, 3, nope)\n              ^^^^"), error.description)
        }
    }

    func testCancellationStopsLongWork() {
        Cancellation.request()
        defer { Cancellation.reset() }
        let e = runError("range(1, 10000000, 1) | count")
        XCTAssertTrue(e.contains("interrupted"), e)
    }

    /// Work that finished after Ctrl-C commits nothing: not a loaded table, not a query's `_`.
    func testInterruptedWorkChangesNothing() throws {
        let session = Session()
        try session.run("datatable(x:int) [7]") { _ in }
        let before = session.last
        Cancellation.request()
        defer { Cancellation.reset() }
        XCTAssertThrowsError(try session.defineTable("t", Table(fields: [], columns: []))) { error in
            XCTAssertEqual("\(error)", "interrupted")
        }
        XCTAssertNil(session.catalog.tables["t"])
        XCTAssertThrowsError(try session.run("datatable(y:int) [1]") { _ in })
        XCTAssertEqual(session.last?.fields.map(\.name), before?.fields.map(\.name))
    }
}

final class TopNTests: XCTestCase {
    /// The one-pass heap (`sort | take`) must give exactly the rows a full stable sort gives.
    func testHeapMatchesFullSort() throws {
        var state: UInt64 = 12345
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        var values: [String] = []
        for i in 0..<3000 {
            let x = next() % 10 == 0 ? "null" : String(Int(next() % 50) - 25)
            let s = next() % 7 == 0 ? "null" : "'s\(next() % 5)'"
            values.append("\(i), \(x), \(s)")
        }
        let s = Session()
        s.catalog.setTable("t", try runQuery("datatable(i:int, x:int, s:string) [\(values.joined(separator: ", "))]", in: s))
        for (keys, n) in [("x desc", 7), ("x asc", 50), ("s desc nulls first, x", 100), ("x nulls first, s desc", 1), ("s, x desc", 2999)] {
            let heap = try runQuery("t | sort by \(keys) | take \(n)", in: s)
            let full = try runQuery("t | sort by \(keys) | extend k = 1 | take \(n) | project-away k", in: s)
            XCTAssertEqual(cells(heap), cells(full), keys)
        }
        XCTAssertEqual(cells(try runQuery("t | top 3 by x asc | project x", in: s)),
                       cells(try runQuery("t | sort by x asc | extend k = 1 | take 3 | project x", in: s)))
    }
}
