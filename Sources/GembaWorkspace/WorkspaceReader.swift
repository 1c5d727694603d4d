import CSQLite
import GembaCore

/// Reads SQLite tables into columnar tables: one prepared SELECT per table, values going straight into
/// typed builders, strings dictionary-encoded as they arrive.
enum WorkspaceReader {
    /// Reads table `name` with the given column types (nil: decided by the values).
    static func read(_ name: String, columns: [(name: String, type: DataType?)], from conn: SQLiteConnection) throws(WorkspaceError) -> Table {
        let list = columns.map { quoteIdentifier($0.name) }.joined(separator: ", ")
        let stmt = try conn.prepare("SELECT \(list) FROM \(quoteIdentifier(name))", "reading table '\(name)'")
        // Untyped columns: look at the values first.
        var types: [DataType] = []
        for (k, c) in columns.enumerated() {
            if let t = c.type { types.append(t) } else { types.append(try inferType(name, c.name, index: k, conn: conn)) }
        }
        var builders = types.map { ColumnBuilder(type: $0) }
        var row = 0
        while true {
            let rc = sqlite3_step(stmt.handle)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw conn.error("reading table '\(name)'") }
            row += 1
            if row & 0xFFFF == 0, Cancellation.isRequested { throw WorkspaceError(file: conn.path, "interrupted while reading '\(name)'") }
            for k in 0..<columns.count {
                guard append(stmt.handle, Int32(k), to: &builders[k]) else {
                    let got = stmt.text(Int32(k)) ?? "?"
                    throw WorkspaceError(file: conn.path,
                        "table '\(name)', column '\(columns[k].name)', row \(row): cannot read \"\(got)\" as \(types[k].rawValue)")
                }
            }
        }
        return Table(fields: zip(columns, types).map { Field($0.0.name, $0.1) }, columns: builders.map { $0.build() }, rowCount: row)
    }

    /// Appends column `i` of the current row; false when the value does not fit the builder's type.
    private static func append(_ s: OpaquePointer, _ i: Int32, to b: inout ColumnBuilder) -> Bool {
        let kind = sqlite3_column_type(s, i)
        if kind == SQLITE_NULL { b.appendNull(); return true }
        switch b.type {
        case .int, .duration:
            if kind == SQLITE_INTEGER { b.appendInt(sqlite3_column_int64(s, i)); return true }
            if kind == SQLITE_FLOAT {
                let d = sqlite3_column_double(s, i)
                guard d.rounded() == d, abs(d) < 9.2e18 else { return false }
                b.appendInt(Int64(d)); return true
            }
            return false
        case .bool:
            guard kind == SQLITE_INTEGER else { return false }
            b.appendBool(sqlite3_column_int64(s, i) != 0); return true
        case .float:
            if kind == SQLITE_INTEGER || kind == SQLITE_FLOAT { b.appendFloat(sqlite3_column_double(s, i)); return true }
            if kind == SQLITE_BLOB, sqlite3_column_bytes(s, i) == 8, let p = sqlite3_column_blob(s, i) {
                // A double's bits, big-endian (how gemba keeps -0.0).
                var bits: UInt64 = 0
                withUnsafeMutableBytes(of: &bits) { $0.copyMemory(from: UnsafeRawBufferPointer(start: p, count: 8)) }
                b.appendFloat(Double(bitPattern: UInt64(bigEndian: bits)))
                return true
            }
            guard kind == SQLITE_TEXT else { return false }
            let t = text(s, i)
            if t == "NaN" { b.appendFloat(.nan); return true }
            guard let d = Double(t) else { return false }
            b.appendFloat(d)
            return true
        case .date:
            guard kind == SQLITE_TEXT, let d = Temporal.parseDate(text(s, i)) else { return false }
            b.appendInt(d); return true
        case .datetime:
            guard kind == SQLITE_TEXT else { return false }
            let t = text(s, i)
            if let v = Temporal.parseDatetime(t) { b.appendInt(v); return true }
            if let d = Temporal.parseDate(t) { b.appendInt(d * Temporal.microsPerDay); return true }
            return false
        case .string:
            guard kind == SQLITE_TEXT || kind == SQLITE_INTEGER || kind == SQLITE_FLOAT else { return false }
            b.appendString(text(s, i)); return true
        case .null:
            return false
        }
    }

    private static func text(_ s: OpaquePointer, _ i: Int32) -> String {
        guard let p = sqlite3_column_text(s, i) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i))), as: UTF8.self)
    }

    /// The type of an undeclared column from its values: int if all are integers, float if all are
    /// numbers, string if all are text; a blob is an error.
    private static func inferType(_ table: String, _ column: String, index: Int, conn: SQLiteConnection) throws(WorkspaceError) -> DataType {
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
