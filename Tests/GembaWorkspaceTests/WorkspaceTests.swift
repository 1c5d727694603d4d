import CSQLite
import Foundation
import GembaCore
@testable import GembaWorkspace
import XCTest

final class WorkspaceTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// A seeded table with every type, nulls, empty strings, unicode and extreme values.
    private func randomTable(seed: UInt64, rows: Int) -> Table {
        var rng = SplitMix(seed)
        let strings = ["", "a", "Zürich", "e\u{301}", "\u{E9}", "日本語", "a\"b; drop table x", "🚀", "line\nbreak", " pad "]
        let floats: [Double] = [0, -0.0, 1.5, -2.25, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -.leastNormalMagnitude, 1e-300, .infinity, -.infinity, .nan, 0.1]
        let days: [Int64] = [Temporal.days(year: 1, month: 1, day: 1), Temporal.days(year: 9999, month: 12, day: 31), 0, -1, Temporal.days(year: 2024, month: 2, day: 29)]
        var b: [ColumnBuilder] = [.init(type: .int), .init(type: .float), .init(type: .bool), .init(type: .string),
                                  .init(type: .date), .init(type: .datetime), .init(type: .duration)]
        for _ in 0..<rows {
            for k in b.indices {
                if rng.next() % 5 == 0 { b[k].appendNull(); continue }
                switch k {
                case 0: b[k].appendInt([Int64.min, .max, 0, -1, Int64(bitPattern: rng.next())][Int(rng.next() % 5)])
                case 1: b[k].appendFloat(rng.next() % 2 == 0 ? floats[Int(rng.next() % UInt64(floats.count))] : Double(bitPattern: rng.next() >> 2))
                case 2: b[k].appendBool(rng.next() % 2 == 0)
                case 3: b[k].appendString(strings[Int(rng.next() % UInt64(strings.count))])
                case 4: b[k].appendInt(days[Int(rng.next() % UInt64(days.count))])
                case 5: b[k].appendInt(days[Int(rng.next() % UInt64(days.count))] * Temporal.microsPerDay + Int64(rng.next() % UInt64(Temporal.microsPerDay)))
                default: b[k].appendInt(Int64(bitPattern: rng.next()) / 4)
                }
            }
        }
        let names = ["i", "f", "b", "s", "d", "t", "u"]
        return Table(zip(names, b.map { $0.build() }).map { ($0.0, $0.1) })
    }

    /// Bit-for-bit equality of two tables (floats by bit pattern, strings by bytes).
    private func assertIdentical(_ a: Table, _ b: Table, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.fields, b.fields, file: file, line: line)
        XCTAssertEqual(a.rowCount, b.rowCount, file: file, line: line)
        for (ca, cb) in zip(a.columns, b.columns) {
            for i in 0..<a.rowCount {
                let (x, y) = (ca.value(at: i), cb.value(at: i))
                switch (x, y) {
                case (.float(let p), .float(let q)): XCTAssertEqual(p.bitPattern, q.bitPattern, "row \(i): \(p) vs \(q)", file: file, line: line)
                case (.string(let p), .string(let q)): XCTAssertEqual(Array(p.utf8), Array(q.utf8), file: file, line: line)
                default: XCTAssertEqual(x, y, "row \(i)", file: file, line: line)
                }
            }
        }
    }

    func testRoundTripIsBitForBitOverRandomTables() throws {
        for seed in 1...8 {
            let table = randomTable(seed: UInt64(seed), rows: 300)
            let ws = try Workspace(path: path("rt\(seed).db"))
            try ws.saveTable(table, named: "t")
            let back = try Workspace(path: path("rt\(seed).db")).load()
            guard let t = back.tables["t"] else { return XCTFail("table missing") }
            assertIdentical(table, t)
        }
    }

    func testLargeTablesAreReadInParallelPartsInOrder() throws {
        let table = randomTable(seed: 99, rows: 230_000)
        let ws = try Workspace(path: path("big.db"))
        try ws.saveTable(table, named: "t")
        guard let back = try Workspace(path: path("big.db")).load().tables["t"] else { return XCTFail("table missing") }
        assertIdentical(table, back)
    }

    /// Parallel reading splits the rowid range: gaps, negative rowids and the extremes of the range
    /// must neither lose rows nor reorder them.
    func testSparseAndExtremeRowidsReadEveryRowInOrder() throws {
        let p = path("rowids.db")
        var db: OpaquePointer?
        sqlite3_open(p, &db)
        sqlite3_exec(db, """
            CREATE TABLE gaps (v INTEGER);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250000)
              INSERT INTO gaps (rowid, v) SELECT i * 7 - 900000, i FROM n;
            CREATE TABLE extremes (v INTEGER);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250000)
              INSERT INTO extremes (rowid, v) SELECT i, i FROM n;
            INSERT INTO extremes (rowid, v) VALUES (-9223372036854775808, 0), (9223372036854775807, 250001);
            """, nil, nil, nil)
        sqlite3_close(db)
        let back = try Workspace(path: p).load()
        for (name, rows) in [("gaps", 250_000), ("extremes", 250_002)] {
            guard let t = back.tables[name], case .int64(let v)? = t.column("v")?.data else { return XCTFail("\(name) missing") }
            XCTAssertEqual(t.rowCount, rows, name)
            let expected = name == "gaps" ? Array(1...250_000) : Array(0...250_001)
            XCTAssertEqual(v, expected.map { Int64($0) }, name)
        }
    }

    func testHostileNamesAndViews() throws {
        let name = "a\"b; drop table x"
        let t = Table([("we\"ird col", Column(type: .int, data: .int64([1, 2])))])
        let ws = try Workspace(path: path("names.db"))
        try ws.saveTable(t, named: name)
        try ws.saveView(ViewDefinition(name: "v", text: "\(name) | where x > 'it''s'"))
        let back = try Workspace(path: path("names.db")).load()
        XCTAssertEqual(back.tables[name]?.fields.map(\.name), ["we\"ird col"])
        XCTAssertEqual(back.views["v"]?.text, "\(name) | where x > 'it''s'")
        try ws.dropName(name)
        XCTAssertNil(try Workspace(path: path("names.db")).load().tables[name])
    }

    func testPlainSQLiteDatabasesOpenWithDeclaredTypes() throws {
        let p = path("plain.db")
        var db: OpaquePointer?
        sqlite3_open(p, &db)
        sqlite3_exec(db, """
            CREATE TABLE t (id INTEGER, name VARCHAR(20), score REAL, ok BOOLEAN, day DATE, at TIMESTAMP, anything);
            INSERT INTO t VALUES (1, 'x', 1.5, 1, '2026-01-02', '2026-01-02T03:04:05Z', 7), (2, NULL, 2, 0, NULL, '2026-01-02 03:04:05', 8);
            CREATE TABLE bad (b BLOB); INSERT INTO bad VALUES (x'00');
            """, nil, nil, nil)
        sqlite3_close(db)
        XCTAssertThrowsError(try Workspace(path: p).load()) { e in
            XCTAssertTrue("\(e)".contains("'bad'"), "\(e)")
            XCTAssertTrue("\(e)".contains("plain.db"), "\(e)")
        }
        var db2: OpaquePointer?
        sqlite3_open(p, &db2)
        sqlite3_exec(db2, "DROP TABLE bad", nil, nil, nil)
        sqlite3_close(db2)
        let t = try XCTUnwrap(try Workspace(path: p).load().tables["t"])
        XCTAssertEqual(t.fields.map(\.type), [.int, .string, .float, .bool, .date, .datetime, .int])
        XCTAssertEqual(t.row(1).map(\.text), ["2", "null", "2.0", "false", "null", "2026-01-02T03:04:05Z", "8"])
    }

    func testUnknownTypeInGembaColumnsIsAnError() throws {
        let p = path("money.db")
        try Workspace(path: p).saveTable(Table([("amount", Column(type: .int, data: .int64([1, 2])))]), named: "t")
        var db: OpaquePointer?
        sqlite3_open(p, &db)
        sqlite3_exec(db, "UPDATE gemba_columns SET type = 'money' WHERE table_name = 't'", nil, nil, nil)
        sqlite3_close(db)
        XCTAssertThrowsError(try Workspace(path: p).load()) { e in
            XCTAssertEqual("\(e)", "\(p): table 't', column 'amount': gemba_columns gives the unknown type 'money' "
                           + "(types: bool, date, datetime, duration, float, int, string)")
        }
    }

    func testAFileThatCannotBeOpenedSaysWhy() throws {
        XCTAssertThrowsError(try Workspace(path: dir.path)) { e in
            XCTAssertEqual("\(e)", "\(dir.path): cannot open the workspace: it is a folder, not a file")
        }
        XCTAssertThrowsError(try Workspace(path: path("no/such/w.db"))) { e in
            XCTAssertEqual("\(e)", "\(path("no/such/w.db")): cannot create the workspace: there is no folder '\(path("no/such"))'")
        }
    }

    func testNotADatabaseIsAClearError() throws {
        let p = path("junk.db")
        try Data("this is not a database, just some text that is long enough".utf8).write(to: URL(fileURLWithPath: p))
        XCTAssertThrowsError(try Workspace(path: p)) { e in
            XCTAssertTrue("\(e)".contains("junk.db"), "\(e)")
            XCTAssertTrue("\(e)".contains("not a SQLite database") || "\(e)".contains("not a database"), "\(e)")
        }
    }

    func testReadOnlyWorkspaceRefusesWritesAndKeepsData() throws {
        let p = path("ro.db")
        try Workspace(path: p).saveTable(Table([("x", Column(type: .int, data: .int64([1])))]), named: "t")
        let ws = try Workspace(path: p, readOnly: true)
        XCTAssertThrowsError(try ws.saveTable(randomTable(seed: 3, rows: 10), named: "u")) { e in
            XCTAssertTrue("\(e)".contains("read-only") && "\(e)".contains("ro.db"), "\(e)")
        }
        XCTAssertThrowsError(try ws.dropName("t"))
        XCTAssertEqual(try Workspace(path: p).load().tables["t"]?.rowCount, 1)
    }

    func testFullDiskIsAClearErrorAndChangesNothing() throws {
        let p = path("full.db")
        try Workspace(path: p).saveTable(Table([("x", Column(type: .int, data: .int64([1, 2])))]), named: "t")
        let ws = try Workspace(path: p)
        try ws.limitPages(8)
        XCTAssertThrowsError(try ws.saveTable(randomTable(seed: 4, rows: 20_000), named: "big")) { e in
            XCTAssertTrue("\(e)".contains("full") && "\(e)".contains("full.db"), "\(e)")
        }
        XCTAssertThrowsError(try ws.saveTable(randomTable(seed: 4, rows: 20_000), named: "t"))
        let back = try Workspace(path: p).load()
        XCTAssertEqual(back.tables["t"]?.rowCount, 2)
        XCTAssertNil(back.tables["big"])
    }
}

/// A small seeded generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
