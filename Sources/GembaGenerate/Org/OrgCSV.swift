/// Writes the simulated organisation as CSV: UTF-8, `\n` line ends, a header row, RFC 4180 quoting only
/// where a field needs it, null as an empty field, dates `YYYY-MM-DD`, datetimes `YYYY-MM-DDTHH:MM:SSZ`
/// (UTC), money with two decimals. The large files are written from text tables, without building
/// strings per row.
struct OrgCSV {
    /// The files, in the order they are written.
    static let files = [
        "holidays.csv", "teams.csv", "stages.csv", "people.csv", "timeoff.csv", "initiatives.csv", "items.csv",
        "transitions.csv", "blocks.csv", "allocations.csv", "deals.csv", "deal_transitions.csv",
    ]

    let sim: OrgSimulation
    private var org: OrgStructure { sim.org }
    /// Days of the window.
    private let dates: TextTable
    /// `Stage` names, `DealStage` names.
    private let stages: TextTable
    private let dealStages: TextTable
    /// `p0001`, ...
    private let people: TextTable
    /// Team names as CSV fields, and item-key prefixes with their dash (`PAY-`).
    private let teams: TextTable
    private let prefixes: TextTable
    /// Every title a team's domain can give, as CSV fields, by `titleIndex`.
    private let titles: TextTable
    private let types: TextTable
    private let initiatives: TextTable
    private let reasons: TextTable
    /// `0.00`, `0.25`, ... `8.00`.
    private let hours: TextTable
    private let booleans = TextTable(["false", "true"])
    private let timeoffReasons = TextTable(["leave", "sick"])
    private let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
    /// Room for any one row of the large files.
    private let rowRoom: Int

    init(_ sim: OrgSimulation) {
        self.sim = sim
        let org = sim.org
        dates = TextTable((0..<OrgCalendar.dayCount).map { CivilDate.text(OrgCalendar.firstDay + $0) })
        stages = TextTable(Stage.allCases.map(\.name))
        dealStages = TextTable(DealStage.allCases.map(\.name))
        let width = max(4, String(org.people.count).count)
        people = TextTable(org.people.map { "p" + GembaGenerate.padded($0.id + 1, width) })
        teams = TextTable(org.teams.map { OrgCSV.field($0.name) })
        prefixes = TextTable(org.teams.map { $0.prefix + "-" })
        var titles: [String] = []
        for type in 0..<OrgNames.types.count {
            for start in 0..<OrgCSV.maxStarts {
                for domain in 0..<OrgNames.titleEnds.count {
                    for end in 0..<OrgCSV.maxEnds {
                        let starts = OrgNames.titleStarts[type], ends = OrgNames.titleEnds[domain]
                        titles.append(start < starts.count && end < ends.count ? OrgCSV.field(starts[start] + " " + ends[end]) : "")
                    }
                }
            }
        }
        self.titles = TextTable(titles)
        types = TextTable(OrgNames.types)
        initiatives = TextTable(org.initiatives.map { OrgCSV.field($0.name) })
        reasons = TextTable(OrgNames.blockReasons)
        hours = TextTable((0...32).map { q in "\(q / 4)." + ["00", "25", "50", "75"][q % 4] })
        rowRoom = 4 * 24 + 3 * teams.longest + 2 * prefixes.longest + titles.reduce(0) { max($0, $1.utf8.count) }
            + initiatives.longest + people.longest + 6 * dates.longest + 64
    }

    static let maxStarts = OrgNames.titleStarts.map(\.count).max() ?? 1
    static let maxEnds = OrgNames.titleEnds.map(\.count).max() ?? 1

    /// Writes file `name` (one of `files`).
    func write(_ name: String, to w: ByteWriter) {
        switch name {
        case "holidays.csv": writeHolidays(w)
        case "teams.csv": writeTeams(w)
        case "stages.csv": writeStages(w)
        case "people.csv": writePeople(w)
        case "timeoff.csv": writeTimeoff(w)
        case "initiatives.csv": writeInitiatives(w)
        case "items.csv": writeItems(w)
        case "transitions.csv": writeTransitions(w)
        case "blocks.csv": writeBlocks(w)
        case "allocations.csv": writeAllocations(w)
        case "deals.csv": writeDeals(w)
        case "deal_transitions.csv": writeDealTransitions(w)
        default: break
        }
    }

    // MARK: Small tables

    private func writeHolidays(_ w: ByteWriter) {
        w.text("date,name\n")
        for h in org.calendar.holidays { w.text(CivilDate.text(OrgCalendar.firstDay + h.day) + "," + OrgCSV.field(h.name) + "\n") }
    }

    private func writeTeams(_ w: ByteWriter) {
        w.text("team,prefix,kind,manager,workflow\n")
        for t in org.teams {
            let manager = t.members.first.map { personID($0) } ?? ""
            let workflow = t.template?.text ?? DealStage.allCases.prefix(3).map(\.name).joined(separator: " > ") + " > won / lost"
            w.text([OrgCSV.field(t.name), t.prefix, t.template == nil ? "sales" : "delivery", manager, OrgCSV.field(workflow)]
                .joined(separator: ",") + "\n")
        }
    }

    private func writeStages(_ w: ByteWriter) {
        w.text("team,position,stage,kind,wip_limit\n")
        for t in org.teams {
            guard let template = t.template else { continue }
            for (p, stage) in template.stages.enumerated() {
                w.text([OrgCSV.field(t.name), String(p + 1), stage.name, stage.kind.rawValue, template.limits[p].map(String.init) ?? ""]
                    .joined(separator: ",") + "\n")
            }
        }
    }

    private func writePeople(_ w: ByteWriter) {
        w.text("person,name,team,role,employment,capacity_hours_per_week,rate,start_date,end_date\n")
        for p in org.people {
            w.text([
                personID(p.id), OrgCSV.field(p.name), OrgCSV.field(org.teams[p.team].name), p.role.name, p.employment.rawValue,
                p.capacity.map(String.init) ?? "", OrgCSV.money(p.rate), CivilDate.text(p.startDay),
                p.endDay.map(CivilDate.text) ?? "",
            ].joined(separator: ",") + "\n")
        }
    }

    private func writeInitiatives(_ w: ByteWriter) {
        w.text("initiative,funding,client,start_date,end_date,budget\n")
        for i in org.initiatives {
            w.text([
                OrgCSV.field(i.name), i.client == nil ? "internal" : "client", i.client.map(OrgCSV.field) ?? "",
                CivilDate.text(OrgCalendar.firstDay + i.startDay), CivilDate.text(OrgCalendar.firstDay + i.endDay),
                OrgCSV.money(i.budget * 100),
            ].joined(separator: ",") + "\n")
        }
    }

    private func writeDeals(_ w: ByteWriter) {
        w.text("deal_id,account,owner,source,amount,created,state,closed\n")
        for (s, result) in sim.sales.enumerated() {
            let first = org.teams[org.deliveryTeams + s].firstDeal
            for (d, deal) in result.deals.enumerated() {
                w.text([
                    OrgCSV.dealID(first + d), OrgCSV.field(OrgNames.accounts[deal.account]),
                    deal.owner >= 0 ? personID(deal.owner) : "", OrgNames.dealSources[deal.source],
                    deal.amount >= 0 ? OrgCSV.money(deal.amount * 100) : "", CivilDate.text(OrgCalendar.firstDay + Int(deal.created)),
                    DealStage(rawValue: Int(deal.state))?.name ?? "", deal.closed >= 0 ? CivilDate.text(OrgCalendar.firstDay + Int(deal.closed)) : "",
                ].joined(separator: ",") + "\n")
            }
        }
    }

    // MARK: Large tables

    private func writeItems(_ w: ByteWriter) {
        w.text("item_id,title,type,team,initiative,priority,estimate,created,started,finished,state,assignee,value\n")
        for (t, result) in sim.teams.enumerated() {
            let domain = org.teams[t].domain
            for (n, it) in result.items.enumerated() {
                w.reserve(rowRoom)
                prefixes.write(t, to: w); w.int(n + 1); w.byte(comma)
                let type = Int(it.type)
                titles.write(OrgCSV.titleIndex(type: type, start: Int(it.titleStart), domain: domain, end: Int(it.titleEnd)), to: w)
                w.byte(comma)
                types.write(type, to: w); w.byte(comma)
                teams.write(t, to: w); w.byte(comma)
                if it.initiative >= 0 { initiatives.write(Int(it.initiative), to: w) }
                w.byte(comma)
                w.int(Int(it.priority)); w.byte(comma)
                if it.estimate >= 0 { w.int(Int(it.estimate)) }
                w.byte(comma)
                dates.write(Int(it.created), to: w); w.byte(comma)
                if it.started >= 0 { dates.write(Int(it.started), to: w) }
                w.byte(comma)
                if it.finished >= 0 { dates.write(Int(it.finished), to: w) }
                w.byte(comma)
                stages.write(Int(it.state), to: w); w.byte(comma)
                if it.assignee >= 0 { people.write(Int(it.assignee), to: w) }
                w.byte(comma)
                if it.value >= 0 { w.int(Int(it.value)); w.text(".00") }
                w.byte(newline)
            }
        }
    }

    /// By team, then item, then time.
    private func writeTransitions(_ w: ByteWriter) {
        w.text("item,at,state,from_state\n")
        for (t, result) in sim.teams.enumerated() {
            for k in OrgCSV.byItem(result.transitions.map { Int($0.item) }, items: result.items.count) {
                let tr = result.transitions[k]
                w.reserve(rowRoom)
                prefixes.write(t, to: w); w.int(Int(tr.item) + 1); w.byte(comma)
                dateTime(Int(tr.day), Int(tr.second), w); w.byte(comma)
                stages.write(Int(tr.state), to: w); w.byte(comma)
                if tr.from != TransitionRecord.noState { stages.write(Int(tr.from), to: w) }
                w.byte(newline)
            }
        }
    }

    /// By team, then item, then time.
    private func writeBlocks(_ w: ByteWriter) {
        w.text("item_id,blocked_at,unblocked_at,reason\n")
        for (t, result) in sim.teams.enumerated() {
            for k in OrgCSV.byItem(result.blocks.map { Int($0.item) }, items: result.items.count) {
                let b = result.blocks[k]
                w.reserve(rowRoom)
                prefixes.write(t, to: w); w.int(Int(b.item) + 1); w.byte(comma)
                dateTime(Int(b.fromDay), Int(b.fromSecond), w); w.byte(comma)
                if b.untilDay >= 0 { dateTime(Int(b.untilDay), Int(b.untilSecond), w) }
                w.byte(comma)
                reasons.write(Int(b.reason), to: w); w.byte(newline)
            }
        }
    }

    /// By person, then day: each working day a person was away while with the firm, as leave (holidays
    /// taken) or sick.
    private func writeTimeoff(_ w: ByteWriter) {
        w.text("person,day,reason\n")
        let working = org.calendar.workingDays
        for p in org.people where p.firstWorking <= p.lastWorking {
            for d in p.firstWorking...p.lastWorking where OrgCSV.isSet(p.away, d) {
                w.reserve(rowRoom)
                people.write(p.id, to: w); w.byte(comma)
                dates.write(working[d], to: w); w.byte(comma)
                timeoffReasons.write(OrgCSV.isSet(p.sick, d) ? 1 : 0, to: w); w.byte(newline)
            }
        }
    }

    /// Whether bit `i` of a bitmap over working days is set.
    @inline(__always) static func isSet(_ bits: [UInt64], _ i: Int) -> Bool { bits[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    /// By day, then team (each team's rows are in day order: merged a day at a time).
    private func writeAllocations(_ w: ByteWriter) {
        w.text("alloc_id,item_id,person,team,day,hours,billable\n")
        var cursors = [Int](repeating: 0, count: sim.teams.count)
        var id = 0
        for day in 0..<OrgCalendar.dayCount {
            for (t, result) in sim.teams.enumerated() {
                var c = cursors[t]
                result.allocations.withUnsafeBufferPointer { rows in
                    while c < rows.count, Int(rows[c].day) == day {
                        let a = rows[c]
                        id += 1
                        w.reserve(rowRoom)
                        w.int(id); w.byte(comma)
                        prefixes.write(t, to: w); w.int(Int(a.item) + 1); w.byte(comma)
                        people.write(Int(a.person), to: w); w.byte(comma)
                        teams.write(t, to: w); w.byte(comma)
                        dates.write(day, to: w); w.byte(comma)
                        hours.write(Int(a.quarters), to: w); w.byte(comma)
                        booleans.write(a.billable ? 1 : 0, to: w); w.byte(newline)
                        c += 1
                    }
                }
                cursors[t] = c
            }
        }
    }

    private func writeDealTransitions(_ w: ByteWriter) {
        w.text("item,at,state,from_state\n")
        for (s, result) in sim.sales.enumerated() {
            let first = org.teams[org.deliveryTeams + s].firstDeal
            for tr in result.transitions {
                w.text(OrgCSV.dealID(first + Int(tr.item)) + ",")
                w.reserve(rowRoom)
                dateTime(Int(tr.day), Int(tr.second), w); w.byte(comma)
                dealStages.write(Int(tr.state), to: w); w.byte(comma)
                if tr.from != TransitionRecord.noState { dealStages.write(Int(tr.from), to: w) }
                w.byte(newline)
            }
        }
    }

    // MARK: Fields

    /// `YYYY-MM-DDTHH:MM:SSZ` (room reserved).
    @inline(__always) private func dateTime(_ day: Int, _ second: Int, _ w: ByteWriter) {
        dates.write(day, to: w)
        w.byte(UInt8(ascii: "T"))
        twoDigits(second / 3600, w); w.byte(UInt8(ascii: ":"))
        twoDigits(second / 60 % 60, w); w.byte(UInt8(ascii: ":"))
        twoDigits(second % 60, w); w.byte(UInt8(ascii: "Z"))
    }

    @inline(__always) private func twoDigits(_ n: Int, _ w: ByteWriter) {
        w.byte(48 &+ UInt8(truncatingIfNeeded: n / 10))
        w.byte(48 &+ UInt8(truncatingIfNeeded: n % 10))
    }

    private func personID(_ id: Int) -> String {
        "p" + GembaGenerate.padded(id + 1, max(4, String(org.people.count).count))
    }

    /// `D-00001`, ...
    static func dealID(_ index: Int) -> String { "D-" + GembaGenerate.padded(index + 1, 5) }

    /// A title's index among all titles.
    static func titleIndex(type: Int, start: Int, domain: Int, end: Int) -> Int {
        ((type * maxStarts + start) * OrgNames.titleEnds.count + domain) * maxEnds + end
    }

    /// `text` as a CSV field: quoted (with quotes doubled) when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Cents as `1234.50`.
    static func money(_ cents: Int) -> String {
        let rest = cents % 100
        return "\(cents / 100)." + (rest < 10 ? "0" : "") + String(rest)
    }

    /// Indices of `keys` (item indices below `items`) sorted by key, stably (a counting sort).
    static func byItem(_ keys: [Int], items: Int) -> [Int] {
        var starts = [Int](repeating: 0, count: items + 1)
        for k in keys { starts[k + 1] += 1 }
        for i in 0..<items { starts[i + 1] += starts[i] }
        var order = [Int](repeating: 0, count: keys.count)
        for (n, k) in keys.enumerated() {
            order[starts[k]] = n
            starts[k] += 1
        }
        return order
    }
}
