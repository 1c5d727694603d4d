import XCTest
@testable import GembaCore

final class FormatsCSVErrorTests: XCTestCase {
    func testTooManyFields() {
        let e = readError("a,b,c\n1,2,3\n4,5,6,7\n")
        XCTAssertEqual(e?.description, "error: bad.csv:3:4: expected 3 fields, found 4")
    }

    func testTooFewFields() {
        let e = readError("a,b,c\n1,2,3\n4,5\n")
        XCTAssertEqual(e, FormatError(file: "bad.csv", line: 3, column: 2, message: "expected 3 fields, found 2"))
    }

    func testRaggedRowAfterQuotedNewlineCountsPhysicalLines() {
        let e = readError("a,b\n\"multi\nline\",1\n1,2,3\n")
        XCTAssertEqual(e?.line, 4)
        XCTAssertEqual(e?.message, "expected 2 fields, found 3")
    }

    func testUnterminatedQuoteNamesWhereItStarted() {
        let e = readError("a,b\n1,2\n3,\"open\n4,5\n6,7\n")
        XCTAssertEqual(e?.line, 3)
        XCTAssertEqual(e?.column, 2)
        XCTAssertEqual(e?.description, "error: bad.csv:3:2: unterminated quote: the quoted field starting here never ends")
    }

    func testCharacterAfterClosingQuote() {
        let e = readError("a,b\n\"x\"y,1\n")
        XCTAssertEqual(e?.description, "error: bad.csv:2:1: unexpected 'y' after a closing quote (expected a delimiter or a line end)")
    }

    func testInvalidUTF8NamesLineAndByte() {
        var bytes = Array("a,b\nok,1\nab".utf8)
        bytes.append(0xFF)
        bytes += Array(",2\n".utf8)
        let e = readError(bytes: bytes)
        XCTAssertEqual(e?.line, 3)
        XCTAssertEqual(e?.column, 3)
        XCTAssertEqual(e?.columnUnit, .byte)
        XCTAssertEqual(e?.description, "error: bad.csv:3:3: invalid UTF-8 (byte 0xFF)")
    }

    func testOverlongAndSurrogateUTF8AreRejected() {
        XCTAssertNotNil(readError(bytes: Array("a\n".utf8) + [0xC0, 0xAF, 0x0A]))
        XCTAssertNotNil(readError(bytes: Array("a\n".utf8) + [0xED, 0xA0, 0x80, 0x0A]))
        XCTAssertNotNil(readError(bytes: Array("a\n".utf8) + [0xE6, 0x97]))
    }

    func testEmptyFile() {
        XCTAssertEqual(readError("")?.description, "error: bad.csv:1: empty file: expected a header row")
        XCTAssertEqual(readError("\u{FEFF}")?.message, "empty file: expected a header row")
    }

    func testMissingFileNamesIt() {
        do {
            _ = try TableReader.read(path: "/nonexistent/dir/missing.csv")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.description, "error: /nonexistent/dir/missing.csv: cannot open: no such file or folder")
        }
    }

    func testUnknownExtension() {
        do {
            _ = try TableReader.read(path: "data.xlsx")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.file, "data.xlsx")
            XCTAssertTrue(error.message.hasPrefix("unknown file format"))
        }
    }

    func testFormatFromExtension() {
        XCTAssertEqual(FileFormat(path: "a/b.CSV"), .csv)
        XCTAssertEqual(FileFormat(path: "x.tab"), .tsv)
        XCTAssertEqual(FileFormat(path: "x.tsv"), .tsv)
        XCTAssertEqual(FileFormat(path: "x.ndjson"), .jsonl)
        XCTAssertEqual(FileFormat(path: "x.jsonl"), .jsonl)
        XCTAssertEqual(FileFormat(path: "x.json"), .json)
        XCTAssertEqual(FileFormat(path: "x.md"), .markdown)
        XCTAssertNil(FileFormat(path: "x.txt"))
        XCTAssertNil(FileFormat(path: "csv"))
        XCTAssertNil(FileFormat(path: "dir.csv/file"))
        XCTAssertNil(FileFormat(path: ".csv"))
    }
}
