/// One delivery team's two years, one working day at a time: a discrete-event simulation of a kanban
/// system. Each working day
///
/// 1. in the morning (08:00-12:00 UTC) reopened items come back, blocks end, new items arrive in the
///    backlog, and items are pulled forward (see `pass`);
/// 2. people work: each logs some of their day on items in the stages their role works in, their own
///    items first, then new ones, sometimes pairing (see `work`); an item's stage is finished when its
///    remaining effort is spent, and review and test then accept it or send it back;
/// 3. in the afternoon (13:00-18:00) finished items are pulled forward again, some items are abandoned
///    and some become blocked.
///
/// An item moves into a stage with a WIP limit only while the stage holds fewer items than the limit,
/// so limits hold at every moment, and items wait in a queue stage (or finished in their stage) while
/// the next one is full. The moves of one team get strictly increasing times, in the order they happen.
struct TeamSimulation {
    private let org: OrgStructure
    private let teamInfo: OrgTeam
    /// Per initiative: paid by a client, so hours on its items are billable.
    private let funded: [Bool]
    private let template: WorkflowTemplate
    private var r: Random

    // The workflow, by position.
    private let kinds: [Stage.Kind]
    private let limits: [Int]
    private let donePos: Int
    private let mainPos: Int
    /// Positions of active stages up to the main one: where items leave the backlog to.
    private let entryPositions: [Int]
    private let activePositions: [Int]

    // The people, by member index.
    private let memberIDs: [Int]
    private let memberRoles: [Role]
    private let memberQuarters: [Int]
    private let memberPresence: [Double]
    private let memberEmployment: [Employment]
    /// Whether member m is employed and not away on working day w, at `m * workingDays + w`.
    private let available: [Bool]
    /// The positions each member takes work from, most preferred first.
    private let memberPositions: [[Int]]
    /// Members who do item work, specialists first (so engineers test only what testers leave).
    private let workers: [[Int]]
    private let managers: [Int]

    // State.
    private var items: [SimItem] = []
    private var result = TeamResult()
    private var inStage: [[Int]]
    private var backlog: [[Int]] = [[], [], [], []]
    private var reopens: [(day: Int, item: Int)] = []
    private var openBlocks: [Int] = []
    private var present: [Bool]
    private var workable: [[Int]]
    private var scratch: [Int] = []
    private var counter = 0
    private var today = 0
    private var day: Int32 = 0
    private let arrivals: [Int]

    init(org: OrgStructure, team: Int) {
        self.org = org
        funded = org.initiatives.map { $0.client != nil }
        let info = org.teams[team]
        teamInfo = info
        let template = info.template ?? .full
        self.template = template
        r = Random(seed: org.seed, .orgTeam, team)
        kinds = template.stages.map(\.kind)
        limits = template.limits.map { $0 ?? Int.max }
        donePos = template.stages.count - 1
        mainPos = template.stages.firstIndex(of: template.main) ?? 1
        activePositions = (0..<template.stages.count).filter { template.stages[$0].kind == .active }
        entryPositions = activePositions.filter { $0 <= template.stages.firstIndex(of: template.main) ?? 1 }

        let days = org.calendar.workingDays.count
        memberIDs = info.members
        let people = info.members.map { org.people[$0] }
        memberRoles = people.map(\.role)
        memberQuarters = people.map(\.dailyQuarters)
        memberPresence = people.map(\.presence)
        memberEmployment = people.map(\.employment)
        var available = [Bool](repeating: false, count: people.count * days)
        for (m, p) in people.enumerated() {
            for w in 0..<days where p.available(w) { available[m * days + w] = true }
        }
        self.available = available
        let stages = template.stages
        memberPositions = people.map { p in p.role.stages.compactMap { stages.firstIndex(of: $0) } }
        let order: [Role] = [.tester, .analyst, .researcher, .designer, .engineer]
        workers = order.map { role in (0..<people.count).filter { people[$0].role == role } }.filter { !$0.isEmpty }
        managers = (0..<people.count).filter { people[$0].role == .manager }
        inStage = [[Int]](repeating: [], count: stages.count)
        workable = [[Int]](repeating: [], count: stages.count)
        present = [Bool](repeating: false, count: people.count)
        arrivals = TeamSimulation.arrivals(org: org, team: team)
    }

    /// How many items arrive on each working day: the team's share drawn day by day (multinomially)
    /// with weights from the season, a random swing per week, the initiatives running for the team,
    /// and on the first day the backlog the team brought along (about 4% of its items).
    static func arrivals(org: OrgStructure, team: Int) -> [Int] {
        let calendar = org.calendar
        var r = Random(seed: org.seed, .orgArrivals, team)
        let days = calendar.workingDays.count
        var weekSwing: [Double] = []
        for _ in 0...(OrgCalendar.dayCount / 7) { weekSwing.append(r.lognormal(median: 1, sigma: 0.3)) }
        var cumulative = [Double](repeating: 0, count: days)
        var total = 0.0
        for w in 0..<days {
            let day = calendar.workingDays[w]
            let running = org.teams[team].initiatives.reduce(0) { n, j in
                n + (org.initiatives[j].startDay <= day && day <= org.initiatives[j].endDay ? 1 : 0)
            }
            total += OrgCalendar.season(day) * weekSwing[day / 7] * (1 + 0.5 * Double(running))
            cumulative[w] = total
        }
        let imported = total * 0.04
        var counts = [Int](repeating: 0, count: days)
        for _ in 0..<org.teams[team].items {
            let u = r.unit() * (total + imported) - imported
            if u < 0 {
                counts[0] += 1
                continue
            }
            var lo = 0, hi = days - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            counts[lo] += 1
        }
        return counts
    }

    /// Runs the two years and returns the team's rows.
    mutating func run() -> TeamResult {
        let days = org.calendar.workingDays.count
        result.items.reserveCapacity(teamInfo.items)
        result.transitions.reserveCapacity(teamInfo.items * 8)
        result.allocations.reserveCapacity(teamInfo.items * 16)
        for w in 0..<days {
            today = w
            day = Int32(org.calendar.workingDays[w])
            let morning = result.transitions.count
            reopen()
            unblock()
            for _ in 0..<arrivals[w] { arrive() }
            pass()
            stamp(from: morning, start: 8 * 3600, span: 4 * 3600)
            work()
            let afternoon = result.transitions.count
            pass()
            abandon()
            block()
            stamp(from: afternoon, start: 13 * 3600, span: 5 * 3600)
        }
        for i in 0..<items.count {
            let it = items[i]
            result.items[i].state = UInt8(it.pos < 0 ? Stage.abandoned.rawValue : template.stages[it.pos].rawValue)
            result.items[i].finished = it.pos == donePos ? Int32(it.lastDone) : -1
            if it.pos != donePos { result.items[i].value = -1 }
        }
        return result
    }

    // MARK: Moves

    /// Whether position `p` can take one more item.
    @inline(__always) private func room(_ p: Int) -> Bool { p == donePos || inStage[p].count < limits[p] }

    @inline(__always) private func blocked(_ i: Int) -> Bool { items[i].blockedUntil > today }

    /// Where item `i` goes next from position `p`: the next position it does not skip; from the backlog
    /// straight to its first active stage (nobody queues work that has not started).
    private func next(_ i: Int, from p: Int) -> Int {
        var q = p + 1
        while q < donePos, items[i].skip & (1 << UInt32(q)) != 0 || (p == 0 && kinds[q] != .active) { q += 1 }
        return q
    }

    /// Records a move of item `i` into the state `state` (a `Stage`).
    private mutating func transition(_ i: Int, to state: Stage, from: Stage?) {
        result.transitions.append(TransitionRecord(
            item: Int32(i), day: day, second: 0, state: UInt8(state.rawValue),
            from: from.map { UInt8($0.rawValue) } ?? TransitionRecord.noState))
    }

    /// Moves item `i` to position `q` (the caller checked the room and took it off the backlog).
    private mutating func move(_ i: Int, to q: Int) {
        let p = items[i].pos
        if p > 0, p < donePos, let k = inStage[p].firstIndex(of: i) { inStage[p].remove(at: k) }
        transition(i, to: template.stages[q], from: template.stages[p])
        counter += 1
        items[i].pos = q
        items[i].entered = counter
        items[i].owner = -1
        items[i].back = false
        items[i].complete = kinds[q] != .active
        if kinds[q] == .active { items[i].remaining = effort(i, at: q) }
        if q < donePos { inStage[q].append(i) }
        if result.items[i].started < 0 { result.items[i].started = day }
        if q == donePos {
            items[i].lastDone = Int(day)
            // Some delivered items come back: a defect found after release.
            let chance = [0.045, 0.03, 0.012, 0][items[i].type]
            if !items[i].reopened, r.chance(chance) {
                items[i].reopened = true
                let at = today + max(1, Int(r.lognormal(median: 8, sigma: 0.9).rounded()))
                if at < org.calendar.workingDays.count {
                    let k = reopens.firstIndex { $0.day > at } ?? reopens.count
                    reopens.insert((at, i), at: k)
                }
            }
        }
    }

    /// Quarter hours of work item `i` needs in the active stage at position `q` on this visit: its main
    /// effort the first time through the main stage (or a spike's one stage), a quarter or so of it
    /// when it comes back, and a share of it (lognormally spread) in the other stages.
    private mutating func effort(_ i: Int, at q: Int) -> Int {
        let it = items[i]
        let hours: Double
        if q == mainPos || it.type == 3 {
            hours = it.loops == 0 ? Double(it.mainEffort) / 4 : Double(it.mainEffort) / 4 * r.lognormal(median: 0.3, sigma: 0.6)
        } else {
            let share: Double
            switch template.stages[q] {
            case .analysis: share = 0.2
            case .research: share = 0.3
            case .review: share = 0.15
            default: share = 0.3
            }
            hours = Double(it.mainEffort) / 4 * share * r.lognormal(median: 1, sigma: 0.5) * (it.loops == 0 ? 1 : 0.5)
        }
        return max(1, Int((hours * 4).rounded()))
    }

    /// Pulls work forward, from the stage nearest done back to the backlog, so room made downstream
    /// is used at once: sent-back items return to the main stage (or are fixed where they are when it
    /// is full), finished items and queued ones move on when the next stage has room, and the backlog
    /// feeds the first stages by priority, oldest first.
    private mutating func pass() {
        for p in stride(from: donePos - 1, through: 1, by: -1) where !inStage[p].isEmpty {
            sortedCopy(inStage[p])
            for i in scratch {
                if items[i].back {
                    items[i].loops += 1
                    if room(mainPos) {
                        move(i, to: mainPos)
                    } else {
                        items[i].back = false
                        items[i].remaining = effort(i, at: mainPos)
                    }
                } else if items[i].complete, !blocked(i) {
                    let q = next(i, from: p)
                    if room(q) { move(i, to: q) }
                }
            }
        }
        for priority in 0..<4 {
            var k = 0
            while k < backlog[priority].count {
                guard entryPositions.contains(where: { room($0) }) else { return }
                let i = backlog[priority][k]
                let q = next(i, from: 0)
                if room(q) {
                    backlog[priority].remove(at: k)
                    move(i, to: q)
                } else {
                    k += 1
                }
            }
        }
    }

    /// `scratch` = `list` by priority, then first in first out.
    private mutating func sortedCopy(_ list: [Int]) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: list)
        let items = self.items
        scratch.sort { a, b in
            items[a].priority != items[b].priority ? items[a].priority < items[b].priority : items[a].entered < items[b].entered
        }
    }

    /// Gives each of the day's moves since `from` a time in `start ..< start + span` seconds after
    /// midnight, in order and strictly increasing.
    private mutating func stamp(from: Int, start: Int, span: Int) {
        let n = result.transitions.count - from
        guard n > 0 else { return }
        let slot = span / n
        for k in 0..<n {
            result.transitions[from + k].second = Int32(slot >= 1 ? start + k * slot + r.below(slot) : start + k)
        }
    }

    // MARK: Events

    /// A new item in the backlog: its type, priority, initiative, size, effort, estimate, skipped stages,
    /// title and (if it is delivered) value.
    private mutating func arrive() {
        let i = items.count
        let calendarDay = Int(day)
        let running = teamInfo.initiatives.filter {
            org.initiatives[$0].startDay <= calendarDay && calendarDay <= org.initiatives[$0].endDay
        }
        let type = r.weighted(running.isEmpty ? [42, 32, 17, 9] : [50, 27, 14, 9])
        let priority = type == 1 ? r.weighted([15, 35, 35, 15]) : r.weighted([3, 25, 50, 22])
        var initiative = -1
        if !running.isEmpty, r.chance([0.75, 0.3, 0.2, 0.5][type]) { initiative = running[r.below(running.count)] }
        let size = r.lognormal(median: 1, sigma: 0.5)
        let mainHours = [23.0, 7, 5.5, 11][type] * size * r.lognormal(median: 1, sigma: 0.6)
        let points = [5.0, 2, 2, 3][type] * size * r.lognormal(median: 1, sigma: 0.35)
        let scale = [1, 2, 3, 5, 8, 13, 20]
        let estimate = r.chance([0.1, 0.4, 0.3, 0.5][type]) ? -1
            : scale.min { abs(Double($0) - points) < abs(Double($1) - points) } ?? 3
        let knownValue = r.chance([0.9, 0.5, 0.25, 0.15][type])
        let value = r.lognormal(median: [6000, 1200, 800, 1500][type], sigma: [1.0, 0.9, 0.8, 0.8][type]) * size.squareRoot()
        let starts = OrgNames.titleStarts[type].count, ends = OrgNames.titleEnds[teamInfo.domain].count

        var it = SimItem()
        it.type = type
        it.priority = priority
        it.mainEffort = max(1, Int((mainHours * 4).rounded()))
        it.skip = skips(type)
        it.created = today
        counter += 1
        it.entered = counter
        items.append(it)
        result.items.append(ItemRecord(
            type: UInt8(type), priority: UInt8(priority + 1), estimate: Int8(estimate),
            titleStart: UInt8(r.below(starts)), titleEnd: UInt8(r.below(ends)), state: 0,
            initiative: Int32(initiative), created: day,
            value: knownValue ? Int32(min(value.rounded(), 2e9)) : -1))
        transition(i, to: .backlog, from: nil)
        backlog[priority].append(i)
    }

    /// The positions an item of `type` passes over: most bugs and chores skip analysis (or research),
    /// chores often skip review and test, a few features skip review or test, and a spike has only its
    /// first active stage. A queue before a skipped stage is skipped with it.
    private mutating func skips(_ type: Int) -> UInt32 {
        var mask: UInt32 = 0
        var first = true
        for p in activePositions {
            let stage = template.stages[p]
            var skip = false
            if type == 3 {
                skip = !first
            } else if p != mainPos {
                switch stage {
                case .analysis, .research: skip = r.chance([0.05, 0.85, 0.9, 0][type])
                case .review: skip = r.chance([0.03, 0.15, 0.35, 0][type])
                case .test: skip = r.chance([0.05, 0.25, 0.6, 0][type])
                default: skip = false
                }
            }
            first = false
            if skip {
                mask |= 1 << UInt32(p)
                if p > 0, kinds[p - 1] == .queue { mask |= 1 << UInt32(p - 1) }
            }
        }
        return mask
    }

    /// Delivered items due to come back go to the main stage when it has room (else they try again the
    /// next day).
    private mutating func reopen() {
        var k = 0
        while k < reopens.count, reopens[k].day <= today {
            let i = reopens[k].item
            if items[i].pos == donePos, room(mainPos) {
                items[i].loops += 1
                move(i, to: mainPos)
                reopens.remove(at: k)
            } else if items[i].pos != donePos {
                reopens.remove(at: k)
            } else {
                k += 1
            }
        }
    }

    /// Blocks that end this morning.
    private mutating func unblock() {
        var k = 0
        while k < openBlocks.count {
            let i = openBlocks[k]
            if items[i].blockedUntil == today {
                let b = items[i].block
                result.blocks[b].untilDay = day
                result.blocks[b].untilSecond = Int32(8 * 3600 + r.below(4 * 3600))
                items[i].block = -1
                openBlocks.remove(at: k)
            } else {
                k += 1
            }
        }
    }

    /// Started items are abandoned now and then (blocked ones more often); once a week old backlog
    /// items are weeded, low priorities more.
    private mutating func abandon() {
        scratch.removeAll(keepingCapacity: true)
        for p in 1..<donePos {
            for i in inStage[p] where r.chance(blocked(i) ? 0.015 : 0.002) { scratch.append(i) }
        }
        let calendarDay = Int(day)
        let firstOfWeek = today == 0 || org.calendar.workingDays[today - 1] / 7 != calendarDay / 7
        if firstOfWeek {
            for priority in 0..<4 {
                for i in backlog[priority] where today - items[i].created >= 40 && r.chance([0.003, 0.005, 0.01, 0.03][priority]) {
                    scratch.append(i)
                }
            }
        }
        for i in scratch {
            let p = items[i].pos
            if p == 0 {
                if let k = backlog[items[i].priority].firstIndex(of: i) { backlog[items[i].priority].remove(at: k) }
            } else if let k = inStage[p].firstIndex(of: i) {
                inStage[p].remove(at: k)
            }
            transition(i, to: .abandoned, from: template.stages[p])
            items[i].pos = -1
            items[i].owner = -1
            if items[i].block >= 0, let k = openBlocks.firstIndex(of: i) {
                openBlocks.remove(at: k)       // the block stays open: it never ended
                items[i].block = -1
                items[i].blockedUntil = -1
            }
        }
    }

    /// Items worked on today may become blocked, for a few working days (lognormal, median 3), during
    /// which they keep their stage and nobody works on them.
    private mutating func block() {
        for p in activePositions {
            for i in inStage[p] where items[i].worked == today && items[i].remaining > 0 && !items[i].back && !blocked(i) {
                guard r.chance(0.015) else { continue }
                let length = max(1, Int(r.lognormal(median: 3, sigma: 0.7).rounded()))
                items[i].blockedUntil = today + 1 + length
                items[i].block = result.blocks.count
                openBlocks.append(i)
                result.blocks.append(BlockRecord(
                    item: Int32(i), reason: UInt8(r.below(OrgNames.blockReasons.count)), fromDay: day,
                    fromSecond: Int32(13 * 3600 + r.below(5 * 3600))))
            }
        }
    }

    // MARK: Work

    /// The day's work. Each member present logs up to about 55-95% of their daily hours (the rest goes
    /// to meetings and other unlogged work) on at most three items: their own first, then unowned items
    /// in their role's stages by priority (engineers review before they develop, and do not review
    /// their own items), and sometimes pairing on an item in the main stage. Managers log an hour or so
    /// on some item now and then.
    private mutating func work() {
        let days = org.calendar.workingDays.count
        for m in 0..<memberIDs.count {
            present[m] = available[m * days + today] && (memberPresence[m] >= 1 || r.chance(memberPresence[m]))
        }
        for p in activePositions {
            workable[p].removeAll(keepingCapacity: true)
            for i in inStage[p] where !blocked(i) && items[i].remaining > 0 && !items[i].back { workable[p].append(i) }
            if workable[p].count > 1 {
                let items = self.items
                workable[p].sort { a, b in
                    items[a].priority != items[b].priority ? items[a].priority < items[b].priority : items[a].entered < items[b].entered
                }
            }
        }
        for group in workers {
            for k in 0..<group.count {
                let m = group[(k + today) % group.count]
                if present[m] { workDay(m) }
            }
        }
        for m in managers where present[m] && r.chance(0.35) {
            let p = activePositions[r.below(activePositions.count)]
            guard !workable[p].isEmpty else { continue }
            let i = workable[p][r.below(workable[p].count)]
            guard items[i].worked != today || items[i].workers < 3 else { continue }
            log(i, member: m, quarters: 2 + r.below(5))
        }
    }

    /// One member's day.
    private mutating func workDay(_ m: Int) {
        let focus = memberEmployment[m] == .network ? 0.8 + 0.2 * r.unit() : 0.55 + 0.4 * r.unit()
        var budget = Int(Double(memberQuarters[m]) * focus)
        var rows = 0
        let split = r.chance(0.3)
        let positions = memberPositions[m]
        // Own items, then new ones.
        for pass in 0..<2 {
            for p in positions {
                var k = 0
                while k < workable[p].count, budget >= 1, rows < 3 {
                    let i = workable[p][k]
                    k += 1
                    let owner = items[i].owner
                    guard items[i].remaining > 0, budget >= 2 || budget >= items[i].remaining else { continue }
                    if pass == 0 {
                        guard owner == m else { continue }
                    } else {
                        guard owner == -1 || (owner != m && !present[owner]) else { continue }
                        if template.stages[p] == .review, items[i].assignee == m { continue }
                        if items[i].worked == today, items[i].workers >= (p == mainPos ? 2 : 1) { continue }
                        items[i].owner = m
                    }
                    spend(i, member: m, budget: &budget, rows: &rows, split: split)
                }
            }
        }
        // Pairing on someone else's item in the main stage.
        if budget >= 4, rows < 3, positions.contains(mainPos), r.chance(0.2) {
            for i in workable[mainPos] where items[i].owner != m && items[i].worked == today && items[i].workers == 1 && items[i].remaining > 0 {
                spend(i, member: m, budget: &budget, rows: &rows, split: false)
                break
            }
        }
    }

    /// Member `m` works on item `i`: up to 7 hours, the item's remaining effort and the budget (on a
    /// split day about 60% of the budget on the first item), often rounded down to a half hour.
    private mutating func spend(_ i: Int, member m: Int, budget: inout Int, rows: inout Int, split: Bool) {
        var q = min(budget, items[i].remaining, 28)
        if split, rows == 0, budget > 8 { q = min(q, budget * 6 / 10) }
        if q >= 4, q % 2 == 1, items[i].remaining - q + 1 >= 4, r.chance(0.6) { q -= 1 }   // people like half hours
        guard q >= 2 || q >= 1 && q == items[i].remaining else { return }     // no quarter hours left over
        log(i, member: m, quarters: q)
        budget -= q
        rows += 1
        items[i].remaining -= q
        if items[i].pos == mainPos, items[i].assignee < 0 {
            items[i].assignee = m
            result.items[i].assignee = Int32(memberIDs[m])
        }
        if items[i].remaining == 0 { finishStage(i) }
    }

    /// Writes an allocation row.
    private mutating func log(_ i: Int, member m: Int, quarters: Int) {
        if items[i].worked == today {
            items[i].workers += 1
        } else {
            items[i].worked = today
            items[i].workers = 1
        }
        let initiative = Int(result.items[i].initiative)
        let billable = initiative >= 0 && funded[initiative] && memberRoles[m] != .manager && !r.chance(0.03)
        result.allocations.append(AllocationRecord(
            item: Int32(i), person: Int32(memberIDs[m]), day: day, quarters: UInt8(quarters), billable: billable))
    }

    /// Item `i` has had all the work its stage needs: review and test accept it or send it back
    /// (less often each time round); other stages let it move on.
    private mutating func finishStage(_ i: Int) {
        let stage = template.stages[items[i].pos]
        if stage == .review || stage == .test {
            let base = stage == .test ? 0.15 : items[i].type == 0 ? 0.2 : 0.1
            let chance = base * [1, 0.4, 0][min(items[i].loops, 2)]
            if r.chance(chance) {
                items[i].back = true
                items[i].complete = false
                return
            }
        }
        items[i].complete = true
    }
}
