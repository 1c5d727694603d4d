import CSQLite
import GembaCore

/// Reads SQLite tables into columnar tables. A large table is read by one connection per core, each
/// taking a range of rowids, values going straight into typed buffers and strings interned from their
/// bytes; the parts are then joined in rowid order.
enum WorkspaceReader {
    /// Below this many rows a table is read by one connection.
    static let rowsPerWorker = 100_000

    /// Reads table `name` with the given column types (nil: decided by the values).
    static func read(_ name: String, columns: [(name: String, type: DataType?)], from conn: SQLiteConnection) throws(WorkspaceError) -> Table {
        var inferred: [DataType] = []
        for c in columns {
            if let t = c.type { inferred.append(t) } else { inferred.append(try inferType(name, c.name, conn: conn)) }
        }
        let types = inferred
        let list = columns.map { quoteIdentifier($0.name) }.joined(separator: ", ")
        let table = quoteIdentifier(name)
        // min and max of the rowid are two seeks; count(*) would scan the whole table (a second on 10M
        // rows), so the span of rowids stands for the row count.
        // (Each on its own: SQLite seeks for a lone min() or max(), and scans for both together.)
        let lo = (try? conn.rows("SELECT min(rowid) FROM \(table)").first)??[0].flatMap { Int64($0) }
        let hi = (try? conn.rows("SELECT max(rowid) FROM \(table)").first)??[0].flatMap { Int64($0) }
        var count = 0
        if let lo, let hi {
            let (span, overflow) = hi.subtractingReportingOverflow(lo)
            // Rowids spread wider than this (never from gemba) are read by one connection.
            count = overflow || span >= Int64(Int32.max) ? 0 : Int(span) + 1
        }
        WorkProgress.begin("reading table \(name)", total: count)
        defer { WorkProgress.end() }
        let workers = min(Parallel.workers, max(1, count / rowsPerWorker))
        guard workers > 1, let lo, let hi, conn.path != ":memory:" else {
            let stmt = try conn.prepare("SELECT \(list) FROM \(table)", "reading table '\(name)'")
            return try assemble(name, columns, types, [try readPart(stmt, name: name, columns: columns, types: types, conn: conn)])
        }
        // One range of rowids per worker, each on its own connection. The session's connection holds a
        // read transaction meanwhile, so no writer can commit between the workers' reads.
        try conn.exec("BEGIN", "reading table '\(name)'")
        defer { try? conn.exec("COMMIT") }
        _ = try conn.rows("SELECT count(*) FROM sqlite_master")
        let span = (hi - lo) / Int64(workers) + 1
        let path = conn.path
        let results = Parallel.each(workers) { w in
            Result { () throws(WorkspaceError) -> PartColumns in
                let c = try SQLiteConnection(path: path, create: false, readOnly: true)
                let stmt = try c.prepare("SELECT \(list) FROM \(table) WHERE rowid BETWEEN ? AND ?", "reading table '\(name)'")
                sqlite3_bind_int64(stmt.handle, 1, lo + Int64(w) * span)
                sqlite3_bind_int64(stmt.handle, 2, min(hi, lo + Int64(w + 1) * span - 1))
                return try readPart(stmt, name: name, columns: columns, types: types, conn: c, expected: min(Int(span), 1 << 24))
            }
        }
        var parts: [PartColumns] = []
        for r in results {
            switch r {
            case .success(let p): parts.append(p)
            case .failure(let e): throw e
            }
        }
        return try assemble(name, columns, types, parts)
    }

    /// The parts' columns joined in order.
    private static func assemble(_ name: String, _ columns: [(name: String, type: DataType?)], _ types: [DataType],
                                 _ parts: [PartColumns]) throws(WorkspaceError) -> Table {
        let rows = parts.reduce(0) { $0 + $1.rows }
        // Columns concatenate independently, one per core at a time.
        let out = parts.count == 1 ? parts[0].columns : Parallel.each(types.count) { k in
            Column.concatenate(parts.map { ($0.columns[k], $0.rows) }, as: types[k])
        }
        return Table(fields: zip(columns, types).map { Field($0.0.name, $0.1) }, columns: out, rowCount: rows)
    }

    /// Steps a statement to its end, filling one typed builder per column.
    private static func readPart(_ stmt: Statement, name: String, columns: [(name: String, type: DataType?)], types: [DataType],
                                 conn: SQLiteConnection, expected: Int = 0) throws(WorkspaceError) -> PartColumns {
        var builders = types.map { PartBuilder($0, capacity: expected) }
        var row = 0
        while true {
            let rc = sqlite3_step(stmt.handle)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw conn.error("reading table '\(name)'") }
            row += 1
            if row & 0xFFFF == 0 {
                WorkProgress.advance(0x10000, rows: 0x10000)
                if Cancellation.isRequested { throw WorkspaceError(file: conn.path, "interrupted while reading '\(name)'") }
            }
            for k in builders.indices where !builders[k].append(stmt.handle, Int32(k)) {
                throw WorkspaceError(file: conn.path,
                    "table '\(name)', column '\(columns[k].name)': cannot read \"\(stmt.text(Int32(k)) ?? "?")\" as \(types[k].rawValue)")
            }
        }
        return PartColumns(columns: builders.map { $0.build() }, rows: row)
    }

    /// The type of an undeclared column from its values: int if all are integers, float if all are
    /// numbers, string if all are text; a blob is an error.
    private static func inferType(_ table: String, _ column: String, conn: SQLiteConnection) throws(WorkspaceError) -> DataType {
        let q = quoteIdentifier(column)
        let kinds = try conn.rows("SELECT DISTINCT typeof(\(q)) FROM \(quoteIdentifier(table))").compactMap { $0.first ?? nil }
        let set = Set(kinds).subtracting(["null"])
        if set.contains("blob") {
            throw WorkspaceError(file: conn.path, "table '\(table)', column '\(column)' holds binary data (BLOB), which gemba cannot read")
        }
        if set.isEmpty || set == ["text"] { return .string }
        if set == ["integer"] { return .int }
        if set.isSubset(of: ["integer", "real"]) { return .float }
        throw WorkspaceError(file: conn.path, "table '\(table)', column '\(column)' mixes numbers and text and has no declared type")
    }
}

/// One worker's columns.
struct PartColumns {
    var columns: [Column]
    var rows: Int
}
