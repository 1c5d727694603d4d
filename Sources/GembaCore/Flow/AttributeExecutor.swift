/// `attribute`: each item's value shared among the keys of its allocations in proportion to their
/// hours on it: key k gets value × hours(k, item) / hours(item). Items with a null value are left out;
/// the value of an item with no hours (no allocation rows, or hours adding to 0 or less) is not lost
/// but attributed to the null key, which also holds the hours whose keys are null. So the values of
/// the result add up to the items' values, to floating-point rounding.
///
/// Per key: `items` (the valued items it has hours on; for the null key also the unattributed items),
/// `hours` (its hours on valued items) and the value. Keys in order of first appearance in the
/// allocations, the null key last when only unattributed items make it.
enum AttributeExecutor {
    static func run(_ items: Table, _ spec: AttributeSpec, plan: Plan) throws(Diagnostic) -> Table {
        let range = plan.range
        let allocations = try PlanExecutor.execute(spec.allocations)
        let valueColumn = try ExpressionEvaluator(input: items, range: range).evaluate(spec.value)
        let values = ColumnAccess.doubles(valueColumn)
        let itemColumn = items.columns[spec.item]
        // The items with a value, numbered in their order.
        let valued = (0..<items.rowCount).filter { !itemColumn.isNull($0) && !valueColumn.isNull($0) }
        let names = itemColumn.gather(valued)
        if let (a, b) = KeyMatch.duplicate(in: names) {
            throw Diagnostic("item '\(names.value(at: b).text)' has two values (rows \(valued[a] + 1) and \(valued[b] + 1)): attribute needs one row per item",
                             at: range)
        }
        let itemOf = KeyMatch(probe: allocations.columns[spec.allocationItem], keys: names).index
        let aev = ExpressionEvaluator(input: allocations, range: range)
        let hoursColumn = try aev.evaluate(spec.hours)
        let hours = ColumnAccess.doubles(hoursColumn)
        // The allocation rows on valued items, with hours; grouped by key.
        let rows = (0..<allocations.rowCount).filter { itemOf[$0] >= 0 && Int(itemOf[$0]) < valued.count && !hoursColumn.isNull($0) }
        try Cancellation.check(range)
        var keys: [Column] = []
        for k in spec.keys { keys.append(try aev.evaluate(k).gather(rows)) }
        let grouping = try Grouping(keys: keys, rowCount: rows.count, range: range)
        var groupCount = rows.isEmpty ? 0 : grouping.count
        var keyRows = grouping.firstRow.prefix(groupCount).map { $0 }
        // The null key: the group whose keys are all null, or a new one.
        var nullGroup = (0..<groupCount).first { g in keys.allSatisfy { $0.isNull(keyRows[g]) } }

        // The rows of each item (a counting sort), then each item's hours per key and its value shared.
        var start = [Int](repeating: 0, count: valued.count + 1)
        for r in rows { start[Int(itemOf[r]) + 1] += 1 }
        for i in 0..<valued.count { start[i + 1] += start[i] }
        var byItem = [Int](repeating: 0, count: rows.count)
        var next = start
        for (k, r) in rows.enumerated() {
            byItem[next[Int(itemOf[r])]] = k
            next[Int(itemOf[r])] += 1
        }
        var attributed = [Double](repeating: 0, count: groupCount), groupHours = attributed
        var itemCount = [Int64](repeating: 0, count: groupCount)
        var unattributedValue = 0.0, unattributedItems: Int64 = 0
        var acc = [Double](repeating: 0, count: groupCount)
        var stamp = [Int](repeating: -1, count: groupCount)
        var touched: [Int] = []
        for item in 0..<valued.count {
            if interrupted(item) { break }
            for k in byItem[start[item]..<start[item + 1]] {
                let g = Int(grouping.groupOfRow[k])
                if stamp[g] != item { stamp[g] = item; acc[g] = 0; touched.append(g) }
                acc[g] += hours[rows[k]]
            }
            var total = 0.0
            for g in touched { total += acc[g] }
            let v = values[valued[item]]
            for g in touched { groupHours[g] += acc[g] }
            if total > 0 {
                for g in touched {
                    attributed[g] += v * acc[g] / total
                    itemCount[g] += 1
                }
            } else {
                unattributedValue += v
                unattributedItems += 1
            }
            touched.removeAll(keepingCapacity: true)
        }
        try Cancellation.check(range)
        if unattributedItems > 0 {
            if nullGroup == nil {
                nullGroup = groupCount
                groupCount += 1
                keyRows.append(-1)
                attributed.append(0)
                groupHours.append(0)
                itemCount.append(0)
            }
            if let g = nullGroup {
                attributed[g] += unattributedValue
                itemCount[g] += unattributedItems
            }
        }
        let columns = keys.map { $0.gatherOrNull(keyRows) } + [
            Column(type: .int, data: .int64(itemCount)), Column(type: .float, data: .float64(groupHours)),
            Column(type: .float, data: .float64(attributed)),
        ]
        return Table(fields: plan.fields, columns: columns, rowCount: groupCount)
    }
}
