import XCTest
@testable import GembaCore

/// Runs statements in a fresh (or given) session and returns the last table result.
@discardableResult
func runQuery(_ text: String, in session: Session = Session(), file: StaticString = #filePath, line: UInt = #line) throws -> Table {
    var last: Table? = nil
    try session.run(text) { result in
        if case .table(let t) = result { last = t }
    }
    guard let t = last else {
        XCTFail("no table result for: \(text)", file: file, line: line)
        return .empty
    }
    return t
}

/// The rendered error of a statement that must fail.
func runError(_ text: String, in session: Session = Session(), file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
        try session.run(text) { _ in }
        XCTFail("expected an error for: \(text)", file: file, line: line)
        return ""
    } catch {
        return error.description
    }
}

/// A table's rows as text cells, for compact assertions.
func cells(_ t: Table) -> [[String]] {
    (0..<t.rowCount).map { i in t.row(i).map(\.text) }
}

/// A session with a small `items` table.
func sampleSession() throws -> Session {
    let s = Session()
    let items = try runQuery("""
        datatable(id:int, team:string, assignee:string, created:date, finished:date, hours:float)
        [1, "core", "ana", @2026-01-05, @2026-01-09, 3.5,
         2, "core", null, @2026-01-06, null, 1.0,
         3, "web", "bo", @2026-01-07, @2026-01-20, null,
         4, "web", "bo", @2026-01-08, @2026-01-08, 2.25,
         5, "data", "cy", @2026-02-01, null, 8.0]
        """, in: s)
    s.catalog.setTable("items", items)
    return s
}

extension SeededRandom {
    /// A number in 0..<n.
    mutating func next(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
