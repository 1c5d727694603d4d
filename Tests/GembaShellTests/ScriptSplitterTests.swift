import XCTest
@testable import GembaShell

final class ScriptSplitterTests: XCTestCase {
    func testDotCommandsSplitLanguageChunks() {
        let script = """
        .mode csv
        items
        | where x > 1
          .load a.csv as a
        a | count; b
        """
        XCTAssertEqual(ScriptSplitter.split(script), [
            .dot(".mode csv", line: 1),
            .statements("items\n| where x > 1", firstLine: 2),
            .dot(".load a.csv as a", line: 4),
            .statements("a | count; b", firstLine: 5),
        ])
    }

    func testDotLineInsideAnOpenStatementBelongsToIt() {
        let script = "datatable(a:float) [\n.5, 1.5]\n.tables\n"
        XCTAssertEqual(ScriptSplitter.split(script), [
            .statements("datatable(a:float) [\n.5, 1.5]", firstLine: 1),
            .dot(".tables", line: 3),
        ])
    }

    func testLineAfterTrailingPipeIsNotACommand() {
        XCTAssertEqual(ScriptSplitter.split("range(1, 2, 1) |\n.x"), [.statements("range(1, 2, 1) |\n.x", firstLine: 1)])
    }

    func testBlankChunksAreDroppedAndCarriageReturnsTrimmed() {
        XCTAssertEqual(ScriptSplitter.split("\n\n.mode csv\r\n  \n\t.tables  \r\n"), [
            .dot(".mode csv", line: 3),
            .dot(".tables", line: 5),
        ])
    }

    func testWindowsLineEnds() {
        XCTAssertEqual(ScriptSplitter.split(".mode csv\r\nrange(1, 2, 1)\r\n| count\r\n.tables\r\n"), [
            .dot(".mode csv", line: 1),
            .statements("range(1, 2, 1)\r\n| count\r", firstLine: 2),
            .dot(".tables", line: 4),
        ])
    }

    func testCommentOnlyChunkIsKeptForTheSession() {
        // Comments are language text; the session finds no statement in them.
        XCTAssertEqual(ScriptSplitter.split("// hello\n"), [.statements("// hello", firstLine: 1)])
    }

    func testEmptyScript() {
        XCTAssertEqual(ScriptSplitter.split(""), [])
    }
}

final class DotCommandTests: XCTestCase {
    func testWordsAndQuotes() throws {
        let c = try DotCommand.parse(#".load "my file.csv" as t --types 'a:int, b:string'"#)
        XCTAssertEqual(c.name, "load")
        XCTAssertEqual(c.arguments, ["my file.csv", "as", "t", "--types", "a:int, b:string"])
    }

    func testEscapesInDoubleQuotesAndEmptyArgument() throws {
        let c = try DotCommand.parse(#".output "a \"b\" \\c" """#)
        XCTAssertEqual(c.arguments, [#"a "b" \c"#, ""])
    }

    func testNoArgumentsAndExtraBlanks() throws {
        XCTAssertEqual(try DotCommand.parse("  .tables   \t"), DotCommand(name: "tables", arguments: []))
        XCTAssertEqual(try DotCommand.parse("."), DotCommand(name: "", arguments: []))
    }

    func testUnterminatedQuote() {
        XCTAssertThrowsError(try DotCommand.parse(#".load "x.csv"#)) { error in
            XCTAssertEqual((error as? ShellError)?.text, "error: .load: unterminated quote")
        }
    }
}

final class OptionsTests: XCTestCase {
    func testActionsKeepCommandLineOrder() {
        let args = ["db", "--format", "csv", "-f", "a.gmb", "-c", "x", "--file=b.gmb", "--command", "-f", "-i", "-c", "y"]
        let actions = ShellOptions.orderedActions(args, commands: ["x", "-f", "y"], files: ["a.gmb", "b.gmb"])
        XCTAssertEqual(actions, [.script("a.gmb"), .command("x"), .script("b.gmb"), .command("-f"), .command("y")])
    }

    func testOutputModeNames() {
        XCTAssertEqual(OutputMode(name: "MD"), .markdown)
        XCTAssertEqual(OutputMode(name: "jsonl"), .jsonl)
        XCTAssertNil(OutputMode(name: "xml"))
    }
}
