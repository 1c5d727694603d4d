import XCTest
@testable import GembaCore

final class LexerTests: XCTestCase {
    private func kinds(_ text: String) -> [TokenKind] { Lexer.tokenize(SourceText(text)).map(\.kind) }
    private func texts(_ text: String) -> [String] { Lexer.tokenize(SourceText(text)).dropLast().map(\.text) }

    func testLiterals() {
        XCTAssertEqual(kinds("42 1_000 3.5 1e-3 \"a\" 'b' @2026-03-31 @2026-03-31T14:05:00Z 90s 1.5d true"),
                       [.int, .int, .float, .float, .string, .string, .date, .datetime, .duration, .duration, .identifier, .end])
        XCTAssertEqual(texts("1_000"), ["1000"])
        XCTAssertEqual(texts(#""a\"b\\c\n""#), ["a\"b\\c\n"])
    }

    func testHyphenatedOperatorAndBangIn() {
        XCTAssertEqual(texts("project-away a | x !in (1)"), ["project-away", "a", "|", "x", "!in", "(", "1", ")"])
    }

    func testCommentsAndIntegerDivision() {
        XCTAssertEqual(texts("a // 2"), ["a", "//", "2"])
        XCTAssertEqual(texts("take 5; // a note here"), ["take", "5", ";"])
        XCTAssertEqual(texts("// whole line\nx"), ["\n", "x"])
        XCTAssertEqual(texts("x // keep the big ones"), ["x"])
    }

    func testInvalidTokensCarryTheirPlace() {
        let t = Lexer.tokenize(SourceText("a # b"))
        XCTAssertEqual(t[1].kind, .invalid)
        XCTAssertEqual(t[1].range, SourceRange(2, 3))
        XCTAssertEqual(Lexer.tokenize(SourceText("@2026-13-01"))[0].kind, .invalid)
        XCTAssertEqual(Lexer.tokenize(SourceText("\"open"))[0].text, "unterminated string")
        XCTAssertEqual(Lexer.tokenize(SourceText("5x"))[0].kind, .invalid)
    }

    func testStatementSplitting() {
        let text = "let a = 1;\nitems\n| where x > 1\nitems |\n take 1\nf(1,\n2)"
        let parts = StatementSplitter.split(Lexer.tokenize(SourceText(text)))
        XCTAssertEqual(parts.count, 4)
        XCTAssertEqual(parts[1].dropLast().map(\.text), ["items", "|", "where", "x", ">", "1"])
        XCTAssertTrue(StatementSplitter.needsMoreInput("items |"))
        XCTAssertTrue(StatementSplitter.needsMoreInput("f(1,"))
        XCTAssertTrue(StatementSplitter.needsMoreInput("x = \"abc"))
        XCTAssertFalse(StatementSplitter.needsMoreInput("items | take 1"))
    }
}
