/// Binding `render KIND with (...)`: the kind, its options, and the default columns.
extension Binder {
    /// The options `render` takes.
    static let renderOptionNames = ["title", "x", "y", "series", "width", "height", "log", "percentiles", "stacked", "bins"]

    /// Binds `render` on top of `input`: resolves the options and the columns to draw.
    func bindRender(kind: NameRef, options: [RenderOption], input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let scope = input.fields
        guard let chart = ChartKind(rawValue: kind.name) else {
            throw Diagnostic("unknown chart kind '\(kind.name)'", at: kind.range,
                             notes: Suggest.notes(for: kind.name, among: ChartKind.allCases.map(\.rawValue), what: "chart kinds"))
        }
        guard !scope.isEmpty else { throw Diagnostic("render needs a result with columns", at: range) }
        var title: String?, x: Int?, y: [Int]?, series: Int?, width: Int?, height: Int?, bins: Int?
        var log = false, stacked = false, percentiles: [Double] = []
        var seen: Set<String> = []
        for o in options {
            guard Binder.renderOptionNames.contains(o.name.name) else {
                throw Diagnostic("unknown render option '\(o.name.name)'", at: o.name.range,
                                 notes: Suggest.notes(for: o.name.name, among: Binder.renderOptionNames, what: "options"))
            }
            guard seen.insert(o.name.name).inserted else {
                throw Diagnostic("render option '\(o.name.name)' is given twice", at: o.name.range)
            }
            switch o.name.name {
            case "title": title = try stringOption(o)
            case "x": x = try columnOption(o, scope)
            case "series": series = try columnOption(o, scope)
            case "y":
                y = try bindEach(o.values) { (e) throws(Diagnostic) in
                    guard let n = e.bareName else { throw Diagnostic("y takes column names", at: e.range) }
                    return try columnIndex(NameRef(n, e.range), in: scope)
                }
            case "width": width = try intOption(o, 8...1000)
            case "height": height = try intOption(o, 4...200)
            case "bins": bins = try intOption(o, 1...500)
            case "log": log = try boolOption(o)
            case "stacked": stacked = try boolOption(o)
            default:
                percentiles = try bindEach(o.values) { (e) throws(Diagnostic) in
                    guard let p = numberLiteral(e), p > 0, p < 100 else {
                        throw Diagnostic("a percentile is a number between 0 and 100", at: e.range)
                    }
                    return p
                }
            }
        }
        let xi = x ?? 0
        // A string column between x and the (first) value column splits the series.
        if series == nil, chart != .histogram, chart != .xmr {
            let firstValue = y?.min() ?? scope.indices.first { $0 > xi && scope[$0].type.isNumeric } ?? scope.count
            series = scope.indices.first { $0 > xi && $0 < firstValue && scope[$0].type == .string }
        }
        var limits: XmrColumns? = nil
        var values: [Int]
        if let y {
            values = y
        } else {
            let xmrNames: Set<String> = ["mr", "mean", "mr_mean", "unpl", "lnpl", "url"]
            let candidates: [Int]
            switch chart {
            case .histogram: candidates = scope.indices.filter { ($0 == xi || x == nil) && scope[$0].type.isNumeric }
            case .xmr: candidates = scope.indices.filter { $0 > xi && scope[$0].type.isNumeric && !xmrNames.contains(scope[$0].name) }
            default: candidates = scope.indices.filter { $0 > xi && $0 != series && scope[$0].type.isNumeric }
            }
            values = series != nil || chart == .scatter || chart == .histogram || chart == .xmr ? Array(candidates.prefix(1)) : candidates
        }
        guard !values.isEmpty else {
            throw Diagnostic("render \(chart.rawValue) needs a numeric column to draw", at: range,
                             notes: ["name one with 'with (y=COLUMN)'; the columns: " + scope.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", ")])
        }
        for v in values where !scope[v].type.isNumeric {
            throw Diagnostic("render \(chart.rawValue) draws numbers, but '\(scope[v].name)' is \(scope[v].type.rawValue)",
                             at: optionRange("y", options) ?? range)
        }
        switch chart {
        case .line, .timechart, .area, .scatter, .xmr:
            let t = scope[xi].type
            let ok = chart == .timechart ? (t == .date || t == .datetime) : (t.isNumeric || t == .date || t == .datetime)
            if !ok {
                throw Diagnostic("render \(chart.rawValue) needs a \(chart == .timechart ? "date or datetime" : "numeric, date or datetime") x column, but '\(scope[xi].name)' is \(t.rawValue)",
                                 at: optionRange("x", options) ?? range)
            }
        default: break
        }
        if chart == .xmr {
            func find(_ n: String) -> Int? { scope.firstIndex { $0.name == n } }
            guard let mean = find("mean"), let upper = find("unpl"), let lower = find("lnpl") else {
                throw Diagnostic("render xmr draws xmr's output: the columns mean, unpl and lnpl are missing", at: range,
                                 notes: ["add '| xmr on COLUMN' before render"])
            }
            limits = XmrColumns(mean: mean, upper: upper, lower: lower, signal: find("signal"))
        }
        if !percentiles.isEmpty && chart != .scatter {
            throw Diagnostic("percentiles are drawn on scatter charts only", at: optionRange("percentiles", options) ?? range)
        }
        let spec = ChartSpec(kind: chart, title: title, x: xi, y: values, series: series, width: width, height: height,
                             log: log, percentiles: percentiles, stacked: stacked, bins: bins, limits: limits)
        return Plan(.render(input, spec), fields: scope, range: range)
    }

    private func optionRange(_ name: String, _ options: [RenderOption]) -> SourceRange? {
        options.first { $0.name.name == name }?.range
    }

    private func single(_ o: RenderOption) throws(Diagnostic) -> Expr {
        guard !o.isList, let e = o.values.first else { throw Diagnostic("option '\(o.name.name)' takes one value", at: o.range) }
        return e
    }

    private func stringOption(_ o: RenderOption) throws(Diagnostic) -> String {
        let e = try single(o)
        guard case .literal(.string(let s)) = e.kind else { throw Diagnostic("option '\(o.name.name)' takes a string in quotes", at: e.range) }
        return s
    }

    private func columnOption(_ o: RenderOption, _ scope: [Field]) throws(Diagnostic) -> Int {
        let e = try single(o)
        guard let n = e.bareName else { throw Diagnostic("option '\(o.name.name)' takes a column name", at: e.range) }
        return try columnIndex(NameRef(n, e.range), in: scope)
    }

    private func intOption(_ o: RenderOption, _ allowed: ClosedRange<Int>) throws(Diagnostic) -> Int {
        let e = try single(o)
        guard case .literal(.int(let n)) = e.kind, allowed.contains(Int(n)) else {
            throw Diagnostic("option '\(o.name.name)' takes a whole number from \(allowed.lowerBound) to \(allowed.upperBound)", at: e.range)
        }
        return Int(n)
    }

    private func boolOption(_ o: RenderOption) throws(Diagnostic) -> Bool {
        let e = try single(o)
        guard case .literal(.bool(let b)) = e.kind else { throw Diagnostic("option '\(o.name.name)' takes true or false", at: e.range) }
        return b
    }

    private func numberLiteral(_ e: Expr) -> Double? {
        switch e.kind {
        case .literal(.int(let n)): return Double(n)
        case .literal(.float(let f)): return f
        default: return nil
        }
    }
}
