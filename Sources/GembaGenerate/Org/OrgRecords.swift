/// The rows the simulations produce, before they are written. Days are counted from the window's first
/// day (`OrgCalendar.firstDay`); times are seconds after midnight UTC; -1 is none (an empty field).

/// A work item as of the end of the window.
struct ItemRecord {
    var type: UInt8
    var priority: UInt8
    /// Story points; -1 when never estimated.
    var estimate: Int8
    /// Index of the title's start (by type) and end (by the team's domain).
    var titleStart: UInt8
    var titleEnd: UInt8
    /// The current state (a `Stage`).
    var state: UInt8
    /// Index into the initiatives; -1 for none.
    var initiative: Int32
    var created: Int32
    /// First move out of the backlog (not to abandoned); -1 when never started.
    var started: Int32 = -1
    /// Last move into done, when the item is done; -1 otherwise.
    var finished: Int32 = -1
    /// Person id of whoever first worked on it in its team's main stage; -1 for none.
    var assignee: Int32 = -1
    /// Its value in whole euros if it is delivered and the value is known; -1 otherwise.
    var value: Int32
}

/// One move of one item (or deal) into a state.
struct TransitionRecord {
    /// Index of the item among its team's items (or of the deal among all deals).
    var item: Int32
    var day: Int32
    var second: Int32
    /// `Stage` (or `DealStage`) raw values; `from` is `noState` on an item's first row.
    var state: UInt8
    var from: UInt8

    static let noState: UInt8 = 255
}

/// Hours one person logged on one item on one day.
struct AllocationRecord {
    /// Index among the team's items.
    var item: Int32
    var person: Int32
    var day: Int32
    var quarters: UInt8
    var billable: Bool
}

/// A time an item was blocked (it keeps its stage; nobody works on it).
struct BlockRecord {
    /// Index among the team's items.
    var item: Int32
    var reason: UInt8
    var fromDay: Int32
    var fromSecond: Int32
    /// -1 when still blocked at the end (or abandoned while blocked).
    var untilDay: Int32 = -1
    var untilSecond: Int32 = 0
}

/// What one delivery team's simulation produced.
struct TeamResult {
    var items: [ItemRecord] = []
    /// In time order.
    var transitions: [TransitionRecord] = []
    /// In day order.
    var allocations: [AllocationRecord] = []
    var blocks: [BlockRecord] = []
}
