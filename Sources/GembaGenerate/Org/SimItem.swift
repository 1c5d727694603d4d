/// An item's state while its team is simulated (the part that is not written out).
struct SimItem {
    /// Position in the team's workflow (0 is the backlog, the last is done); -1 once abandoned.
    var pos = 0
    var type = 0
    /// 0 (urgent) to 3 (low); the data's priority is this plus one.
    var priority = 0
    /// Done with its work in this stage and waiting to move on (always so in the backlog and queues).
    var complete = true
    /// Sent back by review or test: it goes back to the main stage when there is room there.
    var back = false
    /// Quarter hours of work left in the current (active) stage.
    var remaining = 0
    /// Positions this item passes over (bit per position).
    var skip: UInt32 = 0
    /// The team member working on it in this stage (index into the team's members), or -1.
    var owner = -1
    /// The team member who is its assignee (did its first work in the main stage), or -1.
    var assignee = -1
    /// The working day it can be worked on again (blocked before it); a block record while blocked.
    var blockedUntil = -1
    var block = -1
    /// Quarter hours of its first pass through the main stage (other stages' work scales with it).
    var mainEffort = 0
    /// Times it was sent back or reopened.
    var loops = 0
    /// Whether it was reopened after done (once at most).
    var reopened = false
    /// The last working day someone worked on it, and how many people did that day.
    var worked = -1
    var workers = 0
    /// When it entered its stage (a counter): first in, first out within a priority.
    var entered = 0
    /// Working day it was created.
    var created = 0
    /// Day (since the window's first day) of its last move into done.
    var lastDone = -1
}
