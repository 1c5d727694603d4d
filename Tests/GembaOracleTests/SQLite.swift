import CSQLite
import GembaCore

/// One SQLite cell as read back.
enum SQLValue: Equatable {
    case null
    case int(Int64)
    case real(Double)
    case text([UInt8])
}

struct SQLiteError: Error, CustomStringConvertible {
    let description: String
}

/// A minimal wrapper over an in-memory SQLite database (the C API, through CSQLite).
final class SQLiteDatabase {
    private let db: OpaquePointer

    init() throws {
        var handle: OpaquePointer? = nil
        guard sqlite3_open(":memory:", &handle) == SQLITE_OK, let handle else {
            throw SQLiteError(description: "cannot open an in-memory database")
        }
        db = handle
        try OracleAggregates.register(on: db)
    }

    deinit { sqlite3_close(db) }

    private var message: String { String(cString: sqlite3_errmsg(db)) }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>? = nil
        if sqlite3_exec(db, sql, nil, nil, &err) != SQLITE_OK {
            let m = err.map { String(cString: $0) } ?? message
            sqlite3_free(err)
            throw SQLiteError(description: m)
        }
    }

    /// Inserts rows with one prepared statement: `sql` has a `?` per value.
    func insert(_ sql: String, rows: [[SQLValue]]) throws {
        var stmt: OpaquePointer? = nil
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw SQLiteError(description: message) }
        defer { sqlite3_finalize(stmt) }
        for row in rows {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
            for (k, v) in row.enumerated() {
                let i = Int32(k + 1)
                switch v {
                case .null: sqlite3_bind_null(stmt, i)
                case .int(let x): sqlite3_bind_int64(stmt, i, x)
                case .real(let x): sqlite3_bind_double(stmt, i, x)
                case .text(let bytes):
                    if bytes.isEmpty {
                        sqlite3_bind_text(stmt, i, "", 0, sqliteTransient)
                    } else {
                        bytes.withUnsafeBytes { raw in
                            _ = sqlite3_bind_text(stmt, i, raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), sqliteTransient)
                        }
                    }
                }
            }
            guard sqlite3_step(stmt) == SQLITE_DONE else { throw SQLiteError(description: message) }
        }
    }

    /// The rows of a query.
    func query(_ sql: String) throws -> [[SQLValue]] {
        var stmt: OpaquePointer? = nil
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw SQLiteError(description: message) }
        defer { sqlite3_finalize(stmt) }
        let n = sqlite3_column_count(stmt)
        var rows: [[SQLValue]] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw SQLiteError(description: message) }
            var row: [SQLValue] = []
            for c in 0..<n {
                switch sqlite3_column_type(stmt, c) {
                case SQLITE_INTEGER: row.append(.int(sqlite3_column_int64(stmt, c)))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(stmt, c)))
                case SQLITE_NULL: row.append(.null)
                default:
                    let count = Int(sqlite3_column_bytes(stmt, c))
                    if let p = sqlite3_column_text(stmt, c) {
                        row.append(.text(Array(UnsafeBufferPointer(start: p, count: count))))
                    } else {
                        row.append(.text([]))
                    }
                }
            }
            rows.append(row)
        }
        return rows
    }
}

let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// The aggregates SQLite lacks, computed directly in Swift from LANGUAGE.md's definitions:
/// `o_pct(x, p)` (nearest rank), `o_pctlin(x, p, round)` (linear, numpy's default) and
/// `o_median(x, round)`. `round` = 1 rounds the result to an integer (durations).
enum OracleAggregates {
    /// What one group has seen.
    final class Accumulator {
        var ints: [Int64] = []
        var reals: [Double] = []
        var anyReal = false
        var p: Double = 50
        var round = false
    }

    static func register(on db: OpaquePointer) throws {
        let specs: [(String, Int32, Int32)] = [("o_pct", 2, 0), ("o_pctlin", 3, 1), ("o_median", 2, 2)]
        for (name, nArg, kind) in specs {
            let rc = sqlite3_create_function_v2(
                db, name, nArg, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                UnsafeMutableRawPointer(bitPattern: Int(kind) + 1), nil, step, final, nil)
            guard rc == SQLITE_OK else { throw SQLiteError(description: "cannot register \(name)") }
        }
    }

    private static func accumulator(_ ctx: OpaquePointer?, create: Bool) -> Accumulator? {
        let size = Int32(create ? MemoryLayout<UnsafeMutableRawPointer?>.size : 0)
        guard let raw = sqlite3_aggregate_context(ctx, size) else { return nil }
        let slot = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        if let p = slot.pointee { return Unmanaged<Accumulator>.fromOpaque(p).takeUnretainedValue() }
        guard create else { return nil }
        let acc = Accumulator()
        slot.pointee = Unmanaged.passRetained(acc).toOpaque()
        return acc
    }

    private static let step: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, n, args in
        guard let args, let acc = accumulator(ctx, create: true) else { return }
        let kind = Int(bitPattern: sqlite3_user_data(ctx)) - 1
        if kind == 0 || kind == 1 { acc.p = sqlite3_value_double(args[1]) }
        if kind == 1 { acc.round = sqlite3_value_int64(args[2]) != 0 }
        if kind == 2 { acc.round = sqlite3_value_int64(args[1]) != 0 }
        switch sqlite3_value_type(args[0]) {
        case SQLITE_INTEGER:
            let v = sqlite3_value_int64(args[0])
            acc.ints.append(v); acc.reals.append(Double(v))
        case SQLITE_FLOAT:
            acc.anyReal = true
            acc.reals.append(sqlite3_value_double(args[0]))
        default: break
        }
    }

    private static let final: @convention(c) (OpaquePointer?) -> Void = { ctx in
        guard let raw = sqlite3_aggregate_context(ctx, 0) else { sqlite3_result_null(ctx); return }
        let slot = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        guard let p = slot.pointee else { sqlite3_result_null(ctx); return }
        let acc = Unmanaged<Accumulator>.fromOpaque(p).takeRetainedValue()
        slot.pointee = nil
        let kind = Int(bitPattern: sqlite3_user_data(ctx)) - 1
        let n = acc.reals.count
        guard n > 0 else { sqlite3_result_null(ctx); return }
        switch kind {
        case 0:
            // Nearest rank: 1-based position ceil(p/100 · n), at least 1. Computed as p·n/100 so a
            // whole-number p is exact.
            let rank = Swift.min(Swift.max(Int((acc.p * Double(n) / 100).rounded(.up)), 1), n)
            if acc.anyReal {
                sqlite3_result_double(ctx, acc.reals.sorted()[rank - 1])
            } else {
                sqlite3_result_int64(ctx, acc.ints.sorted()[rank - 1])
            }
        default:
            let sorted = acc.reals.sorted()
            let value: Double
            if kind == 2 {
                value = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            } else {
                // numpy's default: position p/100 · (n − 1), interpolated between its neighbours.
                let pos = acc.p / 100 * Double(n - 1)
                let lo = Int(pos.rounded(.down)), hi = Swift.min(lo + 1, n - 1)
                value = sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - Double(lo))
            }
            if acc.round { sqlite3_result_int64(ctx, Int64(value.rounded())) } else { sqlite3_result_double(ctx, value) }
        }
    }
}
