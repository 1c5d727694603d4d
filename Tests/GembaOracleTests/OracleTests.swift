import Foundation
import XCTest
@testable import GembaCore

/// Runs a gemba query through gemba (parse → bind → execute) and, translated from its bound plan,
/// through SQLite, and compares the two results.
final class Oracle {
    let session = Session()
    let db: SQLiteDatabase
    let fixtures: [String: Fixture]

    init() throws {
        db = try SQLiteDatabase()
        var byKey: [String: Fixture] = [:]
        for fx in Fixtures.all {
            let table = fx.table
            session.catalog.setTable(fx.name, table)
            byKey[Fixture.key(table.fields)] = fx
            let decl = fx.columns.enumerated().map { k, c in "c\(k) \(Oracle.sqlType(c.type))" }.joined(separator: ", ")
            try db.execute("CREATE TABLE \(fx.sqlName) (\(decl))")
            let marks = Array(repeating: "?", count: fx.columns.count).joined(separator: ", ")
            try db.insert("INSERT INTO \(fx.sqlName) VALUES (\(marks))", rows: fx.rows.map { $0.map(Oracle.sqlValue) })
        }
        fixtures = byKey
    }

    static func sqlType(_ t: DataType) -> String {
        switch t {
        case .float: return "REAL"
        case .string: return "TEXT"
        default: return "INTEGER"
        }
    }

    static func sqlValue(_ v: Value) -> SQLValue {
        switch v {
        case .null: return .null
        case .int(let x), .date(let x), .datetime(let x), .duration(let x): return .int(x)
        case .float(let x): return .real(x)
        case .bool(let b): return .int(b ? 1 : 0)
        case .string(let s): return .text(Array(s.utf8))
        }
    }

    /// A SQLite cell read back as a gemba value of type `type`.
    static func value(_ v: SQLValue, as type: DataType) -> Value {
        switch (v, type) {
        case (.null, _), (_, .null): return .null
        case (.int(let x), .int): return .int(x)
        case (.int(let x), .float): return .float(Double(x))
        case (.int(let x), .bool): return .bool(x != 0)
        case (.int(let x), .date): return .date(x)
        case (.int(let x), .datetime): return .datetime(x)
        case (.int(let x), .duration): return .duration(x)
        case (.real(let x), _): return .float(x)
        case (.text(let b), _): return .string(String(decoding: b, as: UTF8.self))
        case (.int(let x), .string): return .string("<int \(x)>")
        }
    }

    enum Outcome {
        case same(rows: Int)
        case different(String)
    }

    /// Seconds spent in each engine (for GEMBA_ORACLE_VERBOSE).
    var gembaSeconds = 0.0, sqliteSeconds = 0.0

    func check(_ rel: Relation) -> Outcome {
        let text = rel.text
        let t0 = Date()
        var result: Table? = nil
        do {
            try session.run(text) { r in if case .table(let t) = r { result = t } }
        } catch {
            return .different("query: \(text)\ngemba failed:\n\(error)")
        }
        guard let gemba = result else { return .different("query: \(text)\ngemba gave no table") }
        let t1 = Date()
        gembaSeconds = t1.timeIntervalSince(t0)
        let source = SourceText(text)
        let sql: String
        let plan: Plan
        do {
            // `let` statements before the query have defined their scalars in the session already.
            guard let statement = StatementSplitter.split(Lexer.tokenize(source)).last else {
                return .different("query: \(text)\nno statement")
            }
            let query = try Parser.parseQuery(statement)
            switch try Binder(catalog: session.catalog, last: nil, source: source).bindStatement(query) {
            case .relation(let p): plan = p
            case .scalar(let e): plan = Plan.scalarRow(e, range: query.range)
            }
            sql = try SQLTranslator.translate(plan, fixtures: fixtures)
        } catch {
            return .different("query: \(text)\ntranslation failed: \(error)")
        }
        let rows: [[Value]]
        do {
            rows = try db.query(sql).map { row in zip(row, plan.fields).map { Oracle.value($0, as: $1.type) } }
        } catch {
            return .different("query: \(text)\nsql: \(sql)\nSQLite failed: \(error)")
        }
        sqliteSeconds = Date().timeIntervalSince(t1)
        let mine = (0..<gemba.rowCount).map { gemba.row($0) }
        if gemba.fields.count == plan.fields.count, Oracle.equal(mine, rows, ordered: rel.sorted) {
            return .same(rows: mine.count)
        }
        func show(_ rs: [[Value]]) -> String {
            rs.prefix(40).map { "  " + $0.map(Oracle.cell).joined(separator: " | ") }.joined(separator: "\n") + (rs.count > 40 ? "\n  ..." : "")
        }
        return .different("""
            query: \(text)
            compared \(rel.sorted ? "in order" : "as multisets"); columns: \(plan.fields.map { "\($0.name):\($0.type.rawValue)" }.joined(separator: ", "))
            sql: \(sql)
            gemba (\(mine.count) rows):
            \(show(mine))
            sqlite (\(rows.count) rows):
            \(show(rows))
            """)
    }

    // MARK: comparing

    /// A cell as text that tells apart every difference that matters: strings byte for byte (non-ASCII
    /// scalars escaped), floats to 12 significant digits.
    static func cell(_ v: Value) -> String {
        switch v {
        case .float(let x): return String(format: "%.12g", x == 0 ? 0 : x)
        case .string(let s):
            var out = "\""
            for u in s.unicodeScalars {
                if u.value < 32 || u.value > 126 { out += "\\u{\(String(u.value, radix: 16))}" } else { out.unicodeScalars.append(u) }
            }
            return out + "\""
        case .duration(let d): return "dur(\(d))"
        default: return v.text
        }
    }

    static func sameCell(_ a: Value, _ b: Value) -> Bool {
        if case .float(let x) = a, case .float(let y) = b {
            if cell(a) == cell(b) { return true }
            let diff = abs(x - y)
            return diff <= 1e-11 * max(abs(x), abs(y)) || diff < 1e-9
        }
        return cell(a) == cell(b)
    }

    static func equal(_ a: [[Value]], _ b: [[Value]], ordered: Bool) -> Bool {
        guard a.count == b.count else { return false }
        var x = a, y = b
        if !ordered {
            func sorted(_ rows: [[Value]]) -> [[Value]] {
                rows.map { (key: $0.map(cell).joined(separator: "\u{1}"), row: $0) }.sorted { $0.key < $1.key }.map(\.row)
            }
            x = sorted(x)
            y = sorted(y)
        }
        for (r, s) in zip(x, y) {
            guard r.count == s.count else { return false }
            for (p, q) in zip(r, s) where !sameCell(p, q) { return false }
        }
        return true
    }
}

final class OracleTests: XCTestCase {
    /// Generated queries, run by gemba and by SQLite: no differences allowed. GEMBA_ORACLE_QUERIES and
    /// GEMBA_ORACLE_SEED run more queries or another seed; GEMBA_ORACLE_VERBOSE=1 prints each query.
    func testGeneratedQueriesAgreeWithSQLite() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["GEMBA_ORACLE_SEED"].flatMap { UInt64($0) } ?? 20_260_331
        let count = env["GEMBA_ORACLE_QUERIES"].flatMap { Int($0) } ?? 2000
        let verbose = env["GEMBA_ORACLE_VERBOSE"] == "1"
        let dryRun = env["GEMBA_ORACLE_DRY"] == "1"
        let oracle = try Oracle()
        var generator = QueryGenerator(seed: seed, fixtures: Fixtures.all)
        var failures: [String] = []
        var nonEmpty = 0
        let start = Date()
        for k in 0..<count {
            let q = generator.query()
            if verbose || dryRun { FileHandle.standardError.write(Data("[\(k)] \(q.text)\n".utf8)) }
            if dryRun { continue }
            let outcome = oracle.check(q)
            if verbose { FileHandle.standardError.write(Data(String(format: "    gemba %.3fs, sqlite %.3fs\n", oracle.gembaSeconds, oracle.sqliteSeconds).utf8)) }
            switch outcome {
            case .same(let rows): if rows > 0 { nonEmpty += 1 }
            case .different(let report): failures.append("MISMATCH (query #\(k), seed \(seed))\n" + report)
            }
        }
        let seconds = Date().timeIntervalSince(start)
        print("oracle: \(count) queries (seed \(seed)) in \(String(format: "%.1f", seconds))s: \(nonEmpty) with rows, \(failures.count) mismatches")
        for f in failures.prefix(30) { print(f + "\n") }
        XCTAssertEqual(failures.count, 0, "gemba and SQLite disagree on \(failures.count) of \(count) queries (printed above)")
    }
}
