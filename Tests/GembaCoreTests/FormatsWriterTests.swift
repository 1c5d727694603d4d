import XCTest
@testable import GembaCore

final class FormatsWriterTests: XCTestCase {
    /// A small table with every type, a null in each column, an empty string and awkward strings.
    static func sample() -> Table {
        func column(_ type: DataType, _ values: [Value]) -> Column {
            var b = ColumnBuilder(type: type)
            for v in values { b.append(v) }
            return b.build()
        }
        let day = Temporal.days(year: 2026, month: 3, day: 31)
        let instant = day * Temporal.microsPerDay + 14 * Temporal.microsPerHour + 5 * Temporal.microsPerMinute
        return Table([
            ("i", column(.int, [.int(1), .null, .int(-42)])),
            ("f", column(.float, [.float(0.1), .float(-0.0), .null])),
            ("b", column(.bool, [.bool(true), .null, .bool(false)])),
            ("s", column(.string, [.string("a,b"), .string(""), .null])),
            ("d", column(.date, [.date(day), .null, .date(-1)])),
            ("t", column(.datetime, [.datetime(instant), .datetime(instant + 500_000), .null])),
            ("u", column(.duration, [.duration(90_000_000), .null, .duration(-Temporal.microsPerDay - 2 * Temporal.microsPerHour)])),
        ])
    }

    func testCSVExact() {
        XCTAssertEqual(TableWriter.render(Self.sample(), format: .csv), """
            i,f,b,s,d,t,u
            1,0.1,true,"a,b",2026-03-31,2026-03-31T14:05:00Z,1m30s
            ,-0.0,,"",,2026-03-31T14:05:00.5Z,
            -42,,false,,1969-12-31,,-1d2h

            """)
    }

    func testCSVQuotingRules() {
        var b = ColumnBuilder(type: .string)
        for s in ["plain", "has \"quote\"", "line\nbreak", "cr\rx", " lead", "trail ", "in side", "tab\there", ""] { b.append(.string(s)) }
        b.appendNull()
        let t = Table([("x y", b.build())])
        XCTAssertEqual(TableWriter.render(t, format: .csv),
                       "x y\nplain\n\"has \"\"quote\"\"\"\n\"line\nbreak\"\n\"cr\rx\"\n\" lead\"\n\"trail \"\nin side\ntab\there\n\"\"\n\n")
        XCTAssertEqual(TableWriter.render(t, format: .tsv),
                       "x y\nplain\n\"has \"\"quote\"\"\"\n\"line\nbreak\"\n\"cr\rx\"\n\" lead\"\n\"trail \"\nin side\n\"tab\there\"\n\"\"\n\n")
    }

    func testFloatsUseShortestRoundTrippingText() {
        var b = ColumnBuilder(type: .float)
        for v in [1.0, 1e20, Double.leastNonzeroMagnitude, 0.30000000000000004, -1.5e-7, Double.nan, -Double.infinity] { b.append(.float(v)) }
        let t = Table([("f", b.build())])
        XCTAssertEqual(TableWriter.render(t, format: .csv), "f\n1.0\n1e+20\n5e-324\n0.30000000000000004\n-1.5e-07\nnan\n-inf\n")
        XCTAssertEqual(TableWriter.render(t, format: .jsonl),
                       "{\"f\":1.0}\n{\"f\":1e+20}\n{\"f\":5e-324}\n{\"f\":0.30000000000000004}\n{\"f\":-1.5e-07}\n{\"f\":null}\n{\"f\":null}\n")
    }

    func testJSONLinesExact() {
        XCTAssertEqual(TableWriter.render(Self.sample(), format: .jsonl), """
            {"i":1,"f":0.1,"b":true,"s":"a,b","d":"2026-03-31","t":"2026-03-31T14:05:00Z","u":"1m30s"}
            {"i":null,"f":-0.0,"b":null,"s":"","d":null,"t":"2026-03-31T14:05:00.5Z","u":null}
            {"i":-42,"f":null,"b":false,"s":null,"d":"1969-12-31","t":null,"u":"-1d2h"}

            """)
    }

    func testJSONArrayExactAndEmpty() {
        let t = Table([("k", Column.constant(.string("q\"\\\n\u{1}é"), count: 2))])
        XCTAssertEqual(TableWriter.render(t, format: .json), "[\n{\"k\":\"q\\\"\\\\\\n\\u0001é\"},\n{\"k\":\"q\\\"\\\\\\n\\u0001é\"}\n]\n")
        XCTAssertEqual(TableWriter.render(t.gather([]), format: .json), "[]\n")
    }

    func testMarkdownExact() {
        XCTAssertEqual(TableWriter.render(Self.sample().gather([0, 1]), format: .markdown), """
            | i    | f    | b    | s   | d          | t                      | u     |
            | ---: | ---: | ---- | --- | ---------- | ---------------------- | ----: |
            |    1 |  0.1 | true | a,b | 2026-03-31 | 2026-03-31T14:05:00Z   | 1m30s |
            | null | -0.0 | null |     | null       | 2026-03-31T14:05:00.5Z |  null |

            """)
    }

    func testMarkdownEscapesPipesAndLineBreaksAndPadsWideCharacters() {
        var b = ColumnBuilder(type: .string)
        b.append(.string("a|b\nc"))
        b.append(.string("日本"))
        XCTAssertEqual(TableWriter.render(Table([("名", b.build())]), format: .markdown),
                       "| 名        |\n| --------- |\n| a\\|b<br>c |\n| 日本      |\n")
    }

    func testWriteFileIsAtomicAndReadsBack() throws {
        let folder = NSTemporaryDirectory() + "gemba-formats-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.csv"
        let t = Self.sample()
        try TableWriter.write(t, format: .csv, to: path)
        try TableWriter.write(t, format: .csv, to: path) // replaces
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["out.csv"])
        let back = try TableReader.read(path: path, typeOverrides: ["u": .duration])
        assertSameTable(t, back)
    }

    func testWriteIntoMissingFolderFailsNamingTheFile() {
        do {
            try TableWriter.write(Self.sample(), format: .csv, to: "/nonexistent-gemba/x.csv")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.description, "error: /nonexistent-gemba/x.csv: cannot write: no such file or folder")
        }
    }
}
