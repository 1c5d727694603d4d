/// One gemba session: a catalog of tables, views and scalars, and the last result (`_`). Runs
/// statement text through every step: tokens → syntax → plan → execution → result.
public final class Session {
    /// The session's tables, views and scalar constants.
    public var catalog: Catalog
    /// The result of the last query that printed: `_` in the language.
    public private(set) var last: Table?
    /// Where tables and views are written through to (the open workspace), if anywhere.
    public var persistence: CatalogPersistence?

    /// A session over `catalog`.
    public init(catalog: Catalog = Catalog()) {
        self.catalog = catalog
    }

    /// Runs every statement in `text` in order, handing each result to `onResult`; stops at the first
    /// error and throws it. Statements before the error have run. `firstLine` is the line `text` starts
    /// on in its file, so errors name file lines.
    public func run(_ text: String, firstLine: Int = 1, onResult: (StatementResult) throws -> Void) throws(StatementError) {
        let source = SourceText(text, firstLine: firstLine)
        for statementTokens in StatementSplitter.split(Lexer.tokenize(source)) {
            let result: StatementResult
            do {
                try Self.checkSize(statementTokens)
                let statement = try Parser.parse(statementTokens)
                result = try execute(statement, source: source)
            } catch let d {
                throw StatementError([d], source: source)
            }
            do {
                try onResult(result)
            } catch {
                let range = statementTokens.first?.range ?? SourceRange(0, 0)
                throw StatementError([Diagnostic("\(error)", at: range)], source: source)
            }
        }
    }

    /// The longest statement, in bytes, as SQLite's default `SQLITE_MAX_SQL_LENGTH`: more is data,
    /// which belongs in a file (`.load`), and parsing it would take long and much memory.
    public static let maxStatementBytes = 1_000_000

    private static func checkSize(_ tokens: [Token]) throws(Diagnostic) {
        guard let first = tokens.first, let last = tokens.last else { return }
        let size = last.range.end - first.range.start
        guard size > maxStatementBytes else { return }
        throw Diagnostic("statement too long: \(size) bytes, the most is \(maxStatementBytes)", at: first.range,
                         notes: ["load large data from a file with .load instead of writing it into a statement"])
    }

    /// Binds and runs one parsed statement.
    private func execute(_ statement: Statement, source: SourceText) throws(Diagnostic) -> StatementResult {
        let binder = Binder(catalog: catalog, last: last, source: source)
        switch statement {
        case .let(let name, let query):
            switch try binder.bindStatement(query, allowRender: false) {
            case .relation:
                let view = ViewDefinition(name: name.name, text: source.slice(query.range))
                do { try persistence?.storeView(view) } catch {
                    throw Diagnostic("could not store view '\(name.name)': \(error)", at: name.range)
                }
                catalog.setView(view)
            case .scalar(let expr):
                let value = try PlanExecutor.evaluateConstant(expr, range: query.range)
                catalog.setScalar(name.name, value)
            }
            return .defined(name: name.name)
        case .query(let query):
            let plan: Plan
            switch try binder.bindStatement(query) {
            case .relation(let p): plan = p
            case .scalar(let expr): plan = Plan.scalarRow(expr, range: query.range)
            }
            let outcome = try PlanExecutor.run(plan.pruned())
            // An interrupted statement changes nothing, even one that finished after Ctrl-C.
            try Cancellation.check(plan.range)
            switch outcome {
            case .table(let t):
                last = t
                return .table(t)
            case .exported(let path, let rows):
                return .exported(path: path, rows: rows)
            case .chart(let t, let spec):
                last = t
                return .chart(t, spec)
            case .chartExport(let path, let table, let spec):
                return .chartExport(path: path, table: table, spec: spec)
            case .storeTable(let name, let table):
                do { try persistence?.storeTable(table, named: name) } catch {
                    throw Diagnostic("could not store table '\(name)': \(error)", at: plan.range)
                }
                catalog.setTable(name, table)
                return .stored(name: name, rows: table.rowCount)
            }
        }
    }

    /// Adds or replaces a table (`.load`), writing it through to the workspace first.
    public func defineTable(_ name: String, _ table: Table) throws {
        // Ctrl-C after the file was read: the load is reported interrupted, so nothing may change.
        if Cancellation.isRequested { throw Cancellation.Interrupted() }
        try persistence?.storeTable(table, named: name)
        catalog.setTable(name, table)
    }

    /// Removes a table, view or scalar (`.drop`); false when there was none.
    @discardableResult
    public func drop(_ name: String) throws -> Bool {
        guard catalog.tables[name] != nil || catalog.views[name] != nil || catalog.scalars[name] != nil else { return false }
        if catalog.scalars[name] == nil { try persistence?.drop(name) }
        return catalog.drop(name)
    }

    /// The columns a query would produce, found by binding it without running it; nil when it does
    /// not bind (completion and `.schema` use this for views).
    public func fields(of query: String) -> [Field]? {
        let source = SourceText(query)
        guard let tokens = StatementSplitter.split(Lexer.tokenize(source)).first,
              let q = try? Parser.parseQuery(tokens),
              case .relation(let plan)? = try? Binder(catalog: catalog, last: last, source: source).bindStatement(q) else { return nil }
        return plan.fields
    }
}
