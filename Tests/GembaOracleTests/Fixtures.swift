import GembaCore

/// One column of a fixture table, with what the query generator needs to know about its values.
struct FixtureColumn {
    var name: String
    var type: DataType
    /// 0: ASCII only; 1: Unicode where every character is one scalar; 2: anything (combining marks).
    var textClass: Int
    /// The largest magnitude (ints, floats, durations), for keeping arithmetic inside Int64.
    var bound: Double
    /// The column's distinct non-null values (literal pools for the generator).
    var values: [Value]
}

/// A table that exists in both engines with the same values.
struct Fixture {
    var name: String
    var columns: [FixtureColumn]
    var rows: [[Value]]

    var sqlName: String { "fx_" + name }

    /// The gemba table.
    var table: Table {
        var builders = columns.map { ColumnBuilder(type: $0.type, capacity: rows.count) }
        for row in rows { for (k, v) in row.enumerated() { builders[k].append(v) } }
        return Table(fields: columns.map { Field($0.name, $0.type) }, columns: builders.map { $0.build() }, rowCount: rows.count)
    }

    /// The schema key the translator recognises the table by.
    static func key(_ fields: [Field]) -> String { fields.map { "\($0.name):\($0.type.rawValue)" }.joined(separator: ",") }
}

enum Fixtures {
    static func day(_ s: String) -> Value { Temporal.parseDate(s).map { .date($0) } ?? .null }
    static func time(_ s: String) -> Value { Temporal.parseDatetime(s).map { .datetime($0) } ?? .null }
    static func dur(_ s: String) -> Value {
        if s.hasPrefix("-") { return Temporal.parseDuration(String(s.dropFirst())).map { .duration(-$0) } ?? .null }
        return Temporal.parseDuration(s).map { .duration($0) } ?? .null
    }

    /// Value `i` of a pool, walking it with a stride so that every value appears and rows differ.
    static func cycle(_ pool: [Value], _ i: Int, stride: Int, offset: Int = 0) -> Value {
        pool[(i * stride + offset) % pool.count]
    }

    static let teams: [Value] = [.string("core"), .string("web"), .string("data"), .string(""), .null, .string("Core"),
                                 .string("ops"), .string("web"), .string("core ")]
    static let names: [Value] = [.string("Zoë"), .string("é"), .string("e\u{301}"), .string("日本語"), .string(""),
                                 .string("abc"), .string("ABC"), .string("Émile"), .string("straße"), .string("naïve"),
                                 .string("a b"), .string(" pad "), .string("x\ty"), .string("Ω"), .null, .string("zz"),
                                 .string("😀"), .string("ﬁx"), .string("e"), .string("\u{301}"), .string("Zoe\u{308}")]
    static let cities: [Value] = [.string("Zürich"), .string("São Paulo"), .string("東京"), .string(""), .null,
                                  .string("Oslo"), .string("Ålesund"), .string("Łódź"), .string("oslo"), .string("Zürich"),
                                  .string("a"), .string("Ab")]
    static let ints: [Value] = [.int(0), .int(1), .int(-1), .int(7), .int(-7), .null, .int(42), .int(3), .int(3),
                                .int(-50), .int(1000), .int(-999), .int(2), .int(10), .null, .int(0), .int(5), .int(-3)]
    static let floats: [Value] = [.float(0), .float(-0.0), .float(0.5), .float(-2.5), .float(2.5), .float(1.005),
                                  .float(2.675), .float(0.001), .float(1234.5678), .float(-0.1), .float(0.1), .float(0.2),
                                  .float(3), .null, .float(99.99), .float(-7.25), .float(1_000_000.5), .float(1.5),
                                  .float(-1.5), .null, .float(0.5)]
    static let bools: [Value] = [.bool(true), .bool(false), .null, .bool(true), .bool(false), .bool(true)]
    static let dates: [Value] = ["1900-01-01", "2099-12-31", "2000-02-29", "2024-02-29", "1970-01-01", "1969-12-31",
                                 "2023-12-31", "2024-01-01", "2021-01-04", "2026-03-31", "", "1900-03-01", "2000-01-01",
                                 "2024-03-01", "2026-03-29", "2024-02-29", "1999-12-31", ""].map { $0.isEmpty ? .null : day($0) }
    static let times: [Value] = ["1900-01-01T00:00:00Z", "2099-12-31T23:59:59.999999Z", "2024-02-29T12:00:00Z",
                                 "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2026-03-31T14:05:00+02:00", "",
                                 "2000-02-29T23:30:00.5Z", "2021-06-15T06:07:08Z", "2024-02-29T00:00:00Z",
                                 "1969-07-20T20:17:40Z", "2024-12-30T23:59:59Z", ""].map { $0.isEmpty ? .null : time($0) }
    static let durs: [Value] = ["0s", "90s", "-2h", "1.5d", "3d", "-1d", "1us", "250ms", "2w", "", "15m", "86399s",
                                "1d", "-90s", "7d", "12h"].map { $0.isEmpty ? .null : dur($0) }

    static func make(_ name: String, _ schema: [(String, DataType)], rows: [[Value]]) -> Fixture {
        let columns = schema.enumerated().map { k, c -> FixtureColumn in
            let values = rows.map { $0[k] }
            var bound = 0.0
            var textClass = 0
            var distinct: [Value] = []
            for v in values where !v.isNull {
                switch v {
                case .int(let x), .duration(let x): bound = max(bound, Double(x.magnitude))
                case .float(let x): bound = max(bound, abs(x))
                case .string(let s):
                    if !s.utf8.allSatisfy({ $0 < 128 }) { textClass = max(textClass, 1) }
                    if s.unicodeScalars.count != s.count || s.contains("\r\n") { textClass = 2 }
                default: break
                }
                if distinct.count < 40, !distinct.contains(where: { same($0, v) }) { distinct.append(v) }
            }
            return FixtureColumn(name: c.0, type: c.1, textClass: textClass, bound: bound, values: distinct)
        }
        return Fixture(name: name, columns: columns, rows: rows)
    }

    /// Byte-exact equality of values (Swift's String == would equate canonically equivalent strings).
    static func same(_ a: Value, _ b: Value) -> Bool {
        if case .string(let x) = a, case .string(let y) = b { return x.utf8.elementsEqual(y.utf8) }
        return a == b
    }

    static let all: [Fixture] = {
        let items = make("items", [("id", .int), ("team", .string), ("name", .string), ("city", .string), ("n", .int),
                                   ("x", .float), ("flag", .bool), ("d", .date), ("ts", .datetime), ("dur", .duration)],
                         rows: (0..<44).map { i in
                             [.int(Int64(i + 1)), cycle(teams, i, stride: 1), cycle(names, i, stride: 1),
                              cycle(cities, i, stride: 5, offset: 1), cycle(ints, i, stride: 7, offset: 2),
                              cycle(floats, i, stride: 1, offset: 3), cycle(bools, i, stride: 1),
                              cycle(dates, i, stride: 5), cycle(times, i, stride: 1), cycle(durs, i, stride: 3, offset: 1)]
                         })
        let people = make("people", [("pid", .int), ("team", .string), ("pname", .string), ("rate", .float),
                                     ("since", .date), ("active", .bool), ("pn", .int)],
                          rows: (0..<17).map { i in
                              [i == 5 ? .null : .int(Int64(i % 12)), cycle(teams, i, stride: 2, offset: 1), cycle(cities, i, stride: 1),
                               cycle(floats, i, stride: 3), cycle(dates, i, stride: 1, offset: 2), cycle(bools, i, stride: 1, offset: 1),
                               cycle(ints, i, stride: 1)]
                          })
        let events = make("events", [("eid", .int), ("who", .string), ("at", .datetime), ("day", .date), ("v", .float),
                                     ("amt", .int), ("gap", .duration), ("ok", .bool), ("tag", .string)],
                          rows: (0..<31).map { i in
                              [.int(Int64(100 + i)), cycle(teams, i, stride: 4), cycle(times, i, stride: 3, offset: 1),
                               cycle(dates, i, stride: 3), cycle(floats, i, stride: 5), cycle(ints, i, stride: 5, offset: 1),
                               cycle(durs, i, stride: 1), cycle(bools, i, stride: 5, offset: 2), cycle(names, i, stride: 2)]
                          })
        let empty = make("empty", [("zi", .int), ("zs", .string), ("zd", .date), ("zf", .float), ("zb", .bool)], rows: [])
        let tiny = make("tiny", [("ti", .int), ("tname", .string), ("tday", .date)],
                        rows: [[.int(1), .string("a"), day("2024-02-29")], [.null, .null, .null], [.int(1), .string("a"), day("2024-02-29")]])
        // Big enough that the parallel paths split it between two workers (64Ki rows each).
        let big = make("big", [("bk", .int), ("bs", .string), ("bx", .float), ("bd", .date), ("bb", .bool), ("bn", .int)],
                       rows: (0..<140_000).map { i in
                           [i % 97 == 0 ? .null : .int(Int64(i * 7 % 23 - 5)), cycle(names, i, stride: 3),
                            cycle(floats, i, stride: 5, offset: 1), cycle(dates, i, stride: 7), cycle(bools, i, stride: 1, offset: 2),
                            cycle(ints, i, stride: 11)]
                       })
        return [items, people, events, empty, tiny, big]
    }()
}
