import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error from the workspace: what went wrong and with which file.
public struct WorkspaceError: Error, Sendable, CustomStringConvertible {
    /// The workspace file.
    public var file: String
    /// What went wrong.
    public var message: String
    /// An error about `file`.
    public init(file: String, _ message: String) { self.file = file; self.message = message }
    /// `FILE: MESSAGE`.
    public var description: String { "\(file): \(message)" }
}

/// SQLite's "let SQLite copy the bytes" destructor marker.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A thin owner of one SQLite connection: prepare, run, and errors that name the file.
final class SQLiteConnection {
    let path: String
    private(set) var db: OpaquePointer?

    /// Opens (`create`: or creates) the database at `path`.
    init(path: String, create: Bool, readOnly: Bool = false) throws(WorkspaceError) {
        self.path = path
        var handle: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        let rc = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        db = handle
        guard rc == SQLITE_OK else {
            var message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            // SQLite says only "unable to open database file": say which problem it is.
            if rc & 0xFF == SQLITE_CANTOPEN { message = Self.cannotOpenReason(path, create: create) ?? message }
            sqlite3_close(handle)
            db = nil
            throw WorkspaceError(file: path, message)
        }
        sqlite3_busy_timeout(handle, 5000)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit { sqlite3_close(db) }

    /// Why `path` cannot be opened (or created), from the file system: a folder, a missing folder, a
    /// folder gemba may not write in, a file it may not read or write. Nil when none of these is it.
    private static func cannotOpenReason(_ path: String, create: Bool) -> String? {
        var info = stat()
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { return "cannot open the workspace: it is a folder, not a file" }
            if access(path, R_OK | W_OK) != 0 { return "cannot open the workspace: \(String(cString: strerror(errno)))" }
            return nil
        }
        guard create else { return "cannot open the workspace: no such file" }
        let folder = path.lastIndex(of: "/").map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
        if stat(folder, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
            return "cannot create the workspace: there is no folder '\(folder)'"
        }
        if access(folder, W_OK) != 0 {
            return "cannot create the workspace in '\(folder)': \(String(cString: strerror(errno)))"
        }
        return nil
    }

    /// The last error message of this connection.
    var lastError: String { db.map { String(cString: sqlite3_errmsg($0)) } ?? "no connection" }

    /// An error about this file, from SQLite's last message (with a kinder text for common codes).
    func error(_ context: String) -> WorkspaceError {
        let code = db.map { sqlite3_errcode($0) } ?? SQLITE_ERROR
        let text: String
        switch code & 0xFF {
        case SQLITE_NOTADB: text = "not a SQLite database"
        case SQLITE_CORRUPT: text = "the database is corrupt (\(lastError))"
        case SQLITE_READONLY: text = "the workspace is read-only (\(lastError))"
        case SQLITE_FULL: text = "the disk is full (\(lastError))"
        case SQLITE_BUSY, SQLITE_LOCKED: text = "the workspace is busy: another process is writing it (\(lastError))"
        default: text = lastError
        }
        return WorkspaceError(file: path, context.isEmpty ? text : "\(context): \(text)")
    }

    /// Runs SQL with no result rows.
    func exec(_ sql: String, _ context: String = "") throws(WorkspaceError) {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw error(context) }
    }

    /// A prepared statement.
    func prepare(_ sql: String, _ context: String = "") throws(WorkspaceError) -> Statement {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw error(context) }
        return Statement(stmt)
    }

    /// The rows of a query as text cells (for small catalog queries).
    func rows(_ sql: String, _ context: String = "") throws(WorkspaceError) -> [[String?]] {
        let stmt = try prepare(sql, context)
        var out: [[String?]] = []
        while true {
            let rc = sqlite3_step(stmt.handle)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(context) }
            out.append((0..<sqlite3_column_count(stmt.handle)).map { stmt.text($0) })
        }
        return out
    }
}

/// A prepared statement, finalized when released.
final class Statement {
    let handle: OpaquePointer
    init(_ handle: OpaquePointer) { self.handle = handle }
    deinit { sqlite3_finalize(handle) }

    /// Column `i` of the current row as text, or nil for NULL.
    func text(_ i: Int32) -> String? {
        guard sqlite3_column_type(handle, i) != SQLITE_NULL, let p = sqlite3_column_text(handle, i) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, i))), as: UTF8.self)
    }
}

/// Quotes a name as a SQLite identifier: `"a""b"`.
func quoteIdentifier(_ name: String) -> String {
    "\"" + name.replacingAll("\"", with: "\"\"") + "\""
}

/// Quotes a string as a SQLite literal: `'it''s'`.
func quoteLiteral(_ s: String) -> String {
    "'" + s.replacingAll("'", with: "''") + "'"
}

extension String {
    func replacingAll(_ a: Character, with b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }
}
