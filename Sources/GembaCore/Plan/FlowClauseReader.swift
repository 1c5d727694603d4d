/// Reads a flow operator's clauses: checks that each is one the operator takes and is given once, and
/// hands them out by name.
struct FlowClauseReader {
    let op: FlowOperator
    private let clauses: FlowClauses

    /// Checks every clause name against what `op` takes; an unknown or repeated one is an error at its
    /// place, with the nearest known names.
    init(_ op: FlowOperator, _ clauses: FlowClauses, options: [String], lists: [String], words: [String],
         sources: [String] = []) throws(Diagnostic) {
        self.op = op
        self.clauses = clauses
        let known = options.map { $0 + "=" } + lists.map { $0 + " (...)" } + words + sources.map { $0 + " (QUERY)" }
        var seen = Set<String>()
        func check(_ n: NameRef, _ allowed: [String], _ shape: String) throws(Diagnostic) {
            guard allowed.contains(n.name) else {
                let all = options + lists + words + sources
                var notes = Suggest.notes(for: n.name, among: all, what: "clauses")
                if all.contains(n.name) { notes = ["write it as " + known[all.firstIndex(of: n.name) ?? 0]] }
                throw Diagnostic("'\(op.rawValue)' has no \(shape) '\(n.name)'", at: n.range,
                                 notes: notes.isEmpty ? ["'\(op.rawValue)' takes: " + known.joined(separator: ", ")] : notes)
            }
            guard seen.insert(n.name).inserted else {
                throw Diagnostic("'\(n.name)' is given twice", at: n.range)
            }
        }
        for o in clauses.options { try check(o.name, options, "option") }
        for l in clauses.lists { try check(l.name, lists, "list") }
        for c in clauses.clauses { try check(c.name, words, "clause") }
        for s in clauses.sources { try check(s.name, sources, "input") }
    }

    /// The value of option `name=VALUE`.
    func option(_ name: String) -> (name: NameRef, value: Expr)? { clauses.options.first { $0.name.name == name } }
    /// The items of list `name (...)`.
    func list(_ name: String) -> (name: NameRef, items: [Expr])? { clauses.lists.first { $0.name.name == name } }
    /// The query after source word `name` (`over (QUERY)`).
    func source(_ name: String) -> (name: NameRef, query: Query)? { clauses.sources.first { $0.name.name == name } }
    /// The value written before the clauses (`attribute VALUE`).
    var lead: Expr? { clauses.lead }
    /// The expressions after clause word `name`.
    func clause(_ name: String) -> (name: NameRef, values: [Assignment])? { clauses.clauses.first { $0.name.name == name } }

    /// The one expression after clause word `name` (an error when there are several).
    func single(_ name: String) throws(Diagnostic) -> Expr? {
        guard let c = clause(name) else { return nil }
        guard c.values.count == 1, c.values[0].name == nil else {
            throw Diagnostic("'\(name)' takes one value", at: c.name.range)
        }
        return c.values[0].expr
    }
}
