import CSQLite
import GembaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A workspace: an ordinary SQLite file holding a session's tables and views (docs/workspace.md).
/// Every change is one SQLite transaction, so a crash leaves the file as it was before or after it.
public final class Workspace {
    /// The file.
    public let path: String
    private let conn: SQLiteConnection

    /// Opens the workspace at `path`, creating it when missing. A file that is not a SQLite database
    /// is an error naming the file.
    public convenience init(path: String) throws(WorkspaceError) {
        try self.init(path: path, readOnly: false)
    }

    /// Opens the workspace at `path`; `readOnly` opens it without write access (tests use it to
    /// check what a read-only file does, even when run as root, who may write any file).
    init(path: String, readOnly: Bool) throws(WorkspaceError) {
        self.path = path
        conn = try SQLiteConnection(path: path, create: !readOnly, readOnly: readOnly)
        // SQLite opens lazily: touch the schema now so a bad file fails here, not later.
        _ = try conn.rows("SELECT count(*) FROM sqlite_master", "opening the workspace")
    }

    /// Reads every table and view into a catalog. Tables gemba wrote keep their gemba types; other
    /// tables take their types from the declared column types.
    public func load() throws(WorkspaceError) -> Catalog {
        var catalog = Catalog()
        let names = try conn.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0.first ?? nil }
        let hasColumnsTable = names.contains(WorkspaceFormat.columnsTable)
        for name in names where !WorkspaceFormat.isInternal(name) {
            let declared = try conn.rows("SELECT name, type FROM pragma_table_info(\(quoteLiteral(name))) ORDER BY cid")
            var gembaTypes: [String: DataType] = [:]
            if hasColumnsTable {
                for row in try conn.rows("SELECT column_name, type FROM gemba_columns WHERE table_name = \(quoteLiteral(name))") {
                    guard let c = row[0] else { continue }
                    // A type gemba does not know means the file was damaged or written by something
                    // else: reading the column by its declared type instead would change its values.
                    guard let t = row[1].flatMap(DataType.init(rawValue:)), t != .null else {
                        let known = DataType.allCases.filter { $0 != .null }.map(\.rawValue).sorted().joined(separator: ", ")
                        throw WorkspaceError(file: path, "table '\(name)', column '\(c)': gemba_columns gives the unknown type '\(row[1] ?? "null")' (types: \(known))")
                    }
                    gembaTypes[c] = t
                }
            }
            var columns: [(name: String, type: DataType?)] = []
            for row in declared {
                guard let column = row[0] else { continue }
                if let t = gembaTypes[column] { columns.append((column, t)); continue }
                guard let mapped = WorkspaceFormat.gembaType(declared: row[1] ?? "") else {
                    throw WorkspaceError(file: path, "table '\(name)', column '\(column)': gemba cannot read the declared type '\(row[1] ?? "")'")
                }
                columns.append((column, mapped))
            }
            catalog.setTable(name, try WorkspaceReader.read(name, columns: columns, from: conn))
        }
        if names.contains(WorkspaceFormat.viewsTable) {
            for row in try conn.rows("SELECT name, text FROM gemba_views ORDER BY name") {
                if let n = row[0], let t = row[1] { catalog.setView(ViewDefinition(name: n, text: t)) }
            }
        }
        return catalog
    }

    /// Writes (or replaces) one table, in one transaction.
    public func saveTable(_ table: Table, named name: String) throws(WorkspaceError) {
        try transaction { () throws(WorkspaceError) in
            try conn.exec("DELETE FROM gemba_views WHERE name = \(quoteLiteral(name))")
            try WorkspaceWriter.write(table, named: name, to: conn)
        }
    }

    /// Writes (or replaces) one view, in one transaction (a table of the same name goes).
    public func saveView(_ view: ViewDefinition) throws(WorkspaceError) {
        try transaction { () throws(WorkspaceError) in
            try dropTable(view.name)
            try conn.exec("INSERT OR REPLACE INTO gemba_views (name, text) VALUES (\(quoteLiteral(view.name)), \(quoteLiteral(view.text)))")
        }
    }

    /// Removes a table or view, in one transaction.
    public func dropName(_ name: String) throws(WorkspaceError) {
        try transaction { () throws(WorkspaceError) in
            try dropTable(name)
            try conn.exec("DELETE FROM gemba_views WHERE name = \(quoteLiteral(name))")
        }
    }

    /// Writes a whole catalog (`.save`): every table and view, replacing what the file held, in one
    /// transaction.
    public func save(_ catalog: Catalog) throws(WorkspaceError) {
        try transaction { () throws(WorkspaceError) in
            let existing = try conn.rows("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.first ?? nil }
            for name in existing where !WorkspaceFormat.isInternal(name) { try dropTable(name) }
            try conn.exec("DELETE FROM gemba_views")
            for (name, table) in catalog.tables.sorted(by: { $0.key < $1.key }) {
                try WorkspaceWriter.write(table, named: name, to: conn)
            }
            for view in catalog.views.values.sorted(by: { $0.name < $1.name }) {
                try conn.exec("INSERT INTO gemba_views (name, text) VALUES (\(quoteLiteral(view.name)), \(quoteLiteral(view.text)))")
            }
        }
    }

    /// Writes `catalog` to the workspace at `path` (`.save DATABASE`): into an existing file in one
    /// transaction, or into a new file that is removed again when the write fails or is interrupted, so
    /// a failed save never leaves a file behind.
    public static func saveCopy(_ catalog: Catalog, to path: String) throws(WorkspaceError) {
        let existed = access(path, F_OK) == 0
        do {
            try Workspace(path: path).save(catalog)
        } catch {
            if !existed {
                for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
            }
            throw error
        }
    }

    /// Caps the file at `pages` pages, so tests can see what a full disk does.
    func limitPages(_ pages: Int) throws(WorkspaceError) {
        _ = try conn.rows("PRAGMA max_page_count = \(pages)")
    }

    private func dropTable(_ name: String) throws(WorkspaceError) {
        try conn.exec("DROP TABLE IF EXISTS \(quoteIdentifier(name))")
        try conn.exec("DELETE FROM gemba_columns WHERE table_name = \(quoteLiteral(name))")
    }

    /// Runs `body` in one IMMEDIATE transaction (taking the write lock up front, waiting on the busy
    /// timeout), rolling back on any error.
    private func transaction(_ body: () throws(WorkspaceError) -> Void) throws(WorkspaceError) {
        try conn.exec("BEGIN IMMEDIATE", "starting a write")
        do throws(WorkspaceError) {
            try conn.exec(WorkspaceFormat.createMetadata)
            try body()
            // Ctrl-C after the last row was written: the statement is reported interrupted, so the
            // file must not change.
            if Cancellation.isRequested { throw WorkspaceError(file: path, "interrupted; nothing was changed") }
            try conn.exec("COMMIT", "committing")
        } catch {
            try? conn.exec("ROLLBACK")
            throw error
        }
    }
}
