import XCTest
@testable import GembaCore

final class FormatsJSONReaderTests: XCTestCase {
    private func jsonl(_ text: String, types: [String: DataType] = [:]) throws -> Table {
        try readText(text, format: .jsonl, name: "t.jsonl", types: types)
    }

    func testKeysAreTheUnionInFirstSeenOrder() throws {
        let t = try jsonl("{\"a\":1,\"b\":\"x\"}\n{\"c\":true,\"a\":2}\n\n{}\n")
        XCTAssertEqual(t.fields, [Field("a", .int), Field("b", .string), Field("c", .bool)])
        XCTAssertEqual(rows(t), [[.int(1), .string("x"), .null], [.int(2), .null, .bool(true)], [.null, .null, .null]])
    }

    func testTypesFromValues() throws {
        let t = try jsonl("""
            {"i":1,"f":1,"d":"2026-01-01","t":"2026-01-01","s":"2026-01-01","n":null,"m":1,"o":[1,{"x":2}]}
            {"i":-9223372036854775808,"f":2.5,"d":null,"t":"2026-01-01T10:00:00+01:00","s":"later","n":null,"m":"one","o":{}}
            """)
        XCTAssertEqual(t.fields.map(\.type), [.int, .float, .date, .datetime, .string, .string, .string, .string])
        XCTAssertEqual(rows(t)[1], [.int(.min), .float(2.5), .null, .datetime(Temporal.days(year: 2026, month: 1, day: 1) * Temporal.microsPerDay + 9 * Temporal.microsPerHour),
                                    .string("later"), .null, .string("one"), .string("{}")])
        XCTAssertEqual(rows(t)[0][6], .string("1"))
        XCTAssertEqual(rows(t)[0][7], .string("[1,{\"x\":2}]"))
        XCTAssertEqual(rows(t)[0][1], .float(1))
    }

    func testStringEscapes() throws {
        let t = try jsonl(#"{"s":"q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}"#)
        XCTAssertEqual(rows(t), [[.string("q\"\\/\u{8}\u{c}\n\r\té😀")]])
    }

    func testRepeatedKeyKeepsLastValue() throws {
        XCTAssertEqual(rows(try jsonl("{\"a\":1,\"a\":2}\n")), [[.int(2)]])
    }

    func testEmptyKeyIsNamedLikeAnEmptyCSVHeader() throws {
        XCTAssertEqual(try jsonl("{\"a\":1,\"\":2}\n").fields.map(\.name), ["a", "col_2"])
    }

    func testOverrides() throws {
        let t = try jsonl("{\"a\":1,\"b\":\"90s\",\"c\":true,\"d\":\"2026-01-01\"}\n", types: ["a": .float, "b": .duration, "c": .string, "d": .string])
        XCTAssertEqual(rows(t), [[.float(1), .duration(90_000_000), .string("true"), .string("2026-01-01")]])
    }

    func testOverrideMismatchNamesLineAndByteColumn() {
        let e = readError("{\"a\":1}\n{\"a\": \"x\"}\n", format: .jsonl, name: "bad.jsonl", types: ["a": .int])
        XCTAssertEqual(e?.columnUnit, .byte)
        XCTAssertEqual(e?.description, "error: bad.jsonl:2:7: key 'a': expected an int, found \"x\"")
    }

    func testSyntaxErrorsNameLineAndByteColumn() {
        XCTAssertEqual(readError("{\"a\":1}\n{\"a\":1,}\n", format: .jsonl, name: "bad.jsonl")?.description,
                       "error: bad.jsonl:2:8: expected a key (a string), found '}'")
        XCTAssertEqual(readError("{\"a\":1} {\"a\":2}\n", format: .jsonl, name: "bad.jsonl")?.description,
                       "error: bad.jsonl:1:9: expected a line end after the object, found '{'")
        XCTAssertEqual(readError("[1]\n", format: .jsonl, name: "bad.jsonl")?.description,
                       "error: bad.jsonl:1:1: expected a JSON object ('{'), found '['")
        XCTAssertEqual(readError("{\"a\":\"open\n", format: .jsonl, name: "bad.jsonl")?.description,
                       "error: bad.jsonl:1:11: control character byte 0xA in a string (escape it)")
        XCTAssertEqual(readError("{\"a\":01}", format: .jsonl, name: "bad.jsonl")?.description,
                       "error: bad.jsonl:1:6: invalid number: leading zero")
        XCTAssertEqual(readError("{\"a\":tru}", format: .jsonl, name: "bad.jsonl")?.description,
                       "error: bad.jsonl:1:6: expected a value, found 't'")
        XCTAssertEqual(readError(#"{"a":"\ud800"}"#, format: .jsonl, name: "bad.jsonl")?.message,
                       "invalid \\u escape: a high surrogate without a low one")
        XCTAssertEqual(readError("{\"a\":1", format: .jsonl, name: "bad.jsonl")?.message,
                       "unterminated object: expected ',' or '}'")
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let deep = "{\"a\":" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        XCTAssertEqual(readError(deep, format: .jsonl, name: "bad.jsonl")?.message, "nesting deeper than 256 levels")
    }

    func testJSONArray() throws {
        let t = try readText(" [ {\"a\": 1}, {\"a\": 2.5, \"b\": false} ] \n", format: .json, name: "t.json")
        XCTAssertEqual(t.fields, [Field("a", .float), Field("b", .bool)])
        XCTAssertEqual(rows(t), [[.float(1), .null], [.float(2.5), .bool(false)]])
        XCTAssertEqual(try readText("[]", format: .json).rowCount, 0)
        XCTAssertEqual(readError("[{\"a\":1}] x", format: .json, name: "bad.json")?.description,
                       "error: bad.json:1:11: unexpected 'x' after the array")
    }

    func testMarkdownIsNotReadable() {
        XCTAssertEqual(readError("| a |", format: .markdown, name: "t.md")?.message,
                       "reading Markdown is not supported (use CSV, TSV or JSON)")
    }
}
