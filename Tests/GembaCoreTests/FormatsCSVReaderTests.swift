import XCTest
@testable import GembaCore

final class FormatsCSVReaderTests: XCTestCase {
    func testHeaderAndSimpleRows() throws {
        let t = try readText("id,name\n1,Ann\n2,Bob\n")
        XCTAssertEqual(t.fields, [Field("id", .int), Field("name", .string)])
        XCTAssertEqual(rows(t), [[.int(1), .string("Ann")], [.int(2), .string("Bob")]])
    }

    func testQuotedFieldWithDelimiter() throws {
        let t = try readText("a,b\n\"x, y\",2\n")
        XCTAssertEqual(rows(t), [[.string("x, y"), .int(2)]])
    }

    func testDoubledQuotes() throws {
        let t = try readText("a\n\"say \"\"hi\"\"\"\n\"\"\"\"\n")
        XCTAssertEqual(rows(t), [[.string("say \"hi\"")], [.string("\"")]])
    }

    func testEmbeddedNewlinesInQuotes() throws {
        let t = try readText("a,b\n\"line1\nline2\",1\n\"x\r\ny\",2\n")
        XCTAssertEqual(rows(t), [[.string("line1\nline2"), .int(1)], [.string("x\r\ny"), .int(2)]])
    }

    func testCRLFLineEnds() throws {
        let t = try readText("a,b\r\n1,x\r\n2,\"y\"\r\n")
        XCTAssertEqual(t.fields, [Field("a", .int), Field("b", .string)])
        XCTAssertEqual(rows(t), [[.int(1), .string("x")], [.int(2), .string("y")]])
    }

    func testByteOrderMarkIsSkipped() throws {
        let t = try readText("\u{FEFF}id\n7\n")
        XCTAssertEqual(t.fields, [Field("id", .int)])
        XCTAssertEqual(rows(t), [[.int(7)]])
    }

    func testUnicodeValuesAndNames() throws {
        let t = try readText("名前,emoji\n日本,😀\né,👩‍👩‍👧\n")
        XCTAssertEqual(t.fields.map(\.name), ["名前", "emoji"])
        XCTAssertEqual(rows(t), [[.string("日本"), .string("😀")], [.string("é"), .string("👩‍👩‍👧")]])
    }

    func testUnquotedEmptyIsNullQuotedEmptyIsEmptyString() throws {
        let t = try readText("n,s\n,\"\"\n1,x\n")
        XCTAssertEqual(t.fields, [Field("n", .int), Field("s", .string)])
        XCTAssertEqual(rows(t), [[.null, .string("")], [.int(1), .string("x")]])
    }

    func testQuotedEmptyMakesColumnString() throws {
        let t = try readText("a\n1\n\"\"\n2\n")
        XCTAssertEqual(t.fields, [Field("a", .string)])
        XCTAssertEqual(rows(t), [[.string("1")], [.string("")], [.string("2")]])
    }

    func testNoFinalNewlineAndTrailingEmptyField() throws {
        let t = try readText("a,b,c\n1,2,\n3,4,5")
        XCTAssertEqual(rows(t), [[.int(1), .int(2), .null], [.int(3), .int(4), .int(5)]])
    }

    func testHeaderOnlyGivesNoRowsOfStrings() throws {
        let t = try readText("a,b\n")
        XCTAssertEqual(t.rowCount, 0)
        XCTAssertEqual(t.fields, [Field("a", .string), Field("b", .string)])
    }

    func testBlankLinesSkippedWithSeveralColumns() throws {
        let t = try readText("a,b\n1,2\n\n3,4\r\n\r\n")
        XCTAssertEqual(rows(t), [[.int(1), .int(2)], [.int(3), .int(4)]])
    }

    func testBlankLineIsNullInOneColumnFile() throws {
        let t = try readText("a\n1\n\n2\n\n")
        XCTAssertEqual(rows(t), [[.int(1)], [.null], [.int(2)], [.null]])
    }

    func testDuplicateAndEmptyHeaderNamesAreMadeUnique() throws {
        let t = try readText("a,,a,a_2,a\n1,2,3,4,5\n")
        XCTAssertEqual(t.fields.map(\.name), ["a", "col_2", "a_3", "a_2", "a_4"])
    }

    func testQuoteInsideUnquotedFieldIsKept() throws {
        let t = try readText("a\nab\"c\n")
        XCTAssertEqual(rows(t), [[.string("ab\"c")]])
    }

    func testFieldsAreNotTrimmed() throws {
        let t = try readText("a\n 12\n")
        XCTAssertEqual(rows(t), [[.string(" 12")]])
    }

    func testTSV() throws {
        let t = try readText("a\tb\n1,5\t\"x\ty\"\n", format: .tsv, name: "t.tsv")
        XCTAssertEqual(rows(t), [[.string("1,5"), .string("x\ty")]])
    }

    func testStringsAreDictionaryEncoded() throws {
        let t = try readText("s\nx\ny\nx\n\"x\"\n\n", types: [:])
        guard case .string(let codes, let dict) = t.columns[0].data else { return XCTFail("not a string column") }
        XCTAssertEqual(dict.values, ["x", "y"])
        XCTAssertEqual(Array(codes.prefix(4)), [0, 1, 0, 0])
        XCTAssertTrue(t.columns[0].isNull(4))
    }

    func testCanonicallyEquivalentStringsStayByteExact() throws {
        let t = try readText("s\né\ne\u{301}\n")
        guard case .string(let codes, let dict) = t.columns[0].data else { return XCTFail("not a string column") }
        XCTAssertEqual(dict.count, 2)
        XCTAssertEqual(codes, [0, 1])
        XCTAssertEqual(Array(dict.values[1].utf8), Array("e\u{301}".utf8))
    }
}
