import Foundation
import XCTest
@testable import GembaCore

/// Cross-check with jira-agile-metrics (Tests/fixtures/jira-agile-metrics, MIT): its end-to-end
/// fixture's inputs run through gemba's flow operators reproduce its outputs exactly, with the options
/// that take its conventions: `entry=first`, `count=elapsed` (no +1) and `percentile_linear`.
final class JiraAgileMetricsTests: XCTestCase {
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/jira-agile-metrics").path

    /// The stages and the statuses mapped to them: Backlog, Committed ← Next, Build, Test ← QA, Done.
    private static let stages = #"stages ("Backlog", "Next", "Build", "QA", "Done")"#

    private func session() throws -> Session {
        let s = Session()
        for name in ["transitions", "issues"] {
            s.catalog.setTable("jira_" + name, try TableReader.read(path: "\(Self.folder)/\(name).csv"))
        }
        // Creation counts as entering the status the first change left; an issue with no change has no
        // stage dates at all (as in jira-agile-metrics).
        try s.run("""
            let moves = jira_transitions | project key, at, state = to_status
                | union (jira_transitions | summarize s = arg_min(at, from_status) by key
                         | join (jira_issues | project key, created) on key | project key, at = created, state = s)
            let items = moves | flow start="Next" finish="Done" \(Self.stages) by key entry=first count=elapsed
            """) { _ in }
        return s
    }

    private func expected(_ name: String) throws -> Table {
        try TableReader.read(path: "\(Self.folder)/expected-\(name).csv")
    }

    private func text(_ t: Table, _ column: String, _ row: Int) -> String {
        guard let c = t.column(column) else { XCTFail("no column \(column)"); return "?" }
        return c.isNull(row) ? "" : c.value(at: row).text
    }

    /// Each issue's stage dates (skipped stages back-filled), 20 issues × 5 stages.
    func testCycleTimeStageDates() throws {
        let s = try session()
        let flow = try runQuery("items", in: s)
        let want = try expected("cycletime")
        XCTAssertEqual(want.rowCount, 20)
        let mapped = [("Backlog", "Backlog"), ("Committed", "Next"), ("Build", "Build"), ("Test", "QA"), ("Done", "Done")]
        var compared = 0
        for i in 0..<want.rowCount {
            let key = text(want, "ID", i)
            let row = (0..<flow.rowCount).first { text(flow, "key", $0) == key }
            for (theirs, ours) in mapped {
                let got = row.map { text(flow, ours, $0) } ?? ""
                XCTAssertEqual(got, text(want, theirs, i), "\(key) \(theirs)")
                compared += 1
            }
        }
        XCTAssertEqual(compared, 100)
        XCTAssertEqual(flow.rowCount, 18, "I-18 and I-19 never moved: no row")
    }

    /// Completed date, cycle time and lead time of the 14 finished issues.
    func testScatterplot() throws {
        let s = try session()
        let flow = try runQuery("items | where isnotnull(finished)", in: s)
        let want = try expected("scatterplot")
        XCTAssertEqual(flow.rowCount, want.rowCount)
        for i in 0..<want.rowCount {
            let key = text(want, "key", i)
            guard let row = (0..<flow.rowCount).first(where: { text(flow, "key", $0) == key }) else {
                XCTFail("\(key) missing"); continue
            }
            XCTAssertEqual(text(flow, "finished", row), text(want, "completed_date", i), key)
            XCTAssertEqual(text(flow, "cycletime", row), text(want, "cycle_time", i), key)
            XCTAssertEqual(text(flow, "leadtime", row), text(want, "lead_time", i), key)
        }
    }

    /// The 50th, 85th and 95th percentiles, interpolated: 15 days, 18 days, 19 days 01:12:00.
    func testPercentiles() throws {
        let s = try session()
        let got = try runQuery("""
            items | where isnotnull(finished) | extend ct = cycletime * 1d
            | summarize p50 = percentile_linear(ct, 50), p85 = percentile_linear(ct, 85), p95 = percentile_linear(ct, 95)
            """, in: s)
        let want = try expected("percentiles")
        XCTAssertEqual(want.rowCount, 3)
        for (i, column) in ["p50", "p85", "p95"].enumerated() {
            // pandas writes `19 days 01:12:00`.
            let parts = text(want, "cycle_time", i).split(separator: " ")
            let hms = parts[2].split(separator: ":").compactMap { Int64($0) }
            let micros = (Int64(parts[0]) ?? -1) * Temporal.microsPerDay + hms[0] * Temporal.microsPerHour
                + hms[1] * Temporal.microsPerMinute + hms[2] * Temporal.microsPerSecond
            XCTAssertEqual(got.column(column)?.value(at: 0), .duration(micros), column)
        }
    }

    /// Items finished per day from the first completion to the last, zero-filled (65 days).
    func testThroughput() throws {
        let s = try session()
        let got = try runQuery("items | throughput on finished step 1d", in: s)
        let want = try expected("throughput")
        XCTAssertEqual(got.rowCount, want.rowCount)
        XCTAssertEqual(got.rowCount, 65)
        for i in 0..<min(got.rowCount, want.rowCount) {
            XCTAssertEqual(text(got, "finished", i), text(want, "Period starting", i))
            XCTAssertEqual(text(got, "throughput", i), text(want, "count", i), text(want, "Period starting", i))
        }
    }

    /// For each day, the issues that have reached each stage or a later one: 93 days × 5 stages.
    func testCumulativeFlow() throws {
        let s = try session()
        let got = try runQuery("""
            moves | cfd \(Self.stages) item key step 1d to @2021-04-03 | extend day = todate(at)
            """, in: s)
        let want = try expected("cfd")
        XCTAssertEqual(want.rowCount, 93)
        XCTAssertEqual(got.rowCount, want.rowCount * 5)
        let mapped = [("Backlog", "Backlog"), ("Committed", "Next"), ("Build", "Build"), ("Test", "QA"), ("Done", "Done")]
        for i in 0..<want.rowCount {
            for (k, (theirs, ours)) in mapped.enumerated() {
                let row = i * 5 + k
                guard row < got.rowCount else { break }
                XCTAssertEqual(text(got, "day", row), text(want, "Date", i))
                XCTAssertEqual(text(got, "stage", row), ours)
                XCTAssertEqual(Double(text(got, "items", row)), Double(text(want, theirs, i)), "\(text(want, "Date", i)) \(theirs)")
            }
        }
    }

    /// Cycle times in one-day bins from 0 to the longest, zero-filled.
    func testHistogram() throws {
        let s = try session()
        let got = try runQuery("""
            range(0, 21, 1) | join kind=left (items | summarize n = count() by value = cycletime) on value
            | project value, Items = coalesce(n, 0)
            """, in: s)
        let want = try expected("histogram")
        XCTAssertEqual(got.rowCount, want.rowCount)
        for i in 0..<min(got.rowCount, want.rowCount) {
            XCTAssertEqual("\(text(got, "value", i)).0 to \(i + 1).0", text(want, "Range", i))
            XCTAssertEqual(text(got, "Items", i), text(want, "Items", i), text(want, "Range", i))
        }
    }
}
