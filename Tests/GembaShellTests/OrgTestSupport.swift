import Foundation
import GembaGenerate
import XCTest

/// A CSV file of the simulated organisation, parsed (RFC 4180) into rows of named fields.
struct OrgTable {
    let header: [String]
    let rows: [[String]]
    private let index: [String: Int]

    init(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 34 {
                    if i + 1 < bytes.count, bytes[i + 1] == 34 {
                        field.append(34)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(b)
                }
            } else if b == 34 {
                quoted = true
            } else if b == 44 {
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if b == 10 {
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                records.append(record)
                record = []
            } else {
                XCTAssertNotEqual(b, 13, "no carriage returns", file: file, line: line)
                field.append(b)
            }
            i += 1
        }
        XCTAssertTrue(record.isEmpty && field.isEmpty, "the last line ends with a line break", file: file, line: line)
        header = records.first ?? []
        rows = Array(records.dropFirst())
        var index: [String: Int] = [:]
        for (k, name) in header.enumerated() { index[name] = k }
        self.index = index
        for (n, row) in rows.enumerated() where row.count != header.count {
            XCTFail("row \(n + 2) has \(row.count) fields, not \(header.count)", file: file, line: line)
        }
    }

    /// Column `name` of every row.
    func column(_ name: String) -> [String] {
        guard let k = index[name] else {
            XCTFail("no column \(name) in \(header)")
            return []
        }
        return rows.map { $0[k] }
    }

    /// Each row as a dictionary from column name to field.
    var records: [[String: String]] {
        rows.map { row in
            var r: [String: String] = [:]
            for (k, name) in header.enumerated() { r[name] = row[k] }
            return r
        }
    }
}

/// Calendar helpers for `YYYY-MM-DD` text.
enum OrgDates {
    /// 0 for Monday … 6 for Sunday.
    static func weekday(_ date: Substring) -> Int {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return -1 }
        var (y, m) = (parts[0], parts[1])
        if m <= 2 { y -= 1 }
        let era = y / 400, yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + parts[2] - 1
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        return ((days % 7) + 7 + 3) % 7
    }
}

/// The organisation's files for one seed and size, parsed; generated once per size and seed per run.
final class OrgFixture: @unchecked Sendable {
    let bytes: [String: [UInt8]]
    let tables: [String: OrgTable]

    init(items: Int, seed: UInt64) {
        var bytes: [String: [UInt8]] = [:]
        var tables: [String: OrgTable] = [:]
        for f in GembaGenerate.organisationFiles(items: items, seed: seed) {
            bytes[f.name] = f.bytes
            tables[f.name] = OrgTable(f.bytes)
        }
        self.bytes = bytes
        self.tables = tables
    }

    subscript(_ name: String) -> OrgTable { tables[name] ?? OrgTable([]) }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: [String: OrgFixture] = [:]

    /// The fixture for `items` and `seed`, made on first use.
    static func shared(items: Int, seed: UInt64) -> OrgFixture {
        lock.lock()
        defer { lock.unlock() }
        let key = "\(items)/\(seed)"
        if let f = made[key] { return f }
        let f = OrgFixture(items: items, seed: seed)
        made[key] = f
        return f
    }
}
