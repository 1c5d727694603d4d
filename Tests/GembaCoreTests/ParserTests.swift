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

/// Nesting that would overflow the stack (parsing, binding and running recurse) is refused with an
/// error at a place, however deep the text goes; trees within the limits run.
final class NestingLimitTests: XCTestCase {
    private func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    func testDeepNestingIsAnErrorNotACrash() {
        let deep: [(String, String)] = [
            ("parentheses", repeated("(", 10_000) + "1" + repeated(")", 10_000)),
            ("calls", repeated("abs(", 10_000) + "1" + repeated(")", 10_000)),
            ("not", repeated("not ", 10_000) + "true"),
            ("signs", repeated("-", 10_000) + "1"),
            ("subqueries", repeated("(", 5_000) + "range(1, 2, 1)" + repeated(")", 5_000)),
        ]
        for (what, text) in deep {
            let message = runError("range(1, 2, 1) | extend x = \(text) | count")
            XCTAssertTrue(message.contains("nested too deeply: more than 256 levels") && message.contains("at 1:"), "\(what): \(message.prefix(200))")
        }
        let chain = runError("range(1, 2, 1) | extend x = " + (0..<20_000).map { _ in "1" }.joined(separator: " + ") + " | count")
        XCTAssertTrue(chain.contains("expression too deep: more than 256 operators") && chain.contains("at 1:29"), String(chain.prefix(200)))
        let ors = runError("range(1, 2, 1) | where " + (0..<5_000).map { "value == \($0)" }.joined(separator: " or "))
        XCTAssertTrue(ors.contains("expression too deep") && ors.contains("in (...)"), String(ors.prefix(300)))
    }

    func testNestingWithinTheLimitsRuns() throws {
        let parens = try runQuery("range(1, 1, 1) | extend x = " + repeated("(", 200) + "2" + repeated(")", 200) + " | project x")
        XCTAssertEqual(cells(parens), [["2"]])
        let chain = try runQuery("range(1, 1, 1) | extend x = " + (0..<256).map { _ in "1" }.joined(separator: " + ") + " | project x")
        XCTAssertEqual(cells(chain), [["256"]])
    }
}
