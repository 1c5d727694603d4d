import GembaCore

/// A workspace is where an open session writes its tables and views through to.
extension Workspace: CatalogPersistence {
    /// Stores (or replaces) a table in one transaction.
    public func storeTable(_ table: Table, named name: String) throws { try saveTable(table, named: name) }
    /// Stores (or replaces) a view in one transaction.
    public func storeView(_ view: ViewDefinition) throws { try saveView(view) }
    /// Removes a table or view in one transaction.
    public func drop(_ name: String) throws { try dropName(name) }
}
