import GembaCore

/// A plan the translator cannot express in SQLite.
struct Unsupported: Error, CustomStringConvertible {
    let description: String
    init(_ what: String) { description = "not translatable to SQLite: " + what }
}

/// Translates a bound gemba `Plan` into one SQLite query with gemba's semantics: one CTE per plan node.
///
/// Representation in SQLite: int INTEGER, float REAL, bool INTEGER 0/1, string TEXT (BINARY collation,
/// so compared by bytes), date INTEGER days since 1970-01-01, datetime and duration INTEGER
/// microseconds. Every CTE has the columns `o, c0, c1, ...`: `o` is the row's position in gemba's output
/// order (table order, stable sort, first appearance for summarize and distinct, left-then-right for
/// joins), so `take` after any node picks the same rows in both engines.
struct SQLTranslator {
    /// Fixture tables by schema key.
    let fixtures: [String: Fixture]
    private var ctes: [String] = []
    private var recursive = false

    static let microsPerDay = "86400000000"

    init(fixtures: [String: Fixture]) { self.fixtures = fixtures }

    /// The SQL for a whole plan: its output columns `c0, c1, ...` in gemba's order.
    static func translate(_ plan: Plan, fixtures: [String: Fixture]) throws -> String {
        var t = SQLTranslator(fixtures: fixtures)
        let top = try t.node(plan)
        let cols = plan.fields.indices.map { "c\($0)" }.joined(separator: ", ")
        return "WITH " + (t.recursive ? "RECURSIVE " : "") + t.ctes.joined(separator: ",\n  ") + "\nSELECT \(cols) FROM \(top) ORDER BY o"
    }

    private mutating func add(_ body: String) -> String {
        let name = "n\(ctes.count)"
        ctes.append("\(name) AS (\(body))")
        return name
    }

    private func columns(_ n: Int, prefix: String = "") -> String {
        (0..<n).map { "\(prefix)c\($0)" }.joined(separator: ", ")
    }

    // MARK: nodes

    private mutating func node(_ plan: Plan) throws -> String {
        let n = plan.fields.count
        switch plan.node {
        case .table(let t):
            if let fx = fixtures[Fixture.key(t.fields)], fx.rows.count == t.rowCount {
                return add("SELECT rowid AS o, \(columns(n)) FROM \(fx.sqlName)")
            }
            if t.rowCount == 0 {
                return add("SELECT NULL AS o" + (0..<n).map { ", NULL AS c\($0)" }.joined() + " WHERE 0")
            }
            let rows = (0..<t.rowCount).map { i in
                "(\(i + 1)" + t.row(i).enumerated().map { ", " + SQLTranslator.literal($1, as: t.fields[$0].type) }.joined() + ")"
            }
            let names = (0..<n).map { ", column\($0 + 2) AS c\($0)" }.joined()
            return add("SELECT column1 AS o\(names) FROM (VALUES \(rows.joined(separator: ", ")))")
        case .range(let from, let to, let step):
            guard case .int(let a) = from, case .int(let b) = to, case .int(let s) = step, s != 0 else {
                throw Unsupported("range over non-ints")
            }
            recursive = true
            let name = "n\(ctes.count)"
            let cmp = s > 0 ? "<=" : ">="
            ctes.append("\(name)(o, c0) AS (SELECT 1, \(a) WHERE \(a) \(cmp) \(b) UNION ALL SELECT o + 1, c0 + (\(s)) FROM \(name) WHERE c0 + (\(s)) \(cmp) \(b))")
            return name
        case .filter(let input, let predicate):
            let i = try node(input)
            return add("SELECT o, \(columns(n)) FROM \(i) WHERE \(try expr(predicate))")
        case .project(let input, let exprs):
            let i = try node(input)
            var list: [String] = []
            for (k, e) in exprs.enumerated() { list.append("\(try expr(e)) AS c\(k)") }
            return add("SELECT o" + list.map { ", " + $0 }.joined() + " FROM \(i)")
        case .aggregate(let input, let keys, let aggregates):
            return try aggregate(input, keys: keys, aggregates: aggregates)
        case .sort(let input, let keys):
            // The keys are computed first: a bare integer in ORDER BY would name a column.
            let i = try node(input)
            var list: [String] = []
            var order: [String] = []
            for (j, k) in keys.enumerated() {
                list.append("\(try expr(k.expr)) AS s\(j)")
                order.append("s\(j)\(k.descending ? " DESC" : "") NULLS \(k.nullsFirst ? "FIRST" : "LAST")")
            }
            let keyed = add("SELECT *, \(list.joined(separator: ", ")) FROM \(i)")
            return add("SELECT row_number() OVER (ORDER BY \(order.joined(separator: ", ")), o) AS o, \(columns(n)) FROM \(keyed)")
        case .limit(let input, let count):
            let i = try node(input)
            return add("SELECT o, \(columns(n)) FROM \(i) ORDER BY o LIMIT \(count)")
        case .distinct(let input):
            let i = try node(input)
            return add("SELECT MIN(o) AS o, \(columns(n)) FROM \(i) GROUP BY \(columns(n))")
        case .count(let input):
            let i = try node(input)
            return add("SELECT 0 AS o, COUNT(*) AS c0 FROM \(i)")
        case .join(let leftPlan, let rightPlan, let kind, let leftKeys, let rightKeys):
            let l = try node(leftPlan), r = try node(rightPlan)
            let conditions = zip(leftKeys, rightKeys).map { lk, rk -> String in
                let lt = leftPlan.fields[lk].type, rt = rightPlan.fields[rk].type
                let c = DataType.common(lt, rt) ?? lt
                return "\(SQLTranslator.convert("L.c\(lk)", from: lt, to: c)) = \(SQLTranslator.convert("R.c\(rk)", from: rt, to: c))"
            }.joined(separator: " AND ")
            let nl = leftPlan.fields.count, nr = rightPlan.fields.count
            switch kind {
            case .semi, .anti:
                let exists = kind == .semi ? "EXISTS" : "NOT EXISTS"
                return add("SELECT o, \(columns(nl)) FROM \(l) AS L WHERE \(exists) (SELECT 1 FROM \(r) AS R WHERE \(conditions))")
            default:
                let word = kind == .inner ? "JOIN" : kind == .left ? "LEFT JOIN" : kind == .right ? "RIGHT JOIN" : "FULL JOIN"
                let left = (0..<nl).map { "L.c\($0) AS c\($0)" }
                let right = (0..<nr).map { "R.c\($0) AS c\(nl + $0)" }
                return add("SELECT row_number() OVER (ORDER BY L.o IS NULL, L.o, R.o) AS o, \((left + right).joined(separator: ", ")) FROM \(l) AS L \(word) \(r) AS R ON \(conditions)")
            }
        case .union(let inputs):
            var parts: [String] = []
            for (k, p) in inputs.enumerated() {
                let name = try node(p)
                let list = plan.fields.enumerated().map { j, f -> String in
                    guard let i = p.fields.firstIndex(where: { $0.name == f.name }) else { return "NULL AS c\(j)" }
                    return SQLTranslator.convert("c\(i)", from: p.fields[i].type, to: f.type) + " AS c\(j)"
                }
                parts.append("SELECT \(k) AS part, o, \(list.joined(separator: ", ")) FROM \(name)")
            }
            return add("SELECT row_number() OVER (ORDER BY part, o) AS o, \(columns(n)) FROM (\(parts.joined(separator: " UNION ALL ")))")
        default:
            // export, series and whatever else the generator does not make.
            throw Unsupported("plan node \(plan.node)".prefix(80).description)
        }
    }

    private mutating func aggregate(_ input: Plan, keys: [BoundExpr], aggregates: [AggregateCall]) throws -> String {
        // The keys are computed first, as k0, k1, ...: a bare integer in GROUP BY would name a column.
        var source = try node(input)
        let keySQL = keys.indices.map { "k\($0)" }
        if !keys.isEmpty {
            var list: [String] = []
            for (k, e) in keys.enumerated() { list.append("\(try expr(e)) AS k\(k)") }
            source = add("SELECT *, \(list.joined(separator: ", ")) FROM \(source)")
        }
        // stdev and variance need each group's mean first (two passes, as a statistician would).
        var windows: [String] = []
        for (j, call) in aggregates.enumerated() where call.function == .stdev || call.function == .variance {
            let partition = keySQL.isEmpty ? "" : "PARTITION BY " + keySQL.joined(separator: ", ")
            windows.append("AVG(\(try expr(call.arguments[0]))) OVER (\(partition)) AS m\(j)")
        }
        if !windows.isEmpty {
            source = add("SELECT *, \(windows.joined(separator: ", ")) FROM \(source)")
        }
        var list = [keys.isEmpty ? "0 AS o" : "MIN(o) AS o"]
        for (k, s) in keySQL.enumerated() { list.append("\(s) AS c\(k)") }
        for (j, call) in aggregates.enumerated() {
            var args: [String] = []
            for a in call.arguments { args.append(try expr(a)) }
            let s: String
            switch call.function {
            case .count: s = args.isEmpty ? "COUNT(*)" : "COUNT(\(args[0]))"
            case .countif: s = "COUNT(CASE WHEN \(args[0]) THEN 1 END)"
            case .sum: s = call.type == .float ? "SUM(CAST(\(args[0]) AS REAL))" : "SUM(\(args[0]))"
            case .avg: s = call.type == .duration ? "CAST(round(AVG(\(args[0]))) AS INTEGER)" : "AVG(\(args[0]))"
            case .min: s = "MIN(\(args[0]))"
            case .max: s = "MAX(\(args[0]))"
            case .dcount: s = "COUNT(DISTINCT \(args[0]))"
            case .stdev, .variance:
                let m = "m\(j)"
                // Equal values have no spread at all (the computed mean of equal values may be off a bit).
                let variance = "(CASE WHEN COUNT(\(args[0])) < 2 THEN NULL WHEN MIN(\(args[0])) = MAX(\(args[0])) THEN 0.0 "
                    + "ELSE SUM(((\(args[0])) - \(m)) * ((\(args[0])) - \(m))) / (COUNT(\(args[0])) - 1) END)"
                s = call.function == .stdev ? "sqrt(\(variance))" : variance
            case .median: s = "o_median(\(args[0]), \(call.type == .duration ? 1 : 0))"
            case .percentile, .percentiles: s = "o_pct(\(args[0]), \(args[1]))"
            case .percentileLinear: s = "o_pctlin(\(args[0]), \(args[1]), \(call.type == .duration ? 1 : 0))"
            default: throw Unsupported(call.function.rawValue)
            }
            list.append("\(s) AS c\(keys.count + j)")
        }
        let group = keySQL.isEmpty ? "" : " GROUP BY " + keySQL.joined(separator: ", ")
        return add("SELECT \(list.joined(separator: ", ")) FROM \(source)\(group)")
    }

    // MARK: expressions

    /// A value as an SQL literal of gemba type `type`.
    static func literal(_ v: Value, as type: DataType) -> String {
        let text: String
        switch v {
        case .null: return "NULL"
        case .int(let x): text = type == .float ? "\(Double(x))" : x == .min ? "(-9223372036854775807 - 1)" : "\(x)"
        case .float(let x): text = x.isFinite ? "\(x)" : "NULL"
        case .bool(let b): return b ? "1" : "0"
        case .string(let s):
            var out = String.UnicodeScalarView()
            for u in s.unicodeScalars {
                out.append(u)
                if u == "'" { out.append(u) }
            }
            return "'" + String(out) + "'"
        case .date(let d): text = type == .datetime ? "\(d * 86_400_000_000)" : "\(d)"
        case .datetime(let x), .duration(let x): text = "\(x)"
        }
        return text.hasPrefix("-") ? "(\(text))" : text
    }

    /// `sql` of gemba type `from` seen as `to`: dates become microseconds next to datetimes, ints reals.
    static func convert(_ sql: String, from: DataType, to: DataType) -> String {
        if from == to || from == .null { return sql }
        if from == .date && to == .datetime { return "((\(sql)) * \(microsPerDay))" }
        if from == .int && to == .float { return "CAST(\(sql) AS REAL)" }
        return sql
    }

    /// Floor division of two integer expressions (null when dividing by zero: SQLite's `/` is).
    static func floorDiv(_ a: String, _ b: String) -> String {
        "((\(a)) / (\(b)) - ((\(a)) % (\(b)) <> 0 AND ((\(a)) < 0) <> ((\(b)) < 0)))"
    }

    /// `x` rounded down to a multiple of the positive constant `s`.
    static func floorTo(_ x: String, _ s: Int64) -> String {
        "((\(x)) - (((\(x)) % \(s)) + \(s)) % \(s))"
    }

    /// A real number of microseconds as a duration: rounded, null when it does not fit in Int64.
    static func micros(_ v: String) -> String {
        "(CASE WHEN abs(\(v)) < 9.2e18 THEN CAST(round(\(v)) AS INTEGER) END)"
    }

    /// The day (days since 1970-01-01) of a microsecond instant.
    static func floorDay(_ t: String) -> String {
        "(" + floorTo(t, 86_400_000_000) + " / \(microsPerDay))"
    }

    /// A day number as SQLite date text, and back.
    static func dayText(_ d: String) -> String { "date((\(d)) * 86400, 'unixepoch')" }
    static func dayOf(_ text: String) -> String { "CAST(julianday(\(text)) - 2440587.5 AS INTEGER)" }

    /// ISO day of week, 1 = Monday, from SQLite's %w (0 = Sunday).
    static func dayOfWeek(_ d: String) -> String {
        "((CAST(strftime('%w', \(dayText(d))) AS INTEGER) + 6) % 7 + 1)"
    }

    private func expr(_ e: BoundExpr) throws -> String {
        switch e {
        case .column(let i, _):
            return "c\(i)"
        case .literal(let v, let t):
            return SQLTranslator.literal(v, as: t)
        case .unary(let op, let x, _):
            let a = try expr(x)
            switch op {
            case .not: return "(NOT \(a))"
            case .negate: return "(- \(a))"
            case .isNull: return "(\(a) IS NULL)"
            case .isNotNull: return "(\(a) IS NOT NULL)"
            }
        case .binary(let op, let l, let r, let t):
            return try binary(op, l, r, t)
        case .inList(let x, let values, let negated):
            let kept = values.filter { !$0.isNull }
            var target = x.type
            for v in kept { target = DataType.common(target, v.type) ?? target }
            let list = kept.map { SQLTranslator.literal($0, as: target) }.joined(separator: ", ")
            // A null in the list matches nothing; a null on the left gives null, even for an empty list.
            if kept.isEmpty { return "(CASE WHEN \(try expr(x)) IS NULL THEN NULL ELSE \(negated ? 1 : 0) END)" }
            return "(\(SQLTranslator.convert(try expr(x), from: x.type, to: target))\(negated ? " NOT" : "") IN (\(list)))"
        case .call(let f, let args, let t):
            return try call(f, args, t)
        }
    }

    private func binary(_ op: BinaryOp, _ l: BoundExpr, _ r: BoundExpr, _ t: DataType) throws -> String {
        let lt = l.type, rt = r.type
        let a = try expr(l), b = try expr(r)
        switch op {
        case .and: return "(\(a) AND \(b))"
        case .or: return "(\(a) OR \(b))"
        case .eq, .ne, .lt, .le, .gt, .ge:
            let c = DataType.common(lt, rt) ?? lt
            let sym = op == .eq ? "=" : op == .ne ? "<>" : op.rawValue
            return "(\(SQLTranslator.convert(a, from: lt, to: c)) \(sym) \(SQLTranslator.convert(b, from: rt, to: c)))"
        case .eqNoCase: return "(lower(\(a)) = lower(\(b)))"
        case .neNoCase: return "(lower(\(a)) <> lower(\(b)))"
        case .contains: return "(instr(\(a), \(b)) > 0)"
        case .notContains: return "(NOT (instr(\(a), \(b)) > 0))"
        case .startswith: return "(instr(\(a), \(b)) = 1)"
        case .notStartswith: return "(NOT (instr(\(a), \(b)) = 1))"
        case .endswith, .notEndswith:
            let test = "(length(\(a)) >= length(\(b)) AND substr(\(a), length(\(a)) - length(\(b)) + 1) = \(b))"
            return op == .endswith ? test : "(NOT \(test))"
        case .add, .sub, .mul, .div, .idiv, .mod:
            return try arithmetic(op, a, lt, b, rt, t)
        default:
            throw Unsupported(op.rawValue)
        }
    }

    private func arithmetic(_ op: BinaryOp, _ a: String, _ lt: DataType, _ b: String, _ rt: DataType, _ t: DataType) throws -> String {
        let sym = op.rawValue
        switch t {
        case .null:
            return "NULL"
        case .int:
            switch op {
            case .idiv: return SQLTranslator.floorDiv(a, b)
            case .div: throw Unsupported("int-typed /")
            default: return "(\(a) \(sym) \(b))"
            }
        case .float:
            if lt == .duration && rt == .duration { return "(CAST(\(a) AS REAL) / \(b))" }
            switch op {
            case .div: return "(CAST(\(a) AS REAL) / \(b))"
            case .idiv: return "floor(CAST(\(a) AS REAL) / \(b))"
            case .mod: return "mod(\(a), \(b))"
            default: return "(CAST(\(a) AS REAL) \(sym) \(b))"
            }
        case .duration:
            if lt == .date || lt == .datetime {
                // time − time
                let c = DataType.common(lt, rt) ?? lt
                let diff = "(\(SQLTranslator.convert(a, from: lt, to: c)) - \(SQLTranslator.convert(b, from: rt, to: c)))"
                return c == .date ? "(\(diff) * \(SQLTranslator.microsPerDay))" : diff
            }
            switch op {
            case .mul:
                if lt == .float || rt == .float { return SQLTranslator.micros("(CAST(\(a) AS REAL) * \(b))") }
                return "(\(a) * \(b))"
            case .div:
                if rt == .float { return SQLTranslator.micros("(CAST(\(a) AS REAL) / \(b))") }
                return SQLTranslator.floorDiv(a, b)
            default:
                return "(\(a) \(sym) \(b))"
            }
        case .date:
            // date ± a whole number of days (a constant, checked by the binder).
            let (day, dur) = lt == .duration ? (b, a) : (a, b)
            return "(\(day) \(sym) (\(dur)) / \(SQLTranslator.microsPerDay))"
        case .datetime:
            return "(\(SQLTranslator.convert(a, from: lt, to: .datetime)) \(sym) \(SQLTranslator.convert(b, from: rt, to: .datetime)))"
        default:
            throw Unsupported("arithmetic giving \(t.rawValue)")
        }
    }

    /// An expression rendered as gemba's text for it (`tostring`, `strcat`).
    private func text(_ e: BoundExpr) throws -> String {
        let a = try expr(e)
        switch e.type {
        case .string: return a
        case .int: return "CAST(\(a) AS TEXT)"
        case .bool: return "(CASE \(a) WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)"
        case .date: return SQLTranslator.dayText(a)
        case .null: return "NULL"
        default: throw Unsupported("text of \(e.type.rawValue)")
        }
    }

    private func call(_ f: ScalarFunction, _ args: [BoundExpr], _ t: DataType) throws -> String {
        var a: [String] = []
        for x in args { a.append(try expr(x)) }
        let D = SQLTranslator.microsPerDay
        func typed(_ k: Int) -> String {
            let s = SQLTranslator.convert(a[k], from: args[k].type, to: t)
            return t == .float ? "CAST(\(s) AS REAL)" : s
        }
        func constantInt(_ k: Int) -> Int64? {
            if case .literal(.int(let v), _) = args[k] { return v }
            return nil
        }
        func constantDuration(_ k: Int) -> Int64? {
            if case .literal(.duration(let v), _) = args[k] { return v }
            return nil
        }
        func finite(_ s: String) -> String { "(CASE WHEN abs(\(s)) <= 1.7976931348623157e308 THEN \(s) END)" }
        let x = args.first?.type ?? .null
        switch f {
        case .strlen: return "length(\(a[0]))"
        case .tolower: return "lower(\(a[0]))"
        case .toupper: return "upper(\(a[0]))"
        case .trim: return "trim(\(a[0]), ' ' || char(9) || char(10) || char(11) || char(12) || char(13))"
        case .strcat:
            var parts: [String] = []
            for e in args { parts.append("coalesce(\(try text(e)), '')") }
            return "(" + parts.joined(separator: " || ") + ")"
        case .substring:
            // 0-based; a negative start counts from the end (docs/language.md).
            let start = "(CASE WHEN \(a[1]) < 0 THEN max(length(\(a[0])) + \(a[1]), 0) ELSE \(a[1]) END) + 1"
            if a.count > 2 { return "substr(\(a[0]), \(start), max(\(a[2]), 0))" }
            return "substr(\(a[0]), \(start))"
        case .replace: return "replace(\(a[0]), \(a[1]), \(a[2]))"
        case .isnull: return "(\(a[0]) IS NULL)"
        case .isnotnull: return "(\(a[0]) IS NOT NULL)"
        case .iff:
            return "(CASE WHEN \(a[0]) THEN \(typed(1)) ELSE \(typed(2)) END)"
        case .case:
            var s = "(CASE"
            var k = 0
            while k + 1 < a.count { s += " WHEN \(a[k]) THEN \(typed(k + 1))"; k += 2 }
            return s + " ELSE \(typed(a.count - 1)) END)"
        case .coalesce:
            let list = a.indices.map { typed($0) }
            return "coalesce(" + (list.count == 1 ? list + ["NULL"] : list).joined(separator: ", ") + ")"
        case .tostring: return try text(args[0])
        case .toint:
            switch x {
            case .int, .bool, .duration, .null: return a[0]
            case .float: return "CAST(\(a[0]) AS INTEGER)"
            default: throw Unsupported("toint of \(x.rawValue)")
            }
        case .tofloat:
            guard x.isNumeric || x == .bool || x == .null else { throw Unsupported("tofloat of \(x.rawValue)") }
            return "CAST(\(a[0]) AS REAL)"
        case .todate:
            switch x {
            case .date, .null: return a[0]
            case .datetime: return SQLTranslator.floorDay(a[0])
            default: throw Unsupported("todate of \(x.rawValue)")
            }
        case .todatetime:
            switch x {
            case .datetime, .null: return a[0]
            case .date: return "((\(a[0])) * \(D))"
            default: throw Unsupported("todatetime of \(x.rawValue)")
            }
        case .toduration:
            guard x == .duration || x == .null else { throw Unsupported("toduration of \(x.rawValue)") }
            return a[0]
        case .abs: return "abs(\(a[0]))"
        case .round:
            var digits: Int64 = 0
            if args.count > 1 {
                guard let d = constantInt(1) else { throw Unsupported("round with non-constant digits") }
                digits = d
            }
            if x == .int {
                if digits >= 0 { return a[0] }
                var scale: Int64 = 1
                for _ in 0..<(-digits) { scale *= 10 }
                return "(CAST(round(CAST(\(a[0]) AS REAL) / \(scale)) AS INTEGER) * \(scale))"
            }
            var scale = 1.0
            for _ in 0..<abs(digits) { scale *= 10 }
            if digits < 0 { scale = 1 / scale }
            return "(round((\(a[0])) * \(scale)) / \(scale))"
        case .floor, .ceil:
            if x == .int { return a[0] }
            return "\(f.rawValue)(\(a[0]))"
        case .sqrt: return "sqrt(\(a[0]))"
        case .pow: return finite("pow(\(a[0]), \(a[1]))")
        case .log: return "ln(\(a[0]))"
        case .exp: return finite("exp(\(a[0]))")
        case .bin:
            switch (x, args[1].type) {
            case (.int, .int), (.duration, .duration), (.datetime, .duration):
                guard let s = constantInt(1) ?? constantDuration(1), s > 0 else { throw Unsupported("bin by a non-constant size") }
                return SQLTranslator.floorTo(a[0], s)
            case (.date, .duration):
                guard let s = constantDuration(1), s > 0, s % 86_400_000_000 == 0 else { throw Unsupported("bin of a date") }
                return SQLTranslator.floorTo(a[0], s / 86_400_000_000)
            case (.null, _): return "NULL"
            default:
                return "(floor(CAST(\(a[0]) AS REAL) / \(a[1])) * \(a[1]))"
            }
        case .startofday, .startofweek, .startofmonth, .startofquarter, .startofyear:
            if x == .null { return "NULL" }
            let day = x == .date ? a[0] : SQLTranslator.floorDay(a[0])
            let text = SQLTranslator.dayText(day)
            let start: String
            switch f {
            case .startofday: start = day
            case .startofweek: start = SQLTranslator.dayOf("date(\(text), '-6 days', 'weekday 1')")
            case .startofmonth: start = SQLTranslator.dayOf("date(\(text), 'start of month')")
            case .startofquarter:
                start = SQLTranslator.dayOf("date(\(text), 'start of month', '-' || ((CAST(strftime('%m', \(text)) AS INTEGER) - 1) % 3) || ' months')")
            default: start = SQLTranslator.dayOf("date(\(text), 'start of year')")
            }
            return x == .date ? start : "(\(start) * \(D))"
        case .dayofweek, .year, .month, .day, .week, .hour:
            if x == .null { return "NULL" }
            let day = x == .date ? a[0] : SQLTranslator.floorDay(a[0])
            switch f {
            case .dayofweek: return SQLTranslator.dayOfWeek(day)
            case .year: return "CAST(strftime('%Y', \(SQLTranslator.dayText(day))) AS INTEGER)"
            case .month: return "CAST(strftime('%m', \(SQLTranslator.dayText(day))) AS INTEGER)"
            case .day: return "CAST(strftime('%d', \(SQLTranslator.dayText(day))) AS INTEGER)"
            case .week:
                // ISO week: the week's Thursday decides the year; its day of the year gives the week.
                let thursday = "(\(day) - \(SQLTranslator.dayOfWeek(day)) + 4)"
                return "((CAST(strftime('%j', \(SQLTranslator.dayText(thursday))) AS INTEGER) - 1) / 7 + 1)"
            default:
                if x == .date { return "((\(a[0])) * 0)" }
                return "(((((\(a[0])) % \(D)) + \(D)) % \(D)) / 3600000000)"
            }
        case .days: return "(CAST(\(a[0]) AS REAL) / \(D))"
        case .hours: return "(CAST(\(a[0]) AS REAL) / 3600000000)"
        default:
            // split, workdays, ...
            throw Unsupported(f.rawValue)
        }
    }
}
