extension Binder {
    /// `attribute VALUE over (ALLOCATIONS) [on ITEM] [hours=EXPR] by KEY, ...` over items: keys, `items`,
    /// `hours`, and the value attributed (named as VALUE's column, else `value`) (`docs/flow.md`).
    func bindAttribute(_ clauses: FlowClauses, input: Plan, range: SourceRange) throws(Diagnostic) -> Plan {
        let r = try FlowClauseReader(.attribute, clauses, options: ["hours"], lists: [], words: ["on", "by"], sources: ["over"])
        let scope = input.fields
        guard let lead = r.lead else { throw Diagnostic("attribute needs the value to share: attribute VALUE over (ALLOCATIONS) by KEY", at: range) }
        let value = try bindExpr(lead, scope: scope)
        guard value.type.isNumeric || value.type == .null else {
            throw typeError("attribute needs a number to share, not \(value.type.rawValue)", lead.range)
        }
        guard let over = r.source("over") else {
            throw Diagnostic("attribute needs 'over (ALLOCATIONS)': the hours allocated to each item", at: range)
        }
        let allocations = try bindQuery(over.query)
        let other = allocations.fields

        let item: String
        let itemRange: SourceRange
        if let e = try r.single("on") {
            guard let n = e.bareName else { throw Diagnostic("'on' takes the item column both sides have", at: e.range) }
            guard scope.contains(where: { $0.name == n }) else {
                throw Diagnostic("unknown column '\(n)' in the items", at: e.range, notes: Suggest.notes(for: n, among: scope.map(\.name), what: "columns"))
            }
            guard other.contains(where: { $0.name == n }) else {
                throw Diagnostic("unknown column '\(n)' in the allocations", at: e.range, notes: Suggest.notes(for: n, among: other.map(\.name), what: "columns"))
            }
            item = n
            itemRange = e.range
        } else {
            let both = ["item_id", "item", "id", "key"].first { n in scope.contains { $0.name == n } && other.contains { $0.name == n } }
            guard let both else {
                throw Diagnostic("attribute needs the item column both sides have: none of item_id, item, id, key is in both; name it with 'on COLUMN'",
                                 at: range, notes: ["allocations' columns: " + other.map(\.name).joined(separator: ", ")])
            }
            item = both
            itemRange = range
        }
        let itemIndex = scope.firstIndex { $0.name == item } ?? 0, allocationItem = other.firstIndex { $0.name == item } ?? 0
        guard TypeRules.comparable(scope[itemIndex].type, other[allocationItem].type) else {
            throw typeError("the item column is \(scope[itemIndex].type.rawValue) in the items and \(other[allocationItem].type.rawValue) in the allocations", itemRange)
        }

        let hours: BoundExpr
        if let o = r.option("hours") {
            hours = try bindExpr(o.value, scope: other)
            guard hours.type.isNumeric || hours.type == .null else { throw typeError("hours= needs a number, not \(hours.type.rawValue)", o.value.range) }
        } else if let i = other.firstIndex(where: { $0.name == "hours" }), other[i].type.isNumeric {
            hours = .column(i, other[i].type)
        } else {
            throw Diagnostic("attribute needs the hours of each allocation: the allocations have no number column hours; name them with hours=EXPR",
                             at: over.name.range, notes: ["allocations' columns: " + other.map(\.name).joined(separator: ", ")])
        }
        guard r.clause("by") != nil else {
            throw Diagnostic("attribute needs 'by KEY': whom to share the value among (person, team, ...)", at: range)
        }
        let (keys, keyFields) = try bucketKeys(r, scope: other)
        let fields = keyFields + [Field("items", .int), Field("hours", .float), Field(Binder.derivedName(lead) ?? "value", .float)]
        try checkDistinct(fields, r, range: range)
        let spec = AttributeSpec(value: value, item: itemIndex, allocations: allocations, allocationItem: allocationItem, hours: hours, keys: keys)
        return Plan(.attribute(input, spec), fields: fields, range: range)
    }
}
