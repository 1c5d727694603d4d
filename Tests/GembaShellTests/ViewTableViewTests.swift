import XCTest
import GembaCore
@testable import GembaShell

final class ViewTableViewTests: XCTestCase {
    private func column(_ type: DataType, _ values: [Value]) -> Column {
        var b = ColumnBuilder(type: type)
        for v in values { b.append(v) }
        return b.build()
    }

    private var small: Table {
        Table([
            ("id", column(.int, [.int(1), .int(22), .null])),
            ("name", column(.string, [.string("Ann"), .null, .string("")])),
            ("score", column(.float, [.float(1.5), .float(-0.25), .float(10)])),
            ("done", column(.bool, [.bool(true), .bool(false), .null])),
            ("took", column(.duration, [.duration(90_000_000), .null, .duration(86_400_000_000)])),
        ])
    }

    func testSmallTable() {
        XCTAssertEqual(TableView.render(small, maxWidth: nil, maxRows: nil), """
            ┌──────┬────────┬───────┬───────┬──────────┐
            │  id  │  name  │ score │ done  │   took   │
            │ int  │ string │ float │ bool  │ duration │
            ├──────┼────────┼───────┼───────┼──────────┤
            │    1 │ Ann    │   1.5 │ true  │    1m30s │
            │   22 │ null   │ -0.25 │ false │     null │
            │ null │        │  10.0 │ null  │       1d │
            ├──────┴────────┴───────┴───────┴──────────┤
            │ 3 rows                                   │
            └──────────────────────────────────────────┘

            """)
    }

    func testOneRowIsSingularAndFooterWidensANarrowTable() {
        let t = Table([("x", column(.int, [.int(5)]))])
        XCTAssertEqual(TableView.render(t, maxWidth: nil, maxRows: nil), """
            ┌───────┐
            │   x   │
            │  int  │
            ├───────┤
            │     5 │
            ├───────┤
            │ 1 row │
            └───────┘

            """)
    }

    func testNoRows() {
        XCTAssertEqual(TableView.render(small.gather([]), maxWidth: nil, maxRows: nil), """
            ┌─────┬────────┬───────┬──────┬──────────┐
            │ id  │  name  │ score │ done │   took   │
            │ int │ string │ float │ bool │ duration │
            ├─────┴────────┴───────┴──────┴──────────┤
            │ 0 rows                                 │
            └────────────────────────────────────────┘

            """)
        XCTAssertEqual(TableView.render(.empty, maxWidth: nil, maxRows: nil), "┌────────┐\n│ 0 rows │\n└────────┘\n")
    }

    func testWideAndCombiningCharactersAlign() {
        let t = Table([
            ("名前", column(.string, [.string("日本語"), .string("e\u{301}"), .string("😀!"), .string("ｱ")])),
            ("n", column(.int, [.int(1), .int(2), .int(3), .int(4)])),
        ])
        XCTAssertEqual(TableView.render(t, maxWidth: nil, maxRows: nil), """
            ┌────────┬─────┐
            │  名前  │  n  │
            │ string │ int │
            ├────────┼─────┤
            │ 日本語 │   1 │
            │ é      │   2 │
            │ 😀!    │   3 │
            │ ｱ      │   4 │
            ├────────┴─────┤
            │ 4 rows       │
            └──────────────┘

            """)
    }

    func testLongCellsAreTruncatedWidestFirst() {
        let t = Table([
            ("id", column(.int, [.int(1), .int(2)])),
            ("title", column(.string, [.string("a rather long title for a work item"), .string("short")])),
            ("note", column(.string, [.string("medium note"), .string("x")])),
        ])
        let out = TableView.render(t, maxWidth: 40, maxRows: nil)
        XCTAssertEqual(out, """
            ┌─────┬──────────────────┬─────────────┐
            │ id  │      title       │    note     │
            │ int │      string      │   string    │
            ├─────┼──────────────────┼─────────────┤
            │   1 │ a rather long t… │ medium note │
            │   2 │ short            │ x           │
            ├─────┴──────────────────┴─────────────┤
            │ 2 rows                               │
            └──────────────────────────────────────┘

            """)
        for line in out.split(separator: "\n") { XCTAssertEqual(DisplayWidth.of(String(line)), 40) }
    }

    func testTruncationNeverSplitsAWideCharacter() {
        let t = Table([("s", column(.string, [.string("日本語日本語日本語")]))])
        let out = TableView.render(t, maxWidth: 12, maxRows: nil)
        // 8 columns for the text: 日本語 (6) and … (1); a fourth 日 would need 2 more.
        XCTAssertTrue(out.contains("│ 日本語…  │"), out)
        for line in out.split(separator: "\n") { XCTAssertLessThanOrEqual(DisplayWidth.of(String(line)), 12) }
    }

    /// At minimum widths three columns and a `…` column fit in 24; the slack goes to the first.
    func testTooManyColumnsLeavesTrailingOnesOut() {
        let names = ["alpha", "beta", "gamma", "delta", "epsilon"]
        let t = Table(names.map { ($0, column(.int, [.int(1)])) })
        XCTAssertEqual(TableView.render(t, maxWidth: 24, maxRows: nil), """
            ┌──────┬─────┬─────┬───┐
            │ alp… │ be… │ ga… │ … │
            │ int  │ int │ int │ … │
            ├──────┼─────┼─────┼───┤
            │    1 │   1 │   1 │ … │
            ├──────┴─────┴─────┴───┤
            │ 1 row                │
            │ 5 columns (3 shown)  │
            └──────────────────────┘

            """)
    }

    func testFirstAndLastRowsWithFooter() {
        var b = ColumnBuilder(type: .int)
        for i in 1...1234 { b.append(.int(Int64(i))) }
        let t = Table([("n", b.build()), ("even", Column.constant(.bool(true), count: 1234))])
        XCTAssertEqual(TableView.render(t, maxWidth: 80, maxRows: 5), """
            ┌──────┬───────────────┐
            │  n   │     even      │
            │ int  │     bool      │
            ├──────┼───────────────┤
            │    1 │ true          │
            │    2 │ true          │
            │    3 │ true          │
            │  ·   │       ·       │
            │ 1233 │ true          │
            │ 1234 │ true          │
            ├──────┴───────────────┤
            │ 1,234 rows (5 shown) │
            └──────────────────────┘

            """)
    }

    func testExactlyMaxRowsShowsAllWithoutDots() {
        let t = Table([("n", column(.int, [.int(1), .int(2)]))])
        let out = TableView.render(t, maxWidth: nil, maxRows: 2)
        XCTAssertFalse(out.contains("·"))
        XCTAssertTrue(out.contains("│ 2 rows │"), out)
    }

    func testControlCharactersStayOnOneLine() {
        let t = Table([("s", column(.string, [.string("a\nb\tc")]))])
        XCTAssertTrue(TableView.render(t, maxWidth: nil, maxRows: nil).contains("│ a\\nb\\tc │"))
    }

    func testAbsurdLimitsDoNotCrash() {
        for width in [-5, 0, 1, 5, 9] {
            for rows in [-1, 0, 1] {
                let out = TableView.render(small, maxWidth: width, maxRows: rows)
                XCTAssertTrue(out.hasPrefix("┌"))
                XCTAssertTrue(out.hasSuffix("┘\n"))
            }
        }
    }
}
