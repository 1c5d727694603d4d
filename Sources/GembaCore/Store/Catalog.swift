/// A named query kept by `let NAME = QUERY`: its text, re-bound each time it is used.
public struct ViewDefinition: Sendable {
    /// The view's name.
    public var name: String
    /// The query's source text (what `let` had after `=`).
    public var text: String
    /// A view.
    public init(name: String, text: String) { self.name = name; self.text = text }
}

/// The session's named things: tables, views and scalar constants. Names are case-sensitive.
public struct Catalog: Sendable {
    /// Tables by name.
    public private(set) var tables: [String: Table] = [:]
    /// Views by name.
    public private(set) var views: [String: ViewDefinition] = [:]
    /// Scalar constants (`let x = EXPR`) by name.
    public private(set) var scalars: [String: Value] = [:]

    /// An empty catalog.
    public init() {}

    /// Adds or replaces a table; a view or scalar of the same name goes.
    public mutating func setTable(_ name: String, _ table: Table) {
        views[name] = nil; scalars[name] = nil
        tables[name] = table
    }

    /// Adds or replaces a view; a table or scalar of the same name goes.
    public mutating func setView(_ view: ViewDefinition) {
        tables[view.name] = nil; scalars[view.name] = nil
        views[view.name] = view
    }

    /// Adds or replaces a scalar; a table or view of the same name goes.
    public mutating func setScalar(_ name: String, _ value: Value) {
        tables[name] = nil; views[name] = nil
        scalars[name] = value
    }

    /// Removes whatever is called `name`; false when nothing was.
    @discardableResult public mutating func drop(_ name: String) -> Bool {
        let had = tables[name] != nil || views[name] != nil || scalars[name] != nil
        tables[name] = nil; views[name] = nil; scalars[name] = nil
        return had
    }

    /// Every table and view name, sorted.
    public var relationNames: [String] { (Array(tables.keys) + Array(views.keys)).sorted() }
}
