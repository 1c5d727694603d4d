import Foundation
import GembaCore
import XCTest
@testable import GembaShell

/// Every chart kind drawn as SVG and in the terminal (80 columns, no colour), compared byte for byte
/// with the files in Tests/fixtures/charts/. After a deliberate change to the drawing, regenerate them
/// with `GEMBA_UPDATE_GOLDEN=1 swift test --filter ChartGoldenTests` and look at the difference.
final class ChartGoldenTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/charts")

    static let teams = #"datatable(team:string, items:int) ["CHK", 422, "DAT", 276, "DSG", 313, "IDN", 411, "MOB", 325, "PAY", 426, "PLT", 305, "WEB & Co", 344]"#
    static let quarters = #"""
        datatable(quarter:string, team:string, done:int) [
          "2025-Q1", "CHK", 41, "2025-Q1", "PAY", 52, "2025-Q1", "WEB", 33,
          "2025-Q2", "CHK", 47, "2025-Q2", "PAY", 49, "2025-Q2", "WEB", 38,
          "2025-Q3", "CHK", 39, "2025-Q3", "PAY", 58, "2025-Q3", "WEB", 45,
          "2025-Q4", "CHK", 52, "2025-Q4", "PAY", 61, "2025-Q4", "WEB", 41]
        """#
    static let weekly = #"""
        datatable(week:date, team:string, throughput:int) [
          @2025-01-06, "CHK", 5, @2025-01-06, "PAY", 8, @2025-01-13, "CHK", 7, @2025-01-13, "PAY", 6,
          @2025-01-20, "CHK", 4, @2025-01-20, "PAY", 9, @2025-01-27, "CHK", 8, @2025-01-27, "PAY", 7,
          @2025-02-03, "CHK", 6, @2025-02-03, "PAY", 11, @2025-02-10, "CHK", 9, @2025-02-10, "PAY", 8,
          @2025-02-17, "CHK", 7, @2025-02-17, "PAY", 10, @2025-02-24, "CHK", 10, @2025-02-24, "PAY", 12]
        """#
    static let cfd = #"""
        datatable(week:date, stage:string, items:int) [
          @2025-01-06, "backlog", 20, @2025-01-06, "development", 12, @2025-01-06, "done", 5,
          @2025-01-13, "backlog", 26, @2025-01-13, "development", 17, @2025-01-13, "done", 9,
          @2025-01-20, "backlog", 31, @2025-01-20, "development", 21, @2025-01-20, "done", 14,
          @2025-01-27, "backlog", 35, @2025-01-27, "development", 27, @2025-01-27, "done", 18,
          @2025-02-03, "backlog", 42, @2025-02-03, "development", 30, @2025-02-03, "done", 24,
          @2025-02-10, "backlog", 47, @2025-02-10, "development", 36, @2025-02-10, "done", 29]
        """#
    static let cycleTimes = #"""
        datatable(finished:date, cycletime:int) [
          @2025-01-03, 4, @2025-01-07, 12, @2025-01-09, 2, @2025-01-14, 7, @2025-01-15, 21, @2025-01-21, 5,
          @2025-01-24, 9, @2025-01-28, 3, @2025-02-03, 15, @2025-02-05, 6, @2025-02-11, 33, @2025-02-12, 8,
          @2025-02-18, 11, @2025-02-20, 4, @2025-02-25, 18, @2025-03-03, 7, @2025-03-05, 2, @2025-03-11, 9,
          @2025-03-14, 26, @2025-03-19, 5]
        """#
    static let throughput = #"""
        datatable(week:date, throughput:int) [
          @2025-01-06, 25, @2025-01-13, 28, @2025-01-20, 22, @2025-01-27, 31, @2025-02-03, 27, @2025-02-10, 24,
          @2025-02-17, 60, @2025-02-24, 29, @2025-03-03, 26, @2025-03-10, 30, @2025-03-17, 23, @2025-03-24, 27]
        """#

    /// The charts: a name (the golden files' name) and the query.
    static let cases: [(name: String, query: String)] = [
        ("bar", teams + #" | render bar with (title="Items per team")"#),
        ("bar-grouped", quarters + #" | render bar with (height=20)"#),
        ("column", quarters + #" | render column with (title="Done per quarter")"#),
        ("column-stacked", quarters + #" | render column with (stacked=true, title="Done per quarter, stacked")"#),
        ("line", #"range(0, 20, 1) | extend squared = value * value / 10.0, half = value / 2.0 | render line"#),
        ("line-log", #"range(1, 12, 1) | extend growth = exp(value * 1.0) | render line with (y=growth, log=true, title="Log scale")"#),
        ("timechart", weekly + #" | render timechart with (title="Weekly throughput")"#),
        ("area", cfd + #" | render area with (title="Cumulative flow")"#),
        ("area-stacked", weekly + #" | render area with (stacked=true)"#),
        ("scatter", cycleTimes + #" | render scatter with (percentiles=(50, 85, 95), title="Cycle time")"#),
        ("histogram", cycleTimes + #" | render histogram with (y=cycletime, bins=6)"#),
        ("xmr", throughput + #" | xmr on throughput | render xmr with (title="Throughput XmR")"#),
    ]

    /// Runs `query` and returns its chart.
    static func chart(_ query: String) throws -> (Table, ChartSpec) {
        var chart: (Table, ChartSpec)?
        try Session().run(query) { result in
            if case .chart(let t, let s) = result { chart = (t, s) }
        }
        guard let chart else { throw TestSetupError(message: "no chart from \(query)") }
        return chart
    }

    func testEveryKindHasAGolden() {
        let drawn = Set(Self.cases.map { $0.name.split(separator: "-")[0] })
        for kind in ChartKind.allCases { XCTAssertTrue(drawn.contains(Substring(kind.rawValue)), "no golden chart of kind \(kind.rawValue)") }
    }

    func testChartsMatchTheirGoldens() throws {
        let update = ProcessInfo.processInfo.environment["GEMBA_UPDATE_GOLDEN"] == "1"
        for c in Self.cases {
            let (table, spec) = try Self.chart(c.query)
            let outputs = [("svg", ChartSVG.render(table, spec)), ("txt", TerminalChart.render(table, spec, width: 80, colour: false))]
            for (ext, text) in outputs {
                let url = Self.fixtures.appendingPathComponent("\(c.name).\(ext)")
                if update {
                    try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true)
                    try text.write(to: url, atomically: true, encoding: .utf8)
                    continue
                }
                let golden = try String(contentsOf: url, encoding: .utf8)
                XCTAssertEqual(text, golden, "\(c.name).\(ext) differs from its golden (GEMBA_UPDATE_GOLDEN=1 regenerates it)")
            }
            // The same input always draws the same bytes.
            XCTAssertEqual(ChartSVG.render(table, spec), ChartSVG.render(table, spec))
        }
    }

    /// Each golden SVG converts to a PNG with rsvg-convert (which also checks that it is valid SVG).
    func testGoldenSVGsConvertToPNG() throws {
        let tool = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let tool else { throw TestSetupError(message: "rsvg-convert is not installed (make deps installs librsvg2-bin)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for c in Self.cases {
            let png = folder.appendingPathComponent("\(c.name).png")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = [Self.fixtures.appendingPathComponent("\(c.name).svg").path, "-o", png.path]
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "rsvg-convert failed on \(c.name).svg")
            let bytes = try Data(contentsOf: png)
            XCTAssertGreaterThan(bytes.count, 2_000, "\(c.name).png is too small to be a chart")
            XCTAssertEqual(Array(bytes.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(c.name).png is not a PNG")
        }
    }
}
