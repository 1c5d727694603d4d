import XCTest
@testable import GembaCore

final class FormatsRoundTripTests: XCTestCase {
    private func roundTrip(_ format: FileFormat, seed: UInt64, tables: Int, nonFinite: Bool) throws {
        var gen = RandomTables(rng: SeededRandom(seed: seed), nonFiniteFloats: nonFinite)
        for k in 0..<tables {
            let t = gen.table()
            let text = TableWriter.render(t, format: format)
            if t.rowCount == 0 && (format == .jsonl || format == .json) {
                // JSON without rows has no keys, so no columns come back.
                let empty = try readText(text, format: format)
                XCTAssertEqual(empty.fields.count + empty.rowCount, 0)
                continue
            }
            let back: Table
            do {
                back = try readText(text, format: format, name: "roundtrip", types: typesOf(t))
            } catch {
                return XCTFail("table \(k): \(error)\n\(text)")
            }
            assertSameTable(t, back, "table \(k) via \(format):\n\(text)")
        }
    }

    func testCSVRoundTripOfRandomTables() throws {
        try roundTrip(.csv, seed: 1, tables: 400, nonFinite: true)
    }

    func testTSVRoundTripOfRandomTables() throws {
        try roundTrip(.tsv, seed: 2, tables: 200, nonFinite: true)
    }

    func testJSONLinesRoundTripOfRandomTables() throws {
        try roundTrip(.jsonl, seed: 3, tables: 300, nonFinite: false)
    }

    func testJSONArrayRoundTripOfRandomTables() throws {
        try roundTrip(.json, seed: 4, tables: 100, nonFinite: false)
    }

    /// Without overrides, columns whose text cannot be mistaken for another type keep their type.
    func testCSVRoundTripInfersUnambiguousTypes() throws {
        var b = ColumnBuilder(type: .string)
        for s in ["x", "", "a,b", "名前"] { b.append(.string(s)) }
        let t = Table([
            ("i", Column.constant(.int(-5), count: 4)),
            ("f", Column.constant(.float(2.5e-9), count: 4)),
            ("b", Column.constant(.bool(false), count: 4)),
            ("d", Column.constant(.date(-719_162), count: 4)),
            ("t", Column.constant(.datetime(1_700_000_000_123_456), count: 4)),
            ("s", b.build()),
        ])
        let back = try readText(TableWriter.render(t, format: .csv))
        assertSameTable(t, back)
    }

    func testWrittenDurationsParseBack() {
        var rng = SeededRandom(seed: 9)
        var samples: [Int64] = [0, 1, -1, 999_999, 1_000_000, 86_400_000_000, Int64.max, Int64.min]
        for _ in 0..<2000 { samples.append(Int64.random(in: Int64.min...Int64.max, using: &rng)) }
        for v in samples {
            var text = Temporal.formatDuration(v)
            let parsed = text.withUTF8 { ByteParse.duration($0, 0, $0.count) }
            XCTAssertEqual(parsed, v, text)
        }
    }

    func testFloatParsingMatchesTheStandardLibrary() {
        var rng = SeededRandom(seed: 11)
        var texts = ["0", "1", "-1", "0.1", "1e22", "1e23", "9007199254740993", "123456789012345678901234567890",
                     "2.2250738585072011e-308", "4.9e-324", "1e-400", "1.7976931348623157e308", "0.000001", "00012.5000"]
        for _ in 0..<3000 {
            let d = Double(bitPattern: rng.next())
            if d.isFinite { texts.append(Value.formatFloat(d)) }
            texts.append(String(Int.random(in: -999_999...999_999, using: &rng)) + "." + String(Int.random(in: 0...999_999, using: &rng)))
            texts.append(String(Int.random(in: 1...9, using: &rng)) + "e" + String(Int.random(in: -330...310, using: &rng)))
        }
        for var text in texts {
            let mine = text.withUTF8 { ByteParse.float($0, 0, $0.count) }
            let std = Double(text)
            XCTAssertEqual(mine?.bitPattern, std?.bitPattern, text)
        }
    }

    func testDatetimeParsingAgreesWithTemporal() {
        let texts = ["2026-03-31T14:05:00Z", "2026-03-31T14:05", "2026-03-31 14:05:59", "2026-03-31T14:05:00.123456789Z",
                     "2026-03-31T14:05:00+02:00", "2026-03-31T14:05:00-0130", "2026-03-31T14:05:00.5z", "2026-03-31T24:00:00Z",
                     "2026-03-31T14:05:00+2", "2026-03-31T14:05:", "2026-03-31T14:05:00.Z", "2026-03-31", "2026-03-31T",
                     "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-03-31T14:05:00+02:00x", "1900-01-01T00:00:00-23:59"]
        for var text in texts {
            let mine = text.withUTF8 { ByteParse.datetime($0, 0, $0.count) }
            XCTAssertEqual(mine, Temporal.parseDatetime(text), text)
        }
    }
}
