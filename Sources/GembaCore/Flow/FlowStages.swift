/// The workflow's stages for `flow`: each state code's position, or -1 for a state outside the listed
/// stages (such as "blocked": it does not move the item).
struct FlowStages {
    /// The stages in order.
    var names: [String]
    /// The position of each dictionary code, -1 when it is not a stage.
    var position: [Int32]

    /// The listed stages, or (when `listed` is nil) every state in the order it first appears when the
    /// rows are read in time order (ties in input order).
    init(listed: [String]?, dict: StringDictionary, order: ItemOrder) {
        if let listed {
            names = listed
        } else {
            // Earliest (time, row) per code.
            var firstTime = [Int64](repeating: .max, count: dict.count)
            var firstRow = [Int32](repeating: .max, count: dict.count)
            for k in order.rows.indices {
                let r = order.rows[k], c = Int(order.states[k]), t = order.times[k]
                if t < firstTime[c] || (t == firstTime[c] && r < firstRow[c]) { firstTime[c] = t; firstRow[c] = r }
            }
            let seen = (0..<dict.count).filter { firstRow[$0] != .max }
            names = seen.sorted { (firstTime[$0], firstRow[$0]) < (firstTime[$1], firstRow[$1]) }.map { dict.values[$0] }
        }
        position = [Int32](repeating: -1, count: dict.count)
        for (k, name) in names.enumerated() {
            if let c = dict.code(of: name) { position[Int(c)] = Int32(k) }
        }
    }
}
