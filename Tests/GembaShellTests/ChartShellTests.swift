import Foundation
import GembaCore
import XCTest
@testable import GembaShell

/// `render` in the shell: drawn to the output (no colour when it is not a terminal), written as SVG by
/// `| export "x.svg"` and `.export x.svg`.
final class ChartShellTests: XCTestCase {
    private var out = Sink.memory()
    private var err = Sink.memory()
    private var shell = Shell()
    private var folder = URL(fileURLWithPath: "/tmp")
    private let table = #"datatable(team:string, items:int) ["A", 3, "B", 5]"#

    override func setUpWithError() throws {
        out = .memory()
        err = .memory()
        shell = Shell(mode: .table, output: out, errors: err)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-chart-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        shell.closeFiles()
        try? FileManager.default.removeItem(at: folder)
    }

    func testRenderDrawsWithoutColourWhenNotATerminal() {
        XCTAssertEqual(shell.runScript(table + " | render bar\n"), .ok)
        XCTAssertTrue(out.text.contains("A │"), out.text)
        XCTAssertTrue(out.text.contains("█"), out.text)
        XCTAssertFalse(out.text.contains("\u{1B}"), "no colour codes when the output is not a terminal")
        XCTAssertEqual(err.text, "")
    }

    func testColourIsAnsi256WhenAsked() throws {
        let (t, spec) = try ChartGoldenTests.chart(table + " | render bar")
        let coloured = TerminalChart.render(t, spec, width: 60, colour: true)
        XCTAssertTrue(coloured.contains("\u{1B}[38;5;32m"), coloured)
        XCTAssertTrue(coloured.contains("\u{1B}[0m"), coloured)
    }

    func testExportAfterRenderWritesSVG() throws {
        let path = folder.appendingPathComponent("chart.svg").path
        XCTAssertEqual(shell.runScript(table + " | render column with (title=\"A & B\") | export \"\(path)\"\n"), .ok, err.text)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg)
        XCTAssertTrue(svg.contains("A &amp; B"), "the title is escaped")
        XCTAssertEqual(out.text, "", "an exported chart is not drawn")
    }

    func testDotExportWritesTheLastChart() throws {
        let path = folder.appendingPathComponent("last.svg").path
        XCTAssertEqual(shell.runScript(table + " | render bar\n.export \(path)\n"), .ok, err.text)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains("</svg>"))
        // After a table, there is no chart to export.
        XCTAssertEqual(shell.runScript(table + "\n.export \(path)\n"), .failed)
        XCTAssertTrue(err.text.contains("no chart to export"), err.text)
    }

    func testChartResultIsUnderscore() {
        XCTAssertEqual(shell.runScript(".mode csv\n" + table + " | render bar\n_ | count\n"), .ok, err.text)
        XCTAssertTrue(out.text.hasSuffix("count\n2\n"), out.text)
    }

    func testWidthOptionSetsTheWidth() throws {
        let (t, spec) = try ChartGoldenTests.chart(table + " | render line with (x=items, y=items, width=40, height=6)")
        let text = TerminalChart.render(t, spec, width: 200, colour: false)
        let widest = text.split(separator: "\n").map(\.count).max() ?? 0
        XCTAssertLessThanOrEqual(widest, 40, text)
        XCTAssertEqual(text.split(separator: "\n").filter { $0.contains("│") || $0.contains("┤") }.count, 6, text)
    }
}

/// Odd inputs draw something (an empty plot at worst) in every kind, and never trap.
final class ChartEdgeTests: XCTestCase {
    func testOddTablesDrawInEveryKind() throws {
        let tables = [
            "datatable(a:int, b:float) []",
            "datatable(a:int, b:float) [1, 2.0]",
            "datatable(a:int, b:float) [1, null, 2, null]",
            "datatable(a:int, b:float) [-5, -1.5, 0, 0.0, 5, 2.5]",
            "datatable(a:int, b:float) [1, 1e300, 2, -1e300, 3, 0.0]",
            "datatable(a:int, b:float) [1, 5.0, 1, 5.0, 1, 5.0]",
            "datatable(a:datetime, b:float) [@2026-01-01T10:00:00Z, 1.0, @2026-01-01T10:30:00Z, 2.0]",
        ]
        for t in tables {
            for kind in ChartKind.allCases where kind != .xmr {
                let x = kind == .timechart ? (t.contains("datetime") ? "" : "skip") : ""
                if x == "skip" { continue }
                for options in ["", " with (log=true)", " with (width=8, height=4)"] {
                    let (table, spec) = try ChartGoldenTests.chart("\(t) | render \(kind.rawValue)\(options)")
                    XCTAssertTrue(ChartSVG.render(table, spec).hasSuffix("</svg>\n"))
                    XCTAssertFalse(TerminalChart.render(table, spec, width: 80, colour: true).isEmpty)
                }
            }
            let (table, spec) = try ChartGoldenTests.chart("\(t) | xmr on b | render xmr")
            XCTAssertTrue(ChartSVG.render(table, spec).hasSuffix("</svg>\n"))
            XCTAssertFalse(TerminalChart.render(table, spec, width: 30, colour: false).isEmpty)
        }
    }
}
