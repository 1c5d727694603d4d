import GembaCore
import XCTest
@testable import GembaShell

final class NotebookTests: XCTestCase {
    func testJSONRoundTripKeepsOrderNumbersAndText() throws {
        let text = #"{"b": [1, 2.50, -3e2, true, null], "a": {"é": "x\ny\"\\\u0001 ☃ \ud83d\ude00"}, "e": [], "o": {}}"#
        let value = try JSONReader.parse(text)
        XCTAssertEqual(value["b"], .array([.number("1"), .number("2.50"), .number("-3e2"), .bool(true), .null]))
        XCTAssertEqual(value["a"]?["é"], .string("x\ny\"\\\u{1} ☃ 😀"))
        let written = JSONTextWriter.write(value)
        XCTAssertTrue(written.hasPrefix("{\n \"b\": [\n  1,\n  2.50,"), written)
        XCTAssertTrue(written.contains(#""x\ny\"\\\u0001 ☃ 😀""#), written)
        XCTAssertTrue(written.contains(#""e": [],"#) && written.hasSuffix("\"o\": {}\n}\n"), written)
        XCTAssertEqual(try JSONReader.parse(written), value)
    }

    func testJSONErrorsSayWhere() {
        for (text, line, column) in [("{\n  \"a\": [1,,2]}", 2, 11), ("[1] x", 1, 5), ("\"abc", 1, 5), ("{\"a\" 1}", 1, 6)] {
            XCTAssertThrowsError(try JSONReader.parse(text), text) { error in
                guard let e = error as? JSONSyntaxError else { return XCTFail("\(error)") }
                XCTAssertEqual([e.line, e.column], [line, column], "\(text): \(e)")
            }
        }
    }

    func testMalformedNotebooksAreRejected() {
        let cases = [
            ("[]", "expected a JSON object"),
            (#"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}"#, "'cells' is missing"),
            (#"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": [1]}]}"#, "cells[0].source"),
            (#"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": "", "id": "a b"}]}"#, "cells[0].id"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try Notebook(text: text)) { error in
                XCTAssertTrue((error as? ShellError)?.text.contains(expected) == true, "\(error)")
            }
        }
    }

    func testRunnerStoresTablesStreamsAndErrors() {
        let notebook = Notebook(cells: [("markdown", "# Title"), ("code", "let t = range(1, 3, 1)\nt | count"),
                                        ("code", ".tables"), ("code", "t | where nope"), ("code", "t")])
        let run = NotebookRunner.run(notebook)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.failures.map(\.cell), [3])
        let cells = run.notebook.cells
        XCTAssertEqual(cells.map { $0["execution_count"] }, [nil, .int(1), .int(2), .int(3), .null])
        guard case .array(let first)? = cells[1]["outputs"], case .array(let second)? = cells[2]["outputs"],
              case .array(let third)? = cells[3]["outputs"] else { return XCTFail("outputs") }
        XCTAssertEqual(first.first?["output_type"], .string("execute_result"))
        XCTAssertNotNil(first.first?["data"]?["text/html"])
        XCTAssertEqual(second.first?["output_type"], .string("stream"))
        XCTAssertEqual(third.first?["output_type"], .string("error"))
        XCTAssertEqual(cells[4]["outputs"], .array([]))
        XCTAssertEqual(run.notebook.document["metadata"]?["kernelspec"]?["name"], .string("gemba"))
    }

    func testHTMLTableEscapesAndCuts() throws {
        let table = try XCTUnwrap(try? TableReader.read(bytes: Array("a,b\n<x>,1\n\"&'\",2\n".utf8), name: "t", format: .csv))
        let html = HTMLTable.render(table, maxRows: 40)
        XCTAssertTrue(html.contains("<td>&lt;x&gt;</td>") && html.contains("<td>&amp;&#39;</td>"), html)
        XCTAssertTrue(html.contains("<td style=\"text-align: right\">2</td>"), html)
        let long = try XCTUnwrap(try? TableReader.read(bytes: Array(("n\n" + (1...100).map(String.init).joined(separator: "\n")).utf8), name: "t", format: .csv))
        let cut = HTMLTable.render(long, maxRows: 4)
        XCTAssertTrue(cut.contains(">2</td>") && !cut.contains(">3</td>") && cut.contains(">99</td>") && cut.contains("…"), cut)
        XCTAssertTrue(cut.contains("100 rows (4 shown)"), cut)
    }

    func testProgressLine() {
        let known = WorkProgress.Snapshot(phase: 1, label: "reading /data/big.csv", done: 50, total: 100, rows: 1_234_567, seconds: 2)
        XCTAssertEqual(ProgressTicker.line(known, totalSeconds: 3, frame: 0, width: 120),
                       "reading /data/big.csv ██████████░░░░░░░░░░  50%  1,234,567 rows  617,283 rows/s")
        let narrow = ProgressTicker.line(known, totalSeconds: 3, frame: 0, width: 70)
        XCTAssertEqual(narrow.count, 69)
        XCTAssertTrue(narrow.hasPrefix("…") && narrow.hasSuffix("rows/s"), narrow)
        let unknown = WorkProgress.Snapshot(phase: 2, label: "", done: 0, total: 0, rows: 0, seconds: 0)
        XCTAssertEqual(ProgressTicker.line(unknown, totalSeconds: 2.25, frame: 1, width: 80), "working ⠙ 2.2 s")
    }
}
