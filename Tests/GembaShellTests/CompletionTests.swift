import GembaCore
@testable import GembaShell
import XCTest

final class CompletionTests: XCTestCase {
    private let names = Completion(relations: ["items", "allocations"],
                                   columns: ["items": ["item_id", "team", "assignee"], "allocations": ["hours", "team", "person"]])

    func testDotCommandsAtTheStartOfALine() {
        XCTAssertEqual(names.candidates(before: ".lo"), [".load"])
        XCTAssertEqual(names.candidates(before: "  .sch"), [".schema"])
        XCTAssertNil(names.candidates(before: ".load data/it"), "file names after .load")
        XCTAssertEqual(names.candidates(before: ".drop it"), ["items"])
    }

    func testOperatorsAfterAPipe() {
        XCTAssertEqual(names.candidates(before: "items | su"), ["summarize"])
        XCTAssertEqual(names.candidates(before: "items |\n  pro"), ["project", "project-away"])
    }

    func testTablesColumnsAndFunctions() {
        XCTAssertEqual(names.candidates(before: "ite"), ["items"])
        XCTAssertEqual(names.candidates(before: "items | where ass"), ["assignee"])
        // Only the columns of tables the statement names.
        XCTAssertEqual(names.candidates(before: "items | where per"), ["percentile", "percentile_linear", "percentiles"])
        XCTAssertEqual(names.candidates(before: "allocations | summarize sum(ho"), ["hour", "hours"])
        XCTAssertEqual(names.candidates(before: "items | where pers"), [])
        XCTAssertEqual(names.candidates(before: "items | extend x = tolo"), ["tolower"])
    }

    func testCommonPrefix() {
        XCTAssertEqual(Completion.commonPrefix(["project", "project-away"]), "project")
        XCTAssertEqual(Completion.commonPrefix([]), "")
    }
}
