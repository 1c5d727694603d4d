import GembaCore

/// How gemba types are stored in SQLite (docs/workspace.md): natural column types, dates and datetimes
/// as ISO-8601 TEXT, durations as INTEGER microseconds, bools as INTEGER 0/1.
enum WorkspaceFormat {
    /// The table holding each column's gemba type.
    static let columnsTable = "gemba_columns"
    /// The table holding each view's text.
    static let viewsTable = "gemba_views"

    static let createMetadata = """
        CREATE TABLE IF NOT EXISTS gemba_columns (
            table_name TEXT NOT NULL, position INTEGER NOT NULL, column_name TEXT NOT NULL, type TEXT NOT NULL,
            PRIMARY KEY (table_name, position));
        CREATE TABLE IF NOT EXISTS gemba_views (name TEXT PRIMARY KEY NOT NULL, text TEXT NOT NULL);
        """

    /// The declared SQLite type of a gemba column.
    static func declaredType(_ t: DataType) -> String {
        switch t {
        case .int, .bool, .duration: return "INTEGER"
        case .float: return "REAL"
        case .string, .date, .datetime, .null: return "TEXT"
        }
    }

    /// The gemba type for a declared SQLite type of a table gemba did not write, or nil when the
    /// declared type says nothing (then the values decide).
    static func gembaType(declared: String) -> DataType?? {
        let d = declared.uppercased()
        if d.isEmpty { return .some(nil) }
        if d.contains("BOOL") { return .bool }
        if d.contains("DATETIME") || d.contains("TIMESTAMP") { return .datetime }
        if d.contains("DATE") { return .date }
        if d.contains("INT") { return .int }
        if d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT") { return .string }
        if d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB") || d.contains("NUMERIC") || d.contains("DECIMAL") { return .float }
        return nil
    }

    /// True for names gemba keeps for itself or SQLite reserves.
    static func isInternal(_ table: String) -> Bool {
        table == columnsTable || table == viewsTable || table.hasPrefix("sqlite_")
    }
}
