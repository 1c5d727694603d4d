import GembaCore

/// SplitMix64: a small, seedable, deterministic generator.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<n.
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func range(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
}

/// A column of the relation being built, as far as the generator knows it.
struct GenColumn {
    var name: String
    var type: DataType
    /// 0: ASCII, 1: one scalar per character, 2: anything (see `FixtureColumn.textClass`).
    var textClass: Int
    /// Largest magnitude of ints, floats and durations (microseconds).
    var bound: Double
    /// Known values, for literals that hit.
    var values: [Value]
    /// Computed in floating point in an order or way that differs between the engines (a float sum,
    /// avg, stdev): equal only to about 12 digits, so never compared, rounded, grouped or sorted on.
    var inexact = false
}

/// A generated expression: its text and what is known of its values.
struct GenExpr {
    var text: String
    var type: DataType
    var textClass: Int = 0
    var bound: Double = 0
    /// A bare column (so `summarize by` keeps its name).
    var column: String? = nil
}

/// A generated query (or subquery) and its output.
struct Relation {
    var text: String
    var columns: [GenColumn]
    /// The output order is defined (a sort or top, then only order-keeping operators).
    var sorted = false
    /// The output order is the one the docs define (table order, first appearance), so `take` may cut it.
    var orderKnown = true
    /// Over the big table (parallel paths): only operators that stay cheap.
    var heavy = false
}

/// Generates random, valid gemba queries over the fixtures, as text.
struct QueryGenerator {
    var rng: SplitMix
    let fixtures: [Fixture]
    private var nameCounter = 0
    /// Inside a join's or union's subquery (no joins or unions there).
    private var nesting = 0
    /// Scalar constants defined by `let` before this query's statement.
    private var scalars: [GenExpr] = []

    init(seed: UInt64, fixtures: [Fixture]) {
        rng = SplitMix(seed: seed)
        self.fixtures = fixtures
    }

    // MARK: queries

    mutating func query() -> Relation {
        nameCounter = 0
        scalars = []
        // Sometimes a `let NAME = EXPR;` first, which the query may use as a constant.
        var prefix = ""
        for k in 0..<(rng.chance(0.1) ? rng.range(1...2) : 0) {
            var e = anyExpr([], depth: rng.range(0...2))
            prefix += "let sc\(k + 1) = \(e.text); "
            e.text = "sc\(k + 1)"
            scalars.append(e)
        }
        if rng.chance(0.02) {
            // A bare expression: one row, one column `value`.
            let e = anyExpr([], depth: rng.range(1...3))
            return Relation(text: prefix + e.text, columns: [GenColumn(name: "value", type: e.type, textClass: e.textClass, bound: e.bound, values: [])])
        }
        var rel = source()
        let ops = rel.heavy ? rng.range(1...2) : rng.range(1...4)
        for _ in 0..<ops { rel = apply(to: rel) }
        if rel.heavy {
            // Keep the result small: comparing 140,000 rows costs more than computing them.
            rel = rng.chance(0.3) ? apply(to: rel, roll: 87) : rng.chance(0.5) ? apply(to: rel, roll: 77) : summarize(rel)
        }
        rel.text = prefix + rel.text
        return rel
    }

    private mutating func freshName(_ prefix: String) -> String {
        nameCounter += 1
        return "\(prefix)\(nameCounter)"
    }

    private func columns(of fx: Fixture) -> [GenColumn] {
        fx.columns.map { GenColumn(name: $0.name, type: $0.type, textClass: $0.textClass, bound: $0.bound, values: $0.values) }
    }

    private mutating func fixture() -> Fixture {
        // Mostly the big tables; sometimes the empty and tiny ones.
        let weights = [("items", 10), ("people", 4), ("events", 6), ("empty", 1), ("tiny", 1)]
        let total = weights.reduce(0) { $0 + $1.1 }
        var r = rng.below(total)
        for (name, w) in weights {
            if r < w, let fx = fixtures.first(where: { $0.name == name }) { return fx }
            r -= w
        }
        return fixtures[0]
    }

    /// A subquery for the right side of a join or union: a source and up to two operators.
    private mutating func subRelation() -> Relation {
        nesting += 1
        defer { nesting -= 1 }
        var rel = source(allowBig: false)
        for _ in 0..<rng.range(0...2) { rel = apply(to: rel) }
        return rel
    }

    private mutating func source(allowBig: Bool = true) -> Relation {
        if allowBig, rng.below(250) == 0, let fx = fixtures.first(where: { $0.name == "big" }) {
            return Relation(text: fx.name, columns: columns(of: fx), heavy: true)
        }
        let roll = rng.below(40)
        if roll == 0 {
            let a = rng.range(-5...5), b = rng.range(-5...20), s = rng.pick([1, 2, 3, -1, -2])
            return Relation(text: "range(\(intLit(Int64(a))), \(intLit(Int64(b))), \(intLit(Int64(s))))",
                            columns: [GenColumn(name: "value", type: .int, textClass: 0, bound: 20, values: [.int(0), .int(3)])])
        }
        let fx = fixture()
        var rel = Relation(text: fx.name, columns: columns(of: fx))
        if roll < 4 {
            let pred = bool(rel.columns, depth: 2)
            rel.text = "(\(fx.name) | where \(pred.text))"
        }
        return rel
    }

    private mutating func apply(to rel: Relation, roll forced: Int? = nil) -> Relation {
        var out = rel
        var roll = forced ?? rng.below(100)
        if rel.heavy {
            // where, extend, summarize, top, count, distinct, join with a small table.
            if forced == nil { roll = rng.pick([0, 10, 20, 30, 50, 55, 60, 77, 80, 83, 87, 90]) }
            if (48..<62).contains(roll) || (77..<83).contains(roll) || (87..<89).contains(roll) { out.heavy = false }
        }
        if nesting > 0, roll >= 89 { roll = rng.below(89) }
        switch roll {
        case 0..<24:
            out.text += (rng.chance(0.1) ? " | filter " : " | where ") + bool(rel.columns, depth: rng.range(1...3)).text
        case 24..<38:
            var cols = rel.columns
            var parts: [String] = []
            for _ in 0..<rng.range(1...2) {
                let e = anyExpr(cols, depth: rng.range(1...3))
                let replace = rng.chance(0.25) && !cols.isEmpty
                let name = replace ? rng.pick(cols).name : freshName("e")
                parts.append("\(name) = \(e.text)")
                let col = GenColumn(name: name, type: e.type, textClass: e.textClass, bound: e.bound, values: [])
                if let i = cols.firstIndex(where: { $0.name == name }) { cols[i] = col } else { cols.append(col) }
            }
            out.text += " | extend " + parts.joined(separator: ", ")
            out.columns = cols
        case 38..<44:
            var cols: [GenColumn] = []
            var parts: [String] = []
            for c in rel.columns where rng.chance(0.4) { cols.append(c); parts.append(c.name) }
            for _ in 0..<rng.range(cols.isEmpty ? 1...2 : 0...2) {
                let e = anyExpr(rel.columns, depth: rng.range(1...2))
                let name = freshName("p")
                parts.append("\(name) = \(e.text)")
                cols.append(GenColumn(name: name, type: e.type, textClass: e.textClass, bound: e.bound, values: []))
            }
            out.text += " | project " + parts.joined(separator: ", ")
            out.columns = cols
        case 44..<46 where rel.columns.count > 1:
            let drop = rng.pick(rel.columns).name
            out.text += " | project-away \(drop)"
            out.columns.removeAll { $0.name == drop }
        case 46..<48 where !rel.columns.isEmpty:
            let k = rng.below(rel.columns.count)
            let name = freshName("r")
            out.text += " | rename \(name) = \(rel.columns[k].name)"
            out.columns[k].name = name
        case 48..<62:
            out = summarize(rel)
        case 62..<72:
            var keys: [String] = []
            for _ in 0..<rng.range(1...3) { keys.append(sortKey(rel.columns)) }
            out.text += (rng.chance(0.2) ? " | order by " : " | sort by ") + keys.joined(separator: ", ")
            out.sorted = true
            out.orderKnown = true
        case 72..<77 where rel.orderKnown:
            out.text += (rng.chance(0.2) ? " | limit " : " | take ") + "\(rng.range(0...12))"
        case 77..<83:
            out.text += " | top \(rng.range(0...10)) by " + sortKey(rel.columns)
            out.sorted = true
            out.orderKnown = true
        case 83..<87 where !rel.columns.isEmpty:
            if rng.chance(0.25), !rel.columns.contains(where: \.inexact) {
                out.text += " | distinct *"
            } else {
                var picked: [GenColumn] = []
                let exact = rel.columns.filter { !$0.inexact }
                for c in exact where rng.chance(0.3) { picked.append(c) }
                if picked.isEmpty, let c = exact.randomElement(using: &rng) { picked = [c] }
                if picked.isEmpty { return rel }
                out.text += " | distinct " + picked.map(\.name).joined(separator: ", ")
                out.columns = picked
            }
            out.sorted = false
        case 87..<89:
            out.text += " | count"
            out.columns = [GenColumn(name: "count", type: .int, textClass: 0, bound: 1000, values: [.int(0), .int(1)])]
            out.sorted = false
        case 89..<95:
            out = join(rel)
        case 95..<100:
            out = union(rel)
        default:
            out.text += " | where " + bool(rel.columns, depth: 2).text
        }
        return out
    }

    private mutating func sortKey(_ cols: [GenColumn]) -> String {
        let e: GenExpr
        if rng.chance(0.7), let c = cols.filter({ !$0.inexact }).randomElement(using: &rng) {
            e = GenExpr(text: c.name, type: c.type)
        } else {
            e = anyExpr(cols, depth: 1)
        }
        var s = e.text
        switch rng.below(3) {
        case 0: s += " asc"
        case 1: s += " desc"
        default: break
        }
        switch rng.below(3) {
        case 0: s += " nulls first"
        case 1: s += " nulls last"
        default: break
        }
        return s
    }

    private mutating func summarize(_ rel: Relation) -> Relation {
        var keyParts: [String] = []
        var cols: [GenColumn] = []
        for _ in 0..<rng.below(4) {
            if rng.chance(0.6), let c = rel.columns.filter({ !$0.inexact && ($0.type != .float || rng.chance(0.3)) }).randomElement(using: &rng) {
                guard !cols.contains(where: { $0.name == c.name }) else { continue }
                keyParts.append(c.name)
                cols.append(c)
            } else {
                let e = keyExpr(rel.columns)
                let name = freshName("k")
                keyParts.append("\(name) = \(e.text)")
                cols.append(GenColumn(name: name, type: e.type, textClass: e.textClass, bound: e.bound, values: []))
            }
        }
        var aggParts: [String] = []
        for _ in 0..<(keyParts.isEmpty || rng.chance(0.92) ? rng.range(1...4) : 0) {
            if rng.chance(0.05) {
                // percentiles(x, p1, p2, ...) makes NAME_p1, NAME_p2, ...
                let e: GenExpr = rng.chance(0.2) ? date(rel.columns, depth: 0) : numberOrDuration(rel.columns, depth: 1)
                let name = freshName("a")
                let ranks = (0..<rng.range(1...3)).map { _ in rng.pick([0, 5, 25, 50, 90, 100]) }
                guard Set(ranks).count == ranks.count else { continue }
                aggParts.append("\(name) = percentiles(\(e.text), \(ranks.map(String.init).joined(separator: ", ")))")
                for r in ranks { cols.append(GenColumn(name: "\(name)_\(r)", type: e.type, textClass: 0, bound: e.bound, values: [])) }
                continue
            }
            let (text, type, bound, textClass) = aggregate(rel.columns)
            let name = freshName("a")
            aggParts.append("\(name) = \(text)")
            let inexact = type == .float && ["sum(", "avg(", "stdev(", "variance(", "round(avg("].contains { text.hasPrefix($0) }
            cols.append(GenColumn(name: name, type: type, textClass: textClass, bound: bound, values: [], inexact: inexact))
        }
        if aggParts.isEmpty && keyParts.isEmpty {
            aggParts.append("a0 = count()")
            cols.append(GenColumn(name: "a0", type: .int, textClass: 0, bound: 2000, values: []))
        }
        var out = rel
        out.text += " | summarize " + aggParts.joined(separator: ", ") + (keyParts.isEmpty ? "" : (aggParts.isEmpty ? "by " : " by ") + keyParts.joined(separator: ", "))
        out.columns = cols
        out.sorted = false
        return out
    }

    private mutating func keyExpr(_ cols: [GenColumn]) -> GenExpr {
        let has = { (t: DataType) in cols.contains { $0.type == t } }
        switch rng.below(7) {
        case 0 where has(.int):
            let e = int(cols, depth: 0)
            return GenExpr(text: "bin(\(e.text), \(rng.pick([1, 2, 5, 10, 7])))", type: .int, bound: e.bound + 10)
        case 1 where has(.date):
            return GenExpr(text: "\(rng.pick(["startofmonth", "startofyear", "startofweek", "startofquarter"]))(\(date(cols, depth: 0).text))", type: .date)
        case 2 where has(.string):
            let s = string(cols, depth: 0, maxClass: 0)
            return GenExpr(text: "tolower(\(s.text))", type: .string)
        case 3:
            return bool(cols, depth: 1)
        case 4 where has(.datetime):
            return GenExpr(text: "bin(\(datetime(cols, depth: 0).text), \(rng.pick(["1d", "1h", "7d", "30m"])))", type: .datetime)
        default:
            return anyExpr(cols, depth: 1)
        }
    }

    /// An aggregate call: text, result type, bound.
    private mutating func aggregate(_ cols: [GenColumn]) -> (String, DataType, Double, Int) {
        let rows = 2000.0
        switch rng.below(16) {
        case 0: return ("count()", .int, rows, 0)
        case 1:
            let e = anyExpr(cols, depth: 0)
            return ("count(\(e.text))", .int, rows, 0)
        case 2: return ("countif(\(bool(cols, depth: 1).text))", .int, rows, 0)
        case 3:
            let e = numberOrDuration(cols, depth: 1)
            return ("sum(\(e.text))", e.type, e.bound * rows, 0)
        case 4:
            let e = numberOrDuration(cols, depth: 1)
            return ("avg(\(e.text))", e.type == .duration ? .duration : .float, e.bound, 0)
        case 5, 6:
            let e = anyExpr(cols, depth: rng.range(0...1))
            return ("\(rng.chance(0.5) ? "min" : "max")(\(e.text))", e.type, e.bound, e.textClass)
        case 7:
            let e = anyExpr(cols, depth: rng.range(0...1))
            return ("dcount(\(e.text))", .int, rows, 0)
        case 8, 9:
            let e = rng.chance(0.7) ? float(cols, depth: 1) : int(cols, depth: 1)
            return ("\(rng.chance(0.5) ? "stdev" : "variance")(\(e.text))", .float, e.bound * e.bound, 0)
        case 10:
            let e = numberOrDuration(cols, depth: 1)
            return ("median(\(e.text))", e.type == .duration ? .duration : .float, e.bound, 0)
        case 11, 12:
            let e: GenExpr = rng.chance(0.2) ? date(cols, depth: 0) : numberOrDuration(cols, depth: 1)
            return ("percentile(\(e.text), \(percentileRank()))", e.type, e.bound, 0)
        case 13:
            let e = numberOrDuration(cols, depth: 1)
            return ("percentile_linear(\(e.text), \(percentileRank()))", e.type == .duration ? .duration : .float, e.bound, 0)
        case 14:
            // An expression over aggregates.
            let e = int(cols, depth: 0)
            return ("sum(\(e.text)) + count()", .int, e.bound * rows + rows, 0)
        default:
            let e = float(cols, depth: 0)
            return ("round(avg(\(e.text)), 2)", .float, e.bound, 0)
        }
    }

    private mutating func percentileRank() -> String {
        rng.pick(["0", "10", "25", "50", "75", "90", "95", "99", "100", "33.3", "12.5"])
    }

    private mutating func join(_ rel: Relation) -> Relation {
        var right = subRelation()
        if rel.heavy, let fx = fixtures.first(where: { $0.name == (rng.chance(0.5) ? "tiny" : "people") }) {
            // Joining the big table: a small right side keeps the output near the input's size.
            right = Relation(text: fx.name, columns: columns(of: fx))
        }
        // Key pairs of comparable types, preferring the same type and the same name.
        var pairs: [(GenColumn, GenColumn)] = []
        for l in rel.columns {
            for r in right.columns where joinable(l.type, r.type) && !l.inexact && !r.inexact { pairs.append((l, r)) }
        }
        guard !pairs.isEmpty else { return rel }
        let same = pairs.filter { $0.0.name == $0.1.name }
        var keys: [String] = []
        for k in 0..<rng.range(1...2) {
            let (l, r) = (k == 0 && !same.isEmpty && rng.chance(0.5)) ? rng.pick(same) : rng.pick(pairs)
            keys.append(l.name == r.name && rng.chance(0.7) ? l.name : "left.\(l.name) == right.\(r.name)")
        }
        let kind = rng.pick(["", "inner", "left", "right", "full", "semi", "anti", "leftouter", "leftsemi"])
        var out = rel
        out.text += " | join " + (kind.isEmpty ? "" : "kind=\(kind) ") + "(\(right.text)) on " + keys.joined(separator: ", ")
        out.sorted = false
        out.orderKnown = false
        if kind == "semi" || kind == "anti" || kind == "leftsemi" { return out }
        var taken = Set(rel.columns.map(\.name))
        for c in right.columns {
            var name = c.name
            var suffix = 1
            while taken.contains(name) { name = c.name + String(suffix); suffix += 1 }
            taken.insert(name)
            var col = c
            col.name = name
            out.columns.append(col)
        }
        return out
    }

    private func joinable(_ a: DataType, _ b: DataType) -> Bool {
        if a == b { return a != .null }
        return (a.isNumeric && b.isNumeric) || Set([a, b]) == [.date, .datetime]
    }

    private mutating func union(_ rel: Relation) -> Relation {
        var other: Relation
        if rng.chance(0.15) {
            other = Relation(text: "datatable(n:int, team:string, zz:float) [1, \"core\", 0.5, null, \"\", null, 7, \"web\", -1.5]",
                             columns: [GenColumn(name: "n", type: .int, textClass: 0, bound: 7, values: [.int(1), .int(7)]),
                                       GenColumn(name: "team", type: .string, textClass: 0, bound: 0, values: [.string("core")]),
                                       GenColumn(name: "zz", type: .float, textClass: 0, bound: 2, values: [.float(0.5)])])
        } else {
            other = subRelation()
        }
        // Columns whose name the left side has with a type that does not mix must go.
        let clash = other.columns.filter { c in
            rel.columns.contains { $0.name == c.name && DataType.common($0.type, c.type) == nil }
        }
        var text = other.text
        if !clash.isEmpty {
            let keep = other.columns.filter { c in !clash.contains { $0.name == c.name } }
            if keep.isEmpty { return rel }
            text += " | project " + keep.map(\.name).joined(separator: ", ")
            other.columns = keep
        }
        if rng.chance(0.4) { text += " | where " + bool(other.columns, depth: 1).text }
        var out = rel
        let bare = fixtures.contains { $0.name == text }
        out.text += bare && rng.chance(0.5) ? " | union \(text)" : " | union (\(text))"
        for c in other.columns {
            if let i = out.columns.firstIndex(where: { $0.name == c.name }) {
                out.columns[i].type = DataType.common(out.columns[i].type, c.type) ?? c.type
                out.columns[i].bound = max(out.columns[i].bound, c.bound)
                out.columns[i].textClass = max(out.columns[i].textClass, c.textClass)
                out.columns[i].values += c.values
                out.columns[i].inexact = out.columns[i].inexact || c.inexact
            } else {
                out.columns.append(c)
            }
        }
        out.sorted = false
        out.orderKnown = rel.orderKnown && other.orderKnown
        return out
    }

    // MARK: literals

    private func intLit(_ v: Int64) -> String { v < 0 ? "(\(v))" : "\(v)" }

    static func stringLiteral(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    static func durationLiteral(_ micros: Int64) -> String {
        let m = micros.magnitude
        let body: String
        if m % 86_400_000_000 == 0 { body = "\(m / 86_400_000_000)d" }
        else if m % 3_600_000_000 == 0 { body = "\(m / 3_600_000_000)h" }
        else if m % 60_000_000 == 0 { body = "\(m / 60_000_000)m" }
        else if m % 1_000_000 == 0 { body = "\(m / 1_000_000)s" }
        else if m % 1000 == 0 { body = "\(m / 1000)ms" }
        else { body = "\(m)us" }
        return micros < 0 ? "(-\(body))" : body
    }

    static func literal(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .int(let x): return x < 0 ? "(\(x))" : "\(x)"
        case .float(let x): return x.sign == .minus ? "(\(x))" : "\(x)"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return stringLiteral(s)
        case .date(let d): return "@" + Temporal.formatDate(d)
        case .datetime(let t): return "@" + Temporal.formatDatetime(t)
        case .duration(let d): return durationLiteral(d)
        }
    }

    static let literalPool: [DataType: [Value]] = [
        .int: [.int(0), .int(1), .int(2), .int(3), .int(-1), .int(7), .int(10), .int(-7), .int(42)],
        .float: [.float(0.5), .float(2.5), .float(-1.5), .float(0), .float(0.1), .float(3), .float(1.005), .float(-0.0)],
        .string: [.string(""), .string("a"), .string("core"), .string("é"), .string("e\u{301}"), .string("Z"), .string("web"),
                  .string("日本"), .string("o"), .string("\u{301}"), .string("Zo"), .string(" ")],
        .date: ["2024-02-29", "1900-01-01", "2099-12-31", "2000-01-01", "1970-01-01", "2024-03-01"].map { Fixtures.day($0) },
        .datetime: ["2024-02-29T12:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T00:00:00Z", "1969-12-31T23:59:59.5Z"].map { Fixtures.time($0) },
        .duration: ["1d", "2h", "90s", "-3d", "0s", "1us", "7d", "36h"].map { Fixtures.dur($0) },
        .bool: [.bool(true), .bool(false)],
    ]

    private mutating func literalOf(_ type: DataType, near col: GenColumn? = nil) -> GenExpr {
        var v: Value
        if let col, !col.values.isEmpty, rng.chance(0.7) { v = rng.pick(col.values) } else { v = rng.pick(QueryGenerator.literalPool[type] ?? [.null]) }
        // A column's value of a wider type (int in a float column) is fine as a literal of its own type.
        if type == .float, case .int(let i) = v { v = .float(Double(i)) }
        var bound = 0.0
        var textClass = 0
        switch v {
        case .int(let x), .duration(let x): bound = Double(x.magnitude)
        case .float(let x): bound = abs(x)
        case .string(let s):
            if !s.utf8.allSatisfy({ $0 < 128 }) { textClass = 1 }
            if s.unicodeScalars.count != s.count || s.unicodeScalars.contains(where: { $0.properties.generalCategory == .nonspacingMark }) { textClass = 2 }
        default: break
        }
        return GenExpr(text: QueryGenerator.literal(v), type: v.type == .null ? type : v.type, textClass: textClass, bound: bound)
    }

    // MARK: expressions

    private mutating func column(_ cols: [GenColumn], _ type: DataType, maxClass: Int = 2) -> GenColumn? {
        cols.filter { $0.type == type && $0.textClass <= maxClass && !$0.inexact }.randomElement(using: &rng)
    }

    /// A leaf: a column of the type (mostly) or a literal.
    private mutating func leaf(_ cols: [GenColumn], _ type: DataType, maxClass: Int = 2) -> GenExpr {
        if rng.chance(0.8), let c = column(cols, type, maxClass: maxClass) {
            return GenExpr(text: c.name, type: type, textClass: c.textClass, bound: c.bound, column: c.name)
        }
        if rng.chance(0.3), let sc = scalars.filter({ $0.type == type && $0.textClass <= maxClass }).randomElement(using: &rng) {
            return sc
        }
        var e = literalOf(type)
        var tries = 0
        while e.textClass > maxClass, tries < 20 { e = literalOf(type); tries += 1 }
        if e.textClass > maxClass { return GenExpr(text: "\"a\"", type: .string) }
        return e
    }

    mutating func anyExpr(_ cols: [GenColumn], depth: Int) -> GenExpr {
        switch rng.below(9) {
        case 0, 1: return int(cols, depth: depth)
        case 2: return float(cols, depth: depth)
        case 3: return bool(cols, depth: depth)
        case 4, 5: return string(cols, depth: depth, maxClass: 2)
        case 6: return date(cols, depth: depth)
        case 7: return datetime(cols, depth: depth)
        default: return duration(cols, depth: depth)
        }
    }

    private mutating func numberOrDuration(_ cols: [GenColumn], depth: Int) -> GenExpr {
        switch rng.below(5) {
        case 0, 1: return int(cols, depth: depth)
        case 2, 3: return float(cols, depth: depth)
        default: return duration(cols, depth: depth, limit: 1e13)
        }
    }

    private mutating func number(_ cols: [GenColumn], depth: Int) -> GenExpr {
        rng.chance(0.5) ? int(cols, depth: depth) : float(cols, depth: depth)
    }

    mutating func int(_ cols: [GenColumn], depth: Int, limit: Double = 1e12) -> GenExpr {
        if depth <= 0 || rng.chance(0.3) { return leaf(cols, .int) }
        let d = depth - 1
        switch rng.below(17) {
        case 0, 1:
            let a = int(cols, depth: d, limit: limit), b = int(cols, depth: d, limit: limit)
            return GenExpr(text: "(\(a.text) \(rng.chance(0.5) ? "+" : "-") \(b.text))", type: .int, bound: a.bound + b.bound)
        case 2:
            let a = int(cols, depth: d, limit: limit), b = int(cols, depth: d, limit: limit)
            if a.bound * b.bound < limit { return GenExpr(text: "(\(a.text) * \(b.text))", type: .int, bound: a.bound * b.bound) }
            return GenExpr(text: "(\(a.text) - \(b.text))", type: .int, bound: a.bound + b.bound)
        case 3:
            let a = int(cols, depth: d, limit: limit), b = int(cols, depth: d, limit: limit)
            return GenExpr(text: "(\(a.text) // \(b.text))", type: .int, bound: a.bound)
        case 4:
            let a = int(cols, depth: d, limit: limit), b = int(cols, depth: d, limit: limit)
            return GenExpr(text: "(\(a.text) % \(b.text))", type: .int, bound: min(a.bound, b.bound))
        case 5:
            let a = int(cols, depth: d, limit: limit)
            return GenExpr(text: rng.chance(0.5) ? "(-\(a.text))" : "abs(\(a.text))", type: .int, bound: a.bound)
        case 6:
            let s = string(cols, depth: d, maxClass: 1)
            return GenExpr(text: "strlen(\(s.text))", type: .int, bound: 100)
        case 7:
            let t = rng.chance(0.5) ? date(cols, depth: d) : datetime(cols, depth: d)
            let f = rng.pick(["dayofweek", "year", "month", "day", "week"] + (t.type == .datetime ? ["hour"] : []))
            return GenExpr(text: "\(f)(\(t.text))", type: .int, bound: 3000)
        case 8:
            let a = int(cols, depth: d, limit: limit), b = int(cols, depth: d, limit: limit)
            return GenExpr(text: "iff(\(bool(cols, depth: d).text), \(a.text), \(b.text))", type: .int, bound: max(a.bound, b.bound))
        case 9:
            let a = int(cols, depth: d, limit: limit), b = int(cols, depth: d, limit: limit), c = int(cols, depth: d, limit: limit)
            return GenExpr(text: "case(\(bool(cols, depth: d).text), \(a.text), \(bool(cols, depth: d).text), \(b.text), \(c.text))",
                           type: .int, bound: max(a.bound, b.bound, c.bound))
        case 10:
            let a = int(cols, depth: d, limit: limit), b = int(cols, depth: d, limit: limit)
            return GenExpr(text: "coalesce(\(a.text), \(b.text))", type: .int, bound: max(a.bound, b.bound))
        case 11:
            let f = float(cols, depth: d)
            guard f.bound < limit else { return leaf(cols, .int) }
            return GenExpr(text: "toint(\(f.text))", type: .int, bound: f.bound)
        case 12:
            let a = int(cols, depth: d, limit: limit)
            let digits = rng.pick(["", ", 0", ", 2", ", -1", ", -2"])
            return GenExpr(text: "round(\(a.text)\(digits))", type: .int, bound: a.bound + 100)
        case 13:
            let a = int(cols, depth: d, limit: limit)
            return GenExpr(text: "\(rng.pick(["floor", "ceil"]))(\(a.text))", type: .int, bound: a.bound)
        case 14:
            let a = int(cols, depth: d, limit: limit)
            return GenExpr(text: "bin(\(a.text), \(rng.pick([1, 2, 3, 5, 10, 7])))", type: .int, bound: a.bound + 10)
        case 15:
            let b = bool(cols, depth: d)
            return GenExpr(text: "toint(\(b.text))", type: .int, bound: 1)
        default:
            let t = duration(cols, depth: d, limit: 1e15)
            return GenExpr(text: "toint(\(t.text))", type: .int, bound: t.bound)
        }
    }

    mutating func float(_ cols: [GenColumn], depth: Int) -> GenExpr {
        if depth <= 0 || rng.chance(0.3) { return leaf(cols, .float) }
        let d = depth - 1
        switch rng.below(16) {
        case 0:
            let a = int(cols, depth: d), b = int(cols, depth: d)
            return GenExpr(text: "(\(a.text) / \(b.text))", type: .float, bound: a.bound)
        case 1, 2:
            let a = float(cols, depth: d), b = number(cols, depth: d)
            let (x, y) = rng.chance(0.5) ? (a, b) : (b, a)
            let op = rng.pick(["+", "-", "/", "*", "//", "%"])
            var bound = x.bound + y.bound
            if op == "*" {
                guard x.bound * y.bound < 1e12 else { return GenExpr(text: "(\(x.text) + \(y.text))", type: .float, bound: bound) }
                bound = x.bound * y.bound
            }
            if op == "/" || op == "//" { bound = x.bound * 1000 }
            return GenExpr(text: "(\(x.text) \(op) \(y.text))", type: .float, bound: bound)
        case 3:
            let a = float(cols, depth: d)
            let digits = rng.pick(["", ", 0", ", 1", ", 2", ", 3", ", -1"])
            return GenExpr(text: "round(\(a.text)\(digits))", type: .float, bound: a.bound + 10)
        case 4:
            let a = float(cols, depth: d)
            if rng.chance(0.25) { return GenExpr(text: "bin(\(a.text), \(rng.pick(["0.5", "2", "0.1", "10"])))", type: .float, bound: a.bound + 10) }
            return GenExpr(text: "\(rng.pick(["floor", "ceil", "abs"]))(\(a.text))", type: .float, bound: a.bound + 1)
        case 5:
            let a = float(cols, depth: d)
            return GenExpr(text: "(-\(a.text))", type: .float, bound: a.bound)
        case 6:
            let a = number(cols, depth: d)
            return GenExpr(text: "sqrt(\(a.text))", type: .float, bound: a.bound)
        case 7:
            let a = int(cols, depth: d)
            return GenExpr(text: "tofloat(\(a.text))", type: .float, bound: a.bound)
        case 8:
            let t = duration(cols, depth: d)
            return GenExpr(text: "\(rng.pick(["days", "hours"]))(\(t.text))", type: .float, bound: t.bound / 3.6e9)
        case 9:
            let a = duration(cols, depth: d), b = duration(cols, depth: d)
            return GenExpr(text: "(\(a.text) / \(b.text))", type: .float, bound: a.bound)
        case 10:
            let a = float(cols, depth: d), b = int(cols, depth: d)
            return GenExpr(text: "iff(\(bool(cols, depth: d).text), \(a.text), \(b.text))", type: .float, bound: max(a.bound, b.bound))
        case 11:
            let a = int(cols, depth: d), b = float(cols, depth: d)
            return GenExpr(text: "coalesce(\(a.text), \(b.text))", type: .float, bound: max(a.bound, b.bound))
        case 12:
            let a = float(cols, depth: d)
            guard a.bound < 1e5 else { return a }
            return GenExpr(text: "pow(\(a.text), 2)", type: .float, bound: a.bound * a.bound)
        case 13:
            let a = number(cols, depth: d)
            return GenExpr(text: "log(\(a.text))", type: .float, bound: 50)
        case 14:
            let a = float(cols, depth: d)
            guard a.bound <= 50 else { return a }
            return GenExpr(text: "exp(\(a.text))", type: .float, bound: 6e21)
        default:
            let a = int(cols, depth: d), b = float(cols, depth: d)
            return GenExpr(text: "case(\(bool(cols, depth: d).text), \(a.text), \(b.text))", type: .float, bound: max(a.bound, b.bound))
        }
    }

    mutating func bool(_ cols: [GenColumn], depth: Int) -> GenExpr {
        let d = max(depth - 1, 0)
        if depth <= 0 {
            if rng.chance(0.5), let c = column(cols, .bool) { return GenExpr(text: c.name, type: .bool, column: c.name) }
            return comparison(cols, depth: 0)
        }
        switch rng.below(14) {
        case 0, 1, 2: return comparison(cols, depth: d)
        case 3:
            let a = bool(cols, depth: d), b = bool(cols, depth: d)
            return GenExpr(text: "(\(a.text) \(rng.chance(0.5) ? "and" : "or") \(b.text))", type: .bool)
        case 4:
            return GenExpr(text: "(not \(bool(cols, depth: d).text))", type: .bool)
        case 5:
            let x = anyExpr(cols, depth: d)
            let form = rng.below(4)
            let text = form == 0 ? "(\(x.text) == null)" : form == 1 ? "(\(x.text) != null)" : form == 2 ? "isnull(\(x.text))" : "isnotnull(\(x.text))"
            return GenExpr(text: text, type: .bool)
        case 6, 7: return membership(cols)
        case 8: return between(cols, depth: d)
        case 9, 10: return stringTest(cols, depth: d)
        case 11:
            if let c = column(cols, .bool) { return GenExpr(text: c.name, type: .bool, column: c.name) }
            return comparison(cols, depth: d)
        case 12:
            let a = bool(cols, depth: d), b = bool(cols, depth: d)
            return GenExpr(text: "iff(\(bool(cols, depth: d).text), \(a.text), \(b.text))", type: .bool)
        default:
            let a = bool(cols, depth: d), b = bool(cols, depth: d)
            return GenExpr(text: "coalesce(\(a.text), \(b.text))", type: .bool)
        }
    }

    private mutating func typed(_ type: DataType, _ cols: [GenColumn], depth: Int) -> GenExpr {
        switch type {
        case .int: return int(cols, depth: depth)
        case .float: return float(cols, depth: depth)
        case .bool: return bool(cols, depth: depth)
        case .string: return string(cols, depth: depth, maxClass: 2)
        case .date: return date(cols, depth: depth)
        case .datetime: return datetime(cols, depth: depth)
        default: return duration(cols, depth: depth)
        }
    }

    private mutating func comparison(_ cols: [GenColumn], depth: Int) -> GenExpr {
        let op = rng.pick(["==", "!=", "<", "<=", ">", ">="])
        // Mostly a column against a literal it holds or another expression of a comparable type.
        if rng.chance(0.6), let c = cols.filter({ $0.type != .null && !$0.inexact }).randomElement(using: &rng) {
            var rhsType = c.type
            if c.type == .int, rng.chance(0.2) { rhsType = .float }
            if c.type == .float, rng.chance(0.2) { rhsType = .int }
            if c.type == .date, rng.chance(0.25) { rhsType = .datetime }
            if c.type == .datetime, rng.chance(0.25) { rhsType = .date }
            let rhs = rng.chance(0.6) ? literalOf(rhsType, near: rhsType == c.type ? c : nil) : typed(rhsType, cols, depth: depth)
            return GenExpr(text: "(\(c.name) \(op) \(rhs.text))", type: .bool)
        }
        let t = rng.pick([DataType.int, .float, .string, .date, .datetime, .duration, .bool])
        let a = typed(t, cols, depth: depth), b = typed(t, cols, depth: depth)
        return GenExpr(text: "(\(a.text) \(op) \(b.text))", type: .bool)
    }

    private mutating func membership(_ cols: [GenColumn]) -> GenExpr {
        guard let c = cols.filter({ !$0.inexact && [.int, .float, .string, .date, .datetime, .duration, .bool].contains($0.type) }).randomElement(using: &rng) else {
            return GenExpr(text: "true", type: .bool)
        }
        var items: [String] = []
        for _ in 0..<rng.range(1...4) {
            var t = c.type
            if c.type == .int, rng.chance(0.2) { t = .float }
            if c.type == .date, rng.chance(0.3) { t = .datetime }
            if c.type == .datetime, rng.chance(0.3) { t = .date }
            items.append(rng.chance(0.1) ? "null" : literalOf(t, near: t == c.type ? c : nil).text)
        }
        return GenExpr(text: "(\(c.name) \(rng.chance(0.3) ? "!in" : "in") (\(items.joined(separator: ", "))))", type: .bool)
    }

    private mutating func between(_ cols: [GenColumn], depth: Int) -> GenExpr {
        let t = rng.pick([DataType.int, .float, .date, .datetime, .duration, .string])
        let x = typed(t, cols, depth: depth)
        var a = literalOf(t), b = literalOf(t)
        if rng.chance(0.3) { swap(&a, &b) }
        return GenExpr(text: "(\(x.text) \(rng.chance(0.25) ? "!between" : "between") (\(a.text) .. \(b.text)))", type: .bool)
    }

    private mutating func stringTest(_ cols: [GenColumn], depth: Int) -> GenExpr {
        if rng.chance(0.2) {
            let s = string(cols, depth: depth, maxClass: 0)
            var p = literalOf(.string)
            while p.textClass > 0 { p = literalOf(.string) }
            return GenExpr(text: "(\(s.text) \(rng.chance(0.5) ? "=~" : "!~") \(rng.chance(0.5) ? p.text.uppercased() : p.text))", type: .bool)
        }
        let s = string(cols, depth: depth, maxClass: 2)
        let op = rng.pick(["contains", "startswith", "endswith", "!contains", "!startswith", "!endswith"])
        let pattern: GenExpr
        if let col = cols.first(where: { $0.name == s.column }), !col.values.isEmpty, rng.chance(0.5),
           case .string(let whole) = rng.pick(col.values) {
            // A piece of a value the column holds.
            let chars = Array(whole.unicodeScalars)
            let from = rng.below(chars.count + 1), len = rng.below(chars.count - from + 1)
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: chars[from..<(from + len)])
            pattern = GenExpr(text: QueryGenerator.stringLiteral(String(piece)), type: .string)
        } else {
            pattern = literalOf(.string)
        }
        return GenExpr(text: "(\(s.text) \(op) \(pattern.text))", type: .bool)
    }

    mutating func string(_ cols: [GenColumn], depth: Int, maxClass: Int) -> GenExpr {
        if depth <= 0 || rng.chance(0.35) { return leaf(cols, .string, maxClass: maxClass) }
        let d = depth - 1
        switch rng.below(10) {
        case 0:
            let s = string(cols, depth: d, maxClass: 0)
            return GenExpr(text: "\(rng.pick(["tolower", "toupper"]))(\(s.text))", type: .string)
        case 1:
            // trim works on characters: a space that starts a combining sequence is not white space.
            let s = string(cols, depth: d, maxClass: min(maxClass, 1))
            return GenExpr(text: "trim(\(s.text))", type: .string, textClass: s.textClass)
        case 2 where maxClass >= 1:
            let s = string(cols, depth: d, maxClass: 1)
            let len = rng.chance(0.6) ? ", \(intLit(Int64(rng.range(-1...5))))" : ""
            return GenExpr(text: "substring(\(s.text), \(intLit(Int64(rng.range(-2...6))))\(len))", type: .string, textClass: s.textClass)
        case 3:
            var parts: [GenExpr] = []
            for _ in 0..<rng.range(1...3) {
                switch rng.below(5) {
                case 0: parts.append(int(cols, depth: 0))
                case 1: parts.append(bool(cols, depth: 0))
                case 2: parts.append(date(cols, depth: 0))
                default: parts.append(string(cols, depth: d, maxClass: maxClass))
                }
            }
            return GenExpr(text: "strcat(\(parts.map(\.text).joined(separator: ", ")))", type: .string,
                           textClass: parts.map(\.textClass).max() ?? 0)
        case 4 where maxClass >= 2:
            let s = string(cols, depth: d, maxClass: 2)
            let a = literalOf(.string), b = literalOf(.string)
            return GenExpr(text: "replace(\(s.text), \(a.text), \(b.text))", type: .string, textClass: 2)
        case 5:
            let a = string(cols, depth: d, maxClass: maxClass), b = string(cols, depth: d, maxClass: maxClass)
            return GenExpr(text: "iff(\(bool(cols, depth: d).text), \(a.text), \(b.text))", type: .string, textClass: max(a.textClass, b.textClass))
        case 6:
            let a = string(cols, depth: d, maxClass: maxClass), b = string(cols, depth: d, maxClass: maxClass)
            return GenExpr(text: "coalesce(\(a.text), \(b.text))", type: .string, textClass: max(a.textClass, b.textClass))
        case 7:
            let x: GenExpr = rng.chance(0.4) ? int(cols, depth: d) : rng.chance(0.5) ? bool(cols, depth: d) : date(cols, depth: d)
            return GenExpr(text: "tostring(\(x.text))", type: .string)
        default:
            return leaf(cols, .string, maxClass: maxClass)
        }
    }

    mutating func date(_ cols: [GenColumn], depth: Int) -> GenExpr {
        if depth <= 0 || rng.chance(0.3) { return leaf(cols, .date) }
        let d = depth - 1
        switch rng.below(7) {
        case 0, 1:
            let a = date(cols, depth: d)
            let days = rng.pick(["1d", "0d", "7d", "2w", "366d", "29d", "-1d", "-60d"])
            let op = rng.chance(0.5) ? "+" : "-"
            return GenExpr(text: "(\(a.text) \(op) \(days.hasPrefix("-") ? "(\(days))" : days))", type: .date)
        case 2:
            let a = date(cols, depth: d)
            return GenExpr(text: "\(rng.pick(["startofday", "startofweek", "startofmonth", "startofquarter", "startofyear"]))(\(a.text))", type: .date)
        case 3:
            return GenExpr(text: "todate(\(datetime(cols, depth: d).text))", type: .date)
        case 4:
            let a = date(cols, depth: d), b = date(cols, depth: d)
            return GenExpr(text: "iff(\(bool(cols, depth: d).text), \(a.text), \(b.text))", type: .date)
        case 5:
            let a = date(cols, depth: d), b = date(cols, depth: d)
            return GenExpr(text: "coalesce(\(a.text), \(b.text))", type: .date)
        default:
            return GenExpr(text: "bin(\(date(cols, depth: d).text), \(rng.pick(["1d", "7d", "30d"])))", type: .date)
        }
    }

    mutating func datetime(_ cols: [GenColumn], depth: Int) -> GenExpr {
        if depth <= 0 || rng.chance(0.3) { return leaf(cols, .datetime) }
        let d = depth - 1
        switch rng.below(8) {
        case 0, 1:
            let a = datetime(cols, depth: d), t = duration(cols, depth: d, limit: 3e15)
            return GenExpr(text: "(\(a.text) \(rng.chance(0.5) ? "+" : "-") \(t.text))", type: .datetime)
        case 2:
            let a = date(cols, depth: d)
            return GenExpr(text: "(\(a.text) \(rng.chance(0.5) ? "+" : "-") \(rng.pick(["12h", "90s", "1.5d", "1us"])))", type: .datetime)
        case 3:
            let a = date(cols, depth: d)
            guard let c = column(cols, .duration), c.bound < 3e15 else { return a.type == .datetime ? a : leaf(cols, .datetime) }
            return GenExpr(text: "(\(a.text) + \(c.name))", type: .datetime)
        case 4:
            let a = datetime(cols, depth: d)
            return GenExpr(text: "\(rng.pick(["startofday", "startofweek", "startofmonth", "startofquarter", "startofyear"]))(\(a.text))", type: .datetime)
        case 5:
            return GenExpr(text: "todatetime(\(date(cols, depth: d).text))", type: .datetime)
        case 6:
            return GenExpr(text: "bin(\(datetime(cols, depth: d).text), \(rng.pick(["1h", "1d", "7d", "15m", "1s"])))", type: .datetime)
        default:
            let a = datetime(cols, depth: d), b = date(cols, depth: d)
            return GenExpr(text: rng.chance(0.5) ? "iff(\(bool(cols, depth: d).text), \(a.text), \(b.text))" : "coalesce(\(b.text), \(a.text))",
                           type: .datetime)
        }
    }

    mutating func duration(_ cols: [GenColumn], depth: Int, limit: Double = 1e16) -> GenExpr {
        if depth <= 0 || rng.chance(0.3) {
            let e = leaf(cols, .duration)
            return e.bound < limit ? e : literalOf(.duration)
        }
        let d = depth - 1
        let maxSpan = 200 * 366 * 86_400_000_000.0
        switch rng.below(11) {
        case 0:
            let a = datetime(cols, depth: d), b = datetime(cols, depth: d)
            guard maxSpan < limit else { return literalOf(.duration) }
            return GenExpr(text: "(\(a.text) - \(b.text))", type: .duration, bound: maxSpan)
        case 1:
            let a = date(cols, depth: d), b = rng.chance(0.7) ? date(cols, depth: d) : datetime(cols, depth: d)
            guard maxSpan < limit else { return literalOf(.duration) }
            return GenExpr(text: "(\(a.text) - \(b.text))", type: .duration, bound: maxSpan)
        case 2, 3:
            let a = duration(cols, depth: d, limit: limit / 2), b = duration(cols, depth: d, limit: limit / 2)
            return GenExpr(text: "(\(a.text) \(rng.chance(0.5) ? "+" : "-") \(b.text))", type: .duration, bound: a.bound + b.bound)
        case 4:
            let a = duration(cols, depth: d, limit: limit), n = int(cols, depth: 0)
            guard a.bound * n.bound < limit else { return a }
            return GenExpr(text: rng.chance(0.5) ? "(\(a.text) * \(n.text))" : "(\(n.text) * \(a.text))", type: .duration, bound: a.bound * n.bound)
        case 5:
            let a = duration(cols, depth: d, limit: limit), x = float(cols, depth: 0)
            guard a.bound * x.bound < limit else { return a }
            return GenExpr(text: "(\(a.text) * \(x.text))", type: .duration, bound: a.bound * x.bound)
        case 6:
            let a = duration(cols, depth: d, limit: limit), n = number(cols, depth: 0)
            return GenExpr(text: "(\(a.text) / \(n.text))", type: .duration, bound: n.type == .int ? a.bound : a.bound * 1000)
        case 7:
            let a = duration(cols, depth: d, limit: limit)
            return GenExpr(text: rng.chance(0.5) ? "(-\(a.text))" : "abs(\(a.text))", type: .duration, bound: a.bound)
        case 8:
            let a = duration(cols, depth: d, limit: limit), b = duration(cols, depth: d, limit: limit)
            return GenExpr(text: "(\(a.text) % \(b.text))", type: .duration, bound: a.bound)
        case 9:
            let a = duration(cols, depth: d, limit: limit)
            return GenExpr(text: "bin(\(a.text), \(rng.pick(["1h", "1d", "1s"])))", type: .duration, bound: a.bound + 86_400_000_000)
        default:
            let a = duration(cols, depth: d, limit: limit), b = duration(cols, depth: d, limit: limit)
            return GenExpr(text: "iff(\(bool(cols, depth: d).text), \(a.text), \(b.text))", type: .duration, bound: max(a.bound, b.bound))
        }
    }
}

extension Array {
    func randomElement(using rng: inout SplitMix) -> Element? {
        isEmpty ? nil : self[rng.below(count)]
    }
}
