import XCTest
@testable import GembaCore

final class ParserTests: XCTestCase {
    private func parse(_ text: String) throws -> Statement {
        try Parser.parse(StatementSplitter.split(Lexer.tokenize(SourceText(text)))[0])
    }

    func testPipelineShape() throws {
        guard case .query(let q) = try parse("items | where a > 1 and b == 'x' | summarize n = count() by team | take 3") else {
            return XCTFail("not a query")
        }
        XCTAssertEqual(q.head.bareName, "items")
        XCTAssertEqual(q.operators.count, 3)
        guard case .summarize(let aggs, let by) = q.operators[1].kind else { return XCTFail("not summarize") }
        XCTAssertEqual(aggs.first?.name, "n")
        XCTAssertEqual(by.first?.expr.bareName, "team")
    }

    func testPrecedence() throws {
        guard case .query(let q) = try parse("1 + 2 * 3 == 7 or not false") else { return XCTFail() }
        guard case .binary("or", let l, _) = q.head.kind, case .binary("==", let sum, _) = l.kind,
              case .binary("+", _, let product) = sum.kind, case .binary("*", _, _) = product.kind else {
            return XCTFail("wrong tree: \(q.head.kind)")
        }
    }

    func testLetAndSortOptions() throws {
        guard case .let(let name, _) = try parse("let done = items | where finished != null") else { return XCTFail() }
        XCTAssertEqual(name.name, "done")
        guard case .query(let q) = try parse("t | sort by a desc nulls first, b"),
              case .sort(let keys) = q.operators[0].kind else { return XCTFail() }
        XCTAssertEqual(keys.map(\.descending), [true, false])
        XCTAssertEqual(keys.map(\.nullsFirst), [true, nil])
    }

    func testSyntaxErrorsPointAtTheToken() {
        XCTAssertThrowsError(try parse("items | where")) { e in
            XCTAssertEqual((e as? Diagnostic)?.range, SourceRange(13, 13))
        }
        XCTAssertThrowsError(try parse("items | wher x")) { e in
            XCTAssertEqual((e as? Diagnostic)?.notes, ["did you mean 'where'?"])
        }
        XCTAssertThrowsError(try parse("items | take 1 2")) { e in
            XCTAssertTrue((e as? Diagnostic)?.message.contains("found '2'") ?? false)
        }
    }

    func testDatatable() throws {
        guard case .query(let q) = try parse("datatable(a:int, b:string) [1, \"x\", 2, null]"),
              case .datatable(let schema, let values) = q.head.kind else { return XCTFail() }
        XCTAssertEqual(schema.map(\.1), [.int, .string])
        XCTAssertEqual(values.count, 4)
    }
}
