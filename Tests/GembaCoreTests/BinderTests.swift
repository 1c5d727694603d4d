import XCTest
@testable import GembaCore

final class BinderTests: XCTestCase {
    private func bind(_ text: String, _ session: Session) throws -> Plan {
        let source = SourceText(text)
        let tokens = StatementSplitter.split(Lexer.tokenize(source))[0]
        guard case .query(let q) = try Parser.parse(tokens) else { throw Diagnostic("not a query", at: SourceRange(0, 0)) }
        guard case .relation(let plan) = try Binder(catalog: session.catalog, last: nil, source: source).bindStatement(q) else {
            throw Diagnostic("not a relation", at: SourceRange(0, 0))
        }
        return plan
    }

    func testOutputSchemasAndTypes() throws {
        let s = try sampleSession()
        XCTAssertEqual(try bind("items | extend x = hours * 2, y = id / 2, z = finished - created", s).fields.suffix(3),
                       [Field("x", .float), Field("y", .float), Field("z", .duration)])
        XCTAssertEqual(try bind("items | summarize count(), avg(id), dcount(team) by team, bin = created", s).fields,
                       [Field("team", .string), Field("bin", .date), Field("count_", .int), Field("avg_id", .float), Field("dcount_team", .int)])
        XCTAssertEqual(try bind("items | count", s).fields, [Field("count", .int)])
        XCTAssertEqual(try bind("items | project created + 1d, created + 1h", s).fields,
                       [Field("Column1", .date), Field("Column2", .datetime)])
    }

    func testTypeErrorsNameBothTypes() throws {
        let s = try sampleSession()
        XCTAssertThrowsError(try bind("items | where created > 3", s)) { e in
            XCTAssertEqual((e as? Diagnostic)?.message, "type error: cannot apply '>' to date and int")
            XCTAssertEqual((e as? Diagnostic)?.range, SourceRange(14, 25))
        }
        XCTAssertThrowsError(try bind("items | where team", s)) { e in
            XCTAssertTrue((e as? Diagnostic)?.message.contains("bool") ?? false)
        }
    }

    func testUnknownNamesSuggest() throws {
        let s = try sampleSession()
        XCTAssertThrowsError(try bind("items | project tema", s)) { e in
            XCTAssertEqual((e as? Diagnostic)?.notes, ["did you mean 'team'?"])
        }
        XCTAssertThrowsError(try bind("items | extend x = strlenn(team)", s)) { e in
            XCTAssertEqual((e as? Diagnostic)?.notes, ["did you mean 'strlen'?"])
        }
        XCTAssertThrowsError(try bind("items | summarize team", s)) { e in
            XCTAssertTrue((e as? Diagnostic)?.message.contains("inside an aggregate") ?? false)
        }
    }

    func testViewThatRefersToItselfIsAnError() throws {
        let s = try sampleSession()
        s.catalog.setView(ViewDefinition(name: "loop", text: "loop | take 1"))
        XCTAssertThrowsError(try bind("loop", s))
    }
}
