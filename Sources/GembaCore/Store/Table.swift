/// A named, typed column of a table's schema.
public struct Field: Sendable, Hashable {
    /// The column's name.
    public var name: String
    /// The column's type.
    public var type: DataType
    /// A field.
    public init(_ name: String, _ type: DataType) { self.name = name; self.type = type }
}

/// A table: equally long columns with names. Results, loaded files and stored tables are all tables.
public struct Table: Sendable {
    /// The columns' names and types, in order.
    public private(set) var fields: [Field]
    /// The columns, in the order of `fields`.
    public private(set) var columns: [Column]
    /// The number of rows.
    public let rowCount: Int

    /// A table from fields and columns of equal length.
    public init(fields: [Field], columns: [Column], rowCount: Int? = nil) {
        precondition(fields.count == columns.count, "a field per column")
        self.fields = fields
        self.columns = columns
        self.rowCount = rowCount ?? columns.first?.count ?? 0
    }

    /// A table from named columns.
    public init(_ named: [(String, Column)]) {
        self.init(fields: named.map { Field($0.0, $0.1.type) }, columns: named.map { $0.1 })
    }

    /// An empty table of no columns.
    public static let empty = Table(fields: [], columns: [], rowCount: 0)

    /// The index of the column called `name` (exact match).
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// The column called `name`.
    public func column(_ name: String) -> Column? { index(of: name).map { columns[$0] } }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Table {
        Table(fields: fields, columns: columns.map { $0.gather(indices) }, rowCount: indices.count)
    }

    /// The rows at `indices` of the columns in `only`; the others become empty columns of their type
    /// (for an operator that reads a few columns of a wide table).
    func gather(_ indices: [Int], only: Set<Int>) -> Table {
        Table(fields: fields, columns: columns.indices.map { j in
            only.contains(j) ? columns[j].gather(indices) : Column.constant(.null, type: fields[j].type, count: 0)
        }, rowCount: indices.count)
    }

    /// Row `i` as values (for display and tests).
    public func row(_ i: Int) -> [Value] { columns.map { $0.value(at: i) } }
}
