import XCTest
@testable import GembaCore

/// Reads CSV text (or any format) given as a string.
func readText(_ text: String, format: FileFormat = .csv, name: String = "t.csv",
              types: [String: DataType] = [:]) throws -> Table {
    try TableReader.read(bytes: Array(text.utf8), name: name, format: format, typeOverrides: types)
}

/// The error a read throws, or a test failure when it succeeds.
func readError(_ text: String, format: FileFormat = .csv, name: String = "bad.csv",
               types: [String: DataType] = [:], file: StaticString = #filePath, line: UInt = #line) -> FormatError? {
    readError(bytes: Array(text.utf8), format: format, name: name, types: types, file: file, line: line)
}

/// The error a read of raw bytes throws, or a test failure when it succeeds.
func readError(bytes: [UInt8], format: FileFormat = .csv, name: String = "bad.csv",
               types: [String: DataType] = [:], file: StaticString = #filePath, line: UInt = #line) -> FormatError? {
    do {
        let t = try TableReader.read(bytes: bytes, name: name, format: format, typeOverrides: types)
        XCTFail("expected an error, read \(t.rowCount) rows", file: file, line: line)
        return nil
    } catch {
        return error
    }
}

/// Every row of a table as values.
func rows(_ t: Table) -> [[Value]] { (0..<t.rowCount).map { t.row($0) } }

/// Values equal as stored: floats by bit pattern (so -0.0 differs from 0.0), any NaN equal to NaN.
func sameValue(_ a: Value, _ b: Value) -> Bool {
    if case .float(let x) = a, case .float(let y) = b {
        return (x.isNaN && y.isNaN) || x.bitPattern == y.bitPattern
    }
    return a == b
}

/// Asserts two tables have the same fields and the same values cell for cell.
func assertSameTable(_ a: Table, _ b: Table, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.fields, b.fields, message, file: file, line: line)
    XCTAssertEqual(a.rowCount, b.rowCount, message, file: file, line: line)
    guard a.fields == b.fields, a.rowCount == b.rowCount else { return }
    for r in 0..<a.rowCount {
        for c in a.columns.indices {
            let x = a.columns[c].value(at: r), y = b.columns[c].value(at: r)
            if !sameValue(x, y) {
                XCTFail("row \(r) column \(a.fields[c].name): \(x) != \(y) \(message)", file: file, line: line)
                return
            }
        }
    }
}

/// A small deterministic random generator (SplitMix64).
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random tables with every storable type, nulls, empty strings, unicode, signed zeros, extreme
/// floats, and dates and datetimes far in the past and future.
struct RandomTables {
    var rng: SeededRandom
    /// False to leave out NaN and infinities (which JSON cannot hold).
    var nonFiniteFloats = true

    static let types: [DataType] = [.int, .float, .bool, .string, .date, .datetime, .duration]
    static let strings = [
        "", " ", "a", "x,y", "say \"hi\"", "\"", "\"\"", ",", "line\nbreak", "cr\rlf\r\n", "\ttab", "trail ",
        " lead", "名前", "日本語のテキスト", "😀", "👩‍👩‍👧", "e\u{301}", "null", "NULL", "12", "-3.5", "true",
        "2026-01-01", "2026-03-31T14:05:00Z", "nan", "inf", "1e5", "back\\slash", "{\"json\": [1]}", "|pipe|", "\u{1}",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    mutating func value(_ type: DataType) -> Value {
        switch type {
        case .int:
            switch int(0...5) {
            case 0: return .int([Int64.min, Int64.max, 0, -1, 1][int(0...4)])
            default: return .int(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &rng))
            }
        case .float:
            switch int(0...9) {
            case 0:
                var specials: [Double] = [-0.0, 0.0, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                          1e300, 1e-300, 2.2250738585072014e-308, 0.1, 1.0 / 3.0, 1e16, 123456789012345678.0, 1.0]
                if nonFiniteFloats { specials += [.nan, .infinity, -.infinity] }
                return .float(specials[int(0...(specials.count - 1))])
            case 1...4:
                var d: Double
                repeat { d = Double(bitPattern: rng.next()) } while !d.isFinite
                return .float(d)
            default:
                return .float(Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 100)
            }
        case .bool: return .bool(int(0...1) == 1)
        case .string:
            if int(0...3) == 0 {
                let letters = Array("abcxyz ,\"\n日😀é-0123")
                return .string(String((0..<int(1...12)).map { _ in letters[int(0...(letters.count - 1))] }))
            }
            return .string(Self.strings[int(0...(Self.strings.count - 1))])
        case .date:
            let lo = Temporal.days(year: -9999, month: 1, day: 1), hi = Temporal.days(year: 99999, month: 12, day: 31)
            return .date(int(0...4) == 0 ? [lo, hi, 0, -1][int(0...3)] : Int64.random(in: lo...hi, using: &rng))
        case .datetime:
            let lo = Temporal.days(year: -9999, month: 1, day: 1) * Temporal.microsPerDay
            let hi = Temporal.days(year: 99999, month: 12, day: 31) * Temporal.microsPerDay
            var v = Int64.random(in: lo...hi, using: &rng)
            if int(0...1) == 0 { v -= v % Temporal.microsPerSecond }
            return .datetime(v)
        case .duration:
            switch int(0...5) {
            case 0: return .duration([Int64.min, Int64.max, 0, 1, -1, 500_000, 86_400_000_000][int(0...6)])
            case 1: return .duration(Int64.random(in: Int64.min...Int64.max, using: &rng))
            default: return .duration(Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &rng))
            }
        case .null: return .null
        }
    }

    /// A table of up to `maxColumns` columns and `maxRows` rows.
    mutating func table(maxColumns: Int = 8, maxRows: Int = 30) -> Table {
        let columnCount = int(1...maxColumns)
        let rowCount = int(0...maxRows)
        var named: [(String, Column)] = []
        let names = ["id", "name", "a b", "x,y", "名前", "say \"q\"", "😀", "value", "t", "col"]
        for c in 0..<columnCount {
            let type = Self.types[int(0...(Self.types.count - 1))]
            let nullRate = [0, 10, 50, 100][int(0...3)]
            var b = ColumnBuilder(type: type, capacity: rowCount)
            for _ in 0..<rowCount {
                if int(0...99) < nullRate { b.appendNull() } else { b.append(value(type)) }
            }
            named.append((names[c % names.count] + (c >= names.count ? "_\(c)" : ""), b.build()))
        }
        return Table(named)
    }
}

/// Every column's type, as overrides for reading a table back.
func typesOf(_ t: Table) -> [String: DataType] {
    Dictionary(t.fields.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
}
