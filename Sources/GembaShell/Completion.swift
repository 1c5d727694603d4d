import GembaCore

/// What Tab offers at the prompt: dot commands at the start of a line, operators after `|`, and
/// otherwise table and view names, the columns of the tables named in the statement, functions and
/// keywords. Pure logic over a snapshot of names, so it is tested without a terminal.
struct Completion: Sendable {
    /// Table and view names.
    var relations: [String] = []
    /// Each table's or view's columns.
    var columns: [String: [String]] = [:]

    /// A snapshot of the session's names (views' columns come from binding them).
    init(session: Session) {
        let catalog = session.catalog
        relations = catalog.relationNames
        for (name, table) in catalog.tables { columns[name] = table.fields.map(\.name) }
        for name in catalog.views.keys {
            if let fields = session.fields(of: name) { columns[name] = fields.map(\.name) }
        }
        scalars = Array(catalog.scalars.keys)
    }

    /// An empty snapshot (tests fill it in).
    init(relations: [String] = [], columns: [String: [String]] = [:]) {
        self.relations = relations
        self.columns = columns
    }

    var scalars: [String] = []

    static let dotCommands = Help.commands.map { "." + $0.name }
    static let operators = Parser.operatorNames
    static let functions = (ScalarFunction.allCases.map(\.rawValue) + AggregateFunction.allCases.map(\.rawValue) + ["now", "today"]).sorted()
    static let keywords = ["by", "and", "or", "not", "in", "between", "asc", "desc", "nulls", "first", "last", "on",
                           "kind", "true", "false", "null", "let", "contains", "startswith", "endswith", "step", "from", "to"]

    /// The completions of the word ending at the end of `before` (the text left of the cursor, with any
    /// earlier lines of the statement in front). Nil means "complete a file name" (after `.load` and
    /// friends).
    func candidates(before: String) -> [String]? {
        let lastLine = before.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? before
        let trimmed = lastLine.drop { $0 == " " || $0 == "\t" }
        let word = String(lastLine.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }.reversed())
        if trimmed.hasPrefix(".") {
            if !trimmed.contains(" ") { return Completion.dotCommands.filter { $0.hasPrefix(word) } }
            let command = trimmed.prefix { $0 != " " }
            if [".load", ".read", ".open", ".save", ".output", ".once", ".export"].contains(String(command)) { return nil }
            if [".schema", ".drop"].contains(String(command)) { return relations.filter { $0.hasPrefix(word) } }
            return []
        }
        let beforeWord = before.dropLast(word.count).reversed().drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        if beforeWord.first == "|" {
            return Completion.operators.filter { $0.hasPrefix(word) }.sorted()
        }
        var names = Set(relations + scalars + Completion.functions + Completion.keywords)
        for relation in mentionedRelations(before) { names.formUnion(columns[relation] ?? []) }
        return names.filter { $0.hasPrefix(word) && $0 != word }.sorted()
    }

    /// The tables and views the statement names so far.
    private func mentionedRelations(_ text: String) -> [String] {
        let words = text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
        let known = Set(relations)
        return Array(Set(words.filter { known.contains($0) }))
    }

    /// The longest prefix all candidates share.
    static func commonPrefix(_ items: [String]) -> String {
        guard var prefix = items.first else { return "" }
        for s in items.dropFirst() {
            while !s.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
