import CSQLite
import GembaCore

/// Writes tables into a workspace with one prepared insert per table.
enum WorkspaceWriter {
    /// Replaces table `name` (data and its `gemba_columns` rows). Runs inside the caller's transaction.
    static func write(_ table: Table, named name: String, to conn: SQLiteConnection) throws(WorkspaceError) {
        let q = quoteIdentifier(name)
        try conn.exec("DROP TABLE IF EXISTS \(q)", "replacing table '\(name)'")
        let columns = table.fields.map { "\(quoteIdentifier($0.name)) \(WorkspaceFormat.declaredType($0.type))" }
        try conn.exec("CREATE TABLE \(q) (\(columns.joined(separator: ", ")))", "creating table '\(name)'")
        try conn.exec("DELETE FROM gemba_columns WHERE table_name = \(quoteLiteral(name))")
        let meta = try conn.prepare("INSERT INTO gemba_columns (table_name, position, column_name, type) VALUES (?, ?, ?, ?)")
        for (i, f) in table.fields.enumerated() {
            sqlite3_bind_text(meta.handle, 1, name, -1, sqliteTransient)
            sqlite3_bind_int64(meta.handle, 2, Int64(i))
            sqlite3_bind_text(meta.handle, 3, f.name, -1, sqliteTransient)
            sqlite3_bind_text(meta.handle, 4, f.type.rawValue, -1, sqliteTransient)
            guard sqlite3_step(meta.handle) == SQLITE_DONE else { throw conn.error("writing the columns of '\(name)'") }
            sqlite3_reset(meta.handle)
        }
        guard !table.fields.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: table.fields.count).joined(separator: ", ")
        try conn.exec("PRAGMA cache_size = -65536")  // 64 MB, so a large insert does not spill pages early
        let insert = try conn.prepare("INSERT INTO \(q) VALUES (\(placeholders))", "writing table '\(name)'")
        let binders = table.columns.map(ColumnBinder.init)
        for row in 0..<table.rowCount {
            if row & 0xFFFF == 0, Cancellation.isRequested {
                throw WorkspaceError(file: conn.path, "interrupted while writing '\(name)'; nothing was changed")
            }
            for (k, b) in binders.enumerated() { b.bind(row, to: insert.handle, at: Int32(k + 1)) }
            guard sqlite3_step(insert.handle) == SQLITE_DONE else { throw conn.error("writing table '\(name)'") }
            sqlite3_reset(insert.handle)
        }
    }
}

/// Binds one column's values to a statement parameter, row by row, from typed buffers. Strings and
/// dates are bound from a text arena built once (SQLITE_STATIC: SQLite reads them in place), so rows
/// bind with no allocation.
final class ColumnBinder {
    private let column: Column
    /// The text of each dictionary code (strings) or each distinct day (dates), one after another.
    private var arena: UnsafeMutablePointer<UInt8>
    /// Where each text starts in the arena; text k ends where k + 1 starts.
    private var starts: [Int] = [0]
    /// A date column's distinct days: day → text index.
    private var dayIndex: [Int64: Int] = [:]

    init(_ column: Column) {
        self.column = column
        var texts: [String] = []
        switch column.data {
        case .string(_, let dict):
            texts = dict.values
        case .int64(let days) where column.type == .date:
            for d in days where dayIndex[d] == nil {
                dayIndex[d] = texts.count
                texts.append(Temporal.formatDate(d))
            }
        default:
            break
        }
        let total = texts.reduce(0) { $0 + $1.utf8.count }
        arena = .allocate(capacity: max(1, total))
        var at = 0
        for t in texts {
            for b in t.utf8 { arena[at] = b; at += 1 }
            starts.append(at)
        }
    }

    deinit { arena.deallocate() }

    func bind(_ row: Int, to stmt: OpaquePointer, at i: Int32) {
        if column.isNull(row) { sqlite3_bind_null(stmt, i); return }
        switch column.data {
        case .int64(let a):
            switch column.type {
            case .date: bindArena(dayIndex[a[row]] ?? 0, stmt, i)
            case .datetime: sqlite3_bind_text(stmt, i, Temporal.formatDatetime(a[row]), -1, sqliteTransient)
            case .null: sqlite3_bind_null(stmt, i)
            default: sqlite3_bind_int64(stmt, i, a[row])
            }
        case .float64(let a):
            let v = a[row]
            // SQLite turns NaN into NULL, and a REAL column stores -0.0 as the integer 0 (even from text):
            // keep NaN as the text 'NaN' and -0.0 as its 8 bytes in a BLOB.
            if v.isNaN {
                sqlite3_bind_text(stmt, i, "NaN", 3, sqliteTransient)
            } else if v == 0, v.sign == .minus {
                var bits = v.bitPattern.bigEndian
                withUnsafeBytes(of: &bits) { p in _ = sqlite3_bind_blob(stmt, i, p.baseAddress, 8, sqliteTransient) }
            } else {
                sqlite3_bind_double(stmt, i, v)
            }
        case .bool(let a):
            sqlite3_bind_int64(stmt, i, a[row] ? 1 : 0)
        case .string(let codes, _):
            bindArena(Int(codes[row]), stmt, i)
        }
    }

    /// Binds text k of the arena in place.
    @inline(__always) private func bindArena(_ k: Int, _ stmt: OpaquePointer, _ i: Int32) {
        let start = starts[k]
        let p = UnsafeRawPointer(arena + start).assumingMemoryBound(to: CChar.self)
        sqlite3_bind_text(stmt, i, p, Int32(starts[k + 1] - start), nil)  // nil = SQLITE_STATIC
    }
}
