import Foundation
import GembaCore
import XCTest
@testable import GembaShell

/// The shell with memory sinks: what it prints and what it does to the session.
final class ShellTests: XCTestCase {
    private var shell = Shell()
    private var out = Sink.memory()
    private var err = Sink.memory()
    private var folder = URL(fileURLWithPath: "/tmp")

    override func setUpWithError() throws {
        out = .memory()
        err = .memory()
        shell = Shell(mode: .csv, output: out, errors: err)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-shell-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        shell.closeFiles()
        try? FileManager.default.removeItem(at: folder)
    }

    private func file(_ name: String, _ text: String? = nil) throws -> String {
        let url = folder.appendingPathComponent(name)
        if let text { try text.write(to: url, atomically: true, encoding: .utf8) }
        return url.path
    }

    func testStatementsPrintInTheCurrentMode() {
        XCTAssertEqual(shell.runScript("datatable(a:int, b:string) [1, \"x\", 2, null] | where a > 1 | project b, c = a * 2\n"), .ok)
        XCTAssertEqual(out.text, "b,c\n,4\n")
        XCTAssertEqual(err.text, "")
    }

    func testScriptStopsAtFirstErrorWithScriptLineNumbers() {
        let outcome = shell.runScript(".mode csv\nrange(1, 1, 1)\nrange(1, 1, 1) | where nope\nrange(2, 2, 1)\n")
        XCTAssertEqual(outcome, .failed)
        XCTAssertEqual(out.text, "value\n1\n")
        XCTAssertTrue(err.text.hasPrefix("error: "), err.text)
        XCTAssertTrue(err.text.contains(" at 3:"), err.text)
        XCTAssertTrue(err.text.contains("\n  range(1, 1, 1) | where nope\n"), err.text)
    }

    func testModeCommand() {
        XCTAssertEqual(shell.runScript(".mode jsonl\nrange(1, 1, 1)\n.mode\n"), .ok)
        XCTAssertEqual(out.text, "{\"value\":1}\njsonl\n")
        XCTAssertEqual(shell.runDot(".mode xml"), .failed)
        XCTAssertEqual(shell.mode, .jsonl)
        XCTAssertTrue(err.text.hasPrefix("error: .mode: unknown format 'xml'"), err.text)
    }

    func testLoadWithNameAndTypes() throws {
        let path = try file("people.csv", "id,name\n007,Bond\n1,\"Doe, J\"\n")
        XCTAssertEqual(shell.runDot(".load \(path)"), .ok)
        XCTAssertEqual(shell.session.catalog.tables["people"]?.fields.map(\.type), [.int, .string])
        XCTAssertEqual(shell.runDot(".load \(path) as p2 --types id:string"), .ok)
        XCTAssertEqual(shell.session.catalog.tables["p2"]?.fields.map(\.type), [.string, .string])
        XCTAssertEqual(shell.runScript("p2 | where id == \"007\" | project name"), .ok)
        XCTAssertEqual(out.text, "name\nBond\n")
        XCTAssertEqual(err.text, "")
    }

    func testFailingLoadChangesNothing() throws {
        let good = try file("t.csv", "a,b\n1,2\n")
        XCTAssertEqual(shell.runDot(".load \(good)"), .ok)
        let bad = try file("bad.csv", "a,b\n1,2\n3\n")
        XCTAssertEqual(shell.runDot(".load \(bad) as t"), .failed)
        XCTAssertTrue(err.text.hasPrefix("error: \(bad):3"), err.text)
        XCTAssertEqual(shell.session.catalog.tables["t"]?.rowCount, 1)
        XCTAssertNil(shell.session.catalog.tables["bad"])
        XCTAssertEqual(shell.runDot(".load \(good) --types a:money"), .failed)
        XCTAssertEqual(shell.session.catalog.relationNames, ["t"])
    }

    func testLoadArgumentErrors() {
        XCTAssertEqual(shell.runDot(".load"), .failed)
        XCTAssertEqual(shell.runDot(".load x.csv as"), .failed)
        XCTAssertEqual(shell.runDot(".load x.parquet"), .failed)
        XCTAssertEqual(shell.runDot(".load x.csv as 1x"), .failed)
        XCTAssertEqual(shell.runDot(".load x.csv --bogus"), .failed)
        XCTAssertEqual(err.text.components(separatedBy: "error: .load: ").count, 6, err.text)
    }

    func testExportWritesTheLastResult() throws {
        XCTAssertEqual(shell.runDot(".export \(try file("none.csv"))"), .failed)
        XCTAssertTrue(err.text.contains("no result to export"), err.text)
        XCTAssertEqual(shell.runScript("datatable(s:string) [\"a,b\", \"say \\\"hi\\\"\", null]"), .ok)
        let csv = try file("out.csv"), jsonl = try file("out.jsonl")
        XCTAssertEqual(shell.runDot(".export \(csv)"), .ok)
        XCTAssertEqual(shell.runDot(".export \(jsonl)"), .ok)
        XCTAssertEqual(try String(contentsOfFile: csv, encoding: .utf8), "s\n\"a,b\"\n\"say \"\"hi\"\"\"\n\n")
        XCTAssertEqual(try String(contentsOfFile: jsonl, encoding: .utf8), "{\"s\":\"a,b\"}\n{\"s\":\"say \\\"hi\\\"\"}\n{\"s\":null}\n")
        XCTAssertEqual(shell.runDot(".export \(try file("out.xlsx"))"), .failed)
    }

    func testOutputAndOnce() throws {
        let all = try file("all.csv"), one = try file("one.csv")
        XCTAssertEqual(shell.runScript(".output \(all)\nrange(1, 1, 1)\nrange(2, 2, 1)\n.output\n.once \(one)\nrange(3, 3, 1)\nrange(4, 4, 1)\n"), .ok)
        XCTAssertEqual(try String(contentsOfFile: all, encoding: .utf8), "value\n1\nvalue\n2\n")
        XCTAssertEqual(try String(contentsOfFile: one, encoding: .utf8), "value\n3\n")
        XCTAssertEqual(out.text, "value\n4\n")
    }

    func testTablesAndSchema() throws {
        let path = try file("t.csv", "a,b\n1,x\n2,y\n")
        XCTAssertEqual(shell.runScript(".tables\n.load \(path)\nlet v = t | where a > 1 | project b;\n.tables\n.schema v\n"), .ok)
        XCTAssertEqual(out.text, "name,kind,rows,columns\nt,table,2,2\nv,view,1,1\ncolumn,type\nb,string\n")
        XCTAssertEqual(shell.runDot(".schema w"), .failed)
        XCTAssertTrue(err.text.contains("tables and views: t, v"), err.text)
    }

    func testViewHelpersDoNotTouchTheLastResult() throws {
        XCTAssertEqual(shell.runScript("let v = range(1, 3, 1);\nrange(7, 7, 1)\n.tables\n"), .ok)
        XCTAssertEqual(shell.session.last?.row(0), [.int(7)])
    }

    func testDropAndUnknownCommands() {
        XCTAssertEqual(shell.runScript("let x = range(1, 2, 1);\n.drop x\n"), .ok)
        XCTAssertTrue(shell.session.catalog.relationNames.isEmpty)
        XCTAssertEqual(shell.runDot(".drop x"), .failed)
        XCTAssertEqual(shell.runDot(".tabels"), .failed)
        XCTAssertTrue(err.text.contains("error: unknown command '.tabels'\n  did you mean '.tables'?"), err.text)
        XCTAssertEqual(shell.runDot(".open /nonexistent/dir/w.db"), .failed)
        XCTAssertTrue(err.text.contains("error: /nonexistent/dir/w.db: cannot create the workspace: there is no folder '/nonexistent/dir'"), err.text)
    }

    func testExitAndQuit() {
        XCTAssertEqual(shell.runScript("range(1, 1, 1)\n.exit 3\nrange(2, 2, 1)\n"), .exit(3))
        XCTAssertEqual(out.text, "value\n1\n")
        XCTAssertEqual(shell.runDot(".quit"), .exit(0))
        XCTAssertEqual(shell.runDot(".exit x"), .failed)
    }

    func testTimer() {
        XCTAssertEqual(shell.runScript(".timer on\nrange(1, 1, 1); range(1, 1, 1)\n.timer off\nrange(1, 1, 1)\n"), .ok)
        let lines = err.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, err.text)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("Run Time: real ") && $0.hasSuffix(" s") }, err.text)
        XCTAssertEqual(shell.runDot(".timer sometimes"), .failed)
    }

    func testReadNamesTheNestedFileInErrors() throws {
        let inner = try file("inner.gmb", "range(1, 1, 1)\n\nrange(1, 1, 1) | where nope\n")
        XCTAssertEqual(shell.runScript(".read \(inner)\nrange(9, 9, 1)\n"), .failed)
        XCTAssertEqual(out.text, "value\n1\n")
        XCTAssertTrue(err.text.contains(" at 3:"), err.text)
        XCTAssertTrue(err.text.split(separator: "\n")[0].hasSuffix(" in \(inner)"), err.text)
        XCTAssertEqual(shell.runDot(".read \(try file("missing.gmb"))"), .failed)
    }

    func testReadThatReadsItselfStops() throws {
        let path = try file("loop.gmb")
        _ = try file("loop.gmb", ".read \(path)\n")
        XCTAssertEqual(shell.runDot(".read \(path)"), .failed)
        XCTAssertTrue(err.text.contains("nested too deeply"), err.text)
    }

    func testHelp() {
        XCTAssertEqual(shell.runScript(".help where\n.help .load\n"), .ok)
        XCTAssertTrue(out.text.hasPrefix("| where PRED\n"), out.text)
        XCTAssertTrue(out.text.contains(".load FILE [as NAME]"), out.text)
        XCTAssertEqual(shell.runDot(".help"), .ok)
        XCTAssertTrue(out.text.contains("Operators:") && out.text.contains("Functions:"))
        XCTAssertEqual(shell.runDot(".help nosuchthing"), .failed)
    }

    func testEveryCommandHasHelpAndIsKnown() {
        for entry in Help.commands {
            XCTAssertNotNil(Help.topic("." + entry.name), entry.name)
        }
    }

    func testLoadHelpers() throws {
        XCTAssertEqual(Shell.stem(of: "a/b/items.csv"), "items")
        XCTAssertEqual(Shell.stem(of: ".hidden"), ".hidden")
        XCTAssertEqual(Shell.stem(of: "x.tar.gz"), "x.tar")
        XCTAssertTrue(Shell.isIdentifier("_a1"))
        XCTAssertFalse(Shell.isIdentifier("1a"))
        XCTAssertFalse(Shell.isIdentifier("a-b"))
        XCTAssertFalse(Shell.isIdentifier(""))
        let types = try Shell.parseTypes("a:int,b:TEXT")
        XCTAssertEqual(types.map(\.0), ["a", "b"])
        XCTAssertEqual(types.map(\.1), [.int, .string])
        XCTAssertThrowsError(try Shell.parseTypes("a"))
    }
}
