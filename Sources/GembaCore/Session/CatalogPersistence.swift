/// Where a session's tables and views live besides memory: a workspace. The session calls it before
/// changing its catalog, so a failed write changes nothing.
public protocol CatalogPersistence: AnyObject {
    /// Stores (or replaces) a table.
    func storeTable(_ table: Table, named name: String) throws
    /// Stores (or replaces) a view.
    func storeView(_ view: ViewDefinition) throws
    /// Removes a table or view.
    func drop(_ name: String) throws
}
