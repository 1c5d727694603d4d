/// What one statement produced, for the shell to show.
public enum StatementResult: Sendable {
    /// A query's result, to print (it is also `_` from now on).
    case table(Table)
    /// `let NAME = ...` defined a view or a scalar.
    case defined(name: String)
    /// `| export "PATH"` wrote `rows` rows to PATH.
    case exported(path: String, rows: Int)
    /// `| export table NAME` stored the result as table NAME.
    case stored(name: String, rows: Int)
    /// `| render KIND`: the result table (also `_` from now on), to draw as the spec says.
    case chart(Table, ChartSpec)
    /// `| render KIND | export "PATH.svg"`: the chart to write as SVG to PATH (the shell draws it).
    case chartExport(path: String, table: Table, spec: ChartSpec)
}
