/// One gemba session: a catalog of tables, views and scalars, and the last result (`_`). Runs
/// statement text through every step: tokens → syntax → plan → execution → result.
public final class Session {
    /// The session's tables, views and scalar constants.
    public var catalog: Catalog
    /// The result of the last query that printed: `_` in the language.
    public private(set) var last: Table?
    /// Called after a `let` defines or replaces a view, before the statement counts as done; a throw
    /// undoes it (the workspace writes views through this).
    public var onViewDefined: ((ViewDefinition) throws -> Void)?

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

    /// Binds and runs one parsed statement.
    private func execute(_ statement: Statement, source: SourceText) throws(Diagnostic) -> StatementResult {
        let binder = Binder(catalog: catalog, last: last, source: source)
        switch statement {
        case .let(let name, let query):
            switch try binder.bindStatement(query) {
            case .relation:
                let view = ViewDefinition(name: name.name, text: source.slice(query.range))
                var updated = catalog
                updated.setView(view)
                // Check the view binds against the new catalog before keeping it.
                do { try onViewDefined?(view) } catch {
                    throw Diagnostic("could not store view '\(name.name)': \(error)", at: name.range)
                }
                catalog = updated
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
            let outcome = try PlanExecutor.run(plan)
            switch outcome {
            case .table(let t):
                last = t
                return .table(t)
            case .exported(let path, let rows):
                return .exported(path: path, rows: rows)
            }
        }
    }
}
