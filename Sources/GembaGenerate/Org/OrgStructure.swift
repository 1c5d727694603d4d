/// A team: a delivery team with a workflow, or a sales team that works the deals.
struct OrgTeam {
    var name: String
    var prefix: String
    /// The workflow; nil for a sales team.
    var template: WorkflowTemplate?
    /// Which list of title ends its items use.
    var domain: Int
    /// Everyone who was ever in the team (ids), the manager first.
    var members: [Int]
    /// Items the team's simulation creates, and the index of its first one among all items.
    var items: Int
    var firstItem: Int
    /// Initiatives (indices) the team works for.
    var initiatives: [Int]
    /// Deals a sales team works, and the index of its first one among all deals.
    var deals: Int
    var firstDeal: Int
}

/// A change effort that spawns items in the teams it involves while it runs.
struct OrgInitiative {
    var name: String
    /// The client paying for it (hours on its items are billable); nil for internal work.
    var client: String?
    /// First and last day (since the window's first day; it may start before the window).
    var startDay: Int
    var endDay: Int
    /// Budget in euros.
    var budget: Int
}

/// The organisation before anything happens: teams, people, initiatives and how many items and deals
/// each team gets. A function of the seed and the number of items.
struct OrgStructure {
    /// Items a delivery team gets over the two years, on average (about 3.6 a week); the number of
    /// teams is the number of items divided by this.
    static let itemsPerTeam = 375
    /// Deals per item (the sales pipeline scales with the firm).
    static let dealsPerItem = 0.17
    /// Delivery teams per sales team.
    static let teamsPerSalesTeam = 8

    let seed: UInt64
    let calendar: OrgCalendar
    /// Delivery teams first, then sales teams.
    let teams: [OrgTeam]
    let deliveryTeams: Int
    let people: [OrgPerson]
    let initiatives: [OrgInitiative]

    init(seed: UInt64, items: Int) {
        self.seed = seed
        let calendar = OrgCalendar()
        self.calendar = calendar
        let deliveryTeams = max(1, Int((Double(items) / Double(OrgStructure.itemsPerTeam)).rounded()))
        let salesTeams = (deliveryTeams + OrgStructure.teamsPerSalesTeam - 1) / OrgStructure.teamsPerSalesTeam
        self.deliveryTeams = deliveryTeams
        var factory = PeopleFactory(seed: seed, calendar: calendar)
        var teams: [OrgTeam] = []
        for k in 0..<(deliveryTeams + salesTeams) {
            let sales = k >= deliveryTeams
            let n = sales ? k - deliveryTeams : k
            let kind = OrgNames.teams[n % OrgNames.teams.count]
            let round = n / OrgNames.teams.count
            let name = sales ? (n == 0 ? "Sales" : "Sales \(n + 1)") : kind.name + (round == 0 ? "" : " \(round + 1)")
            let prefix = sales ? "" : kind.prefix + (round == 0 ? "" : String(round + 1))
            let roles: [Role] = sales ? [.manager, .sales, .sales, .sales, .sales] : kind.template.roles
            var r = Random(seed: seed, .orgStructure, k)
            teams.append(OrgTeam(
                name: name, prefix: prefix, template: sales ? nil : kind.template, domain: kind.domain,
                members: OrgStructure.staff(&r, team: k, roles: roles, factory: &factory),
                items: 0, firstItem: 0, initiatives: [], deals: 0, firstDeal: 0))
        }
        let people = factory.people
        self.people = people

        // Initiatives: about two and a half per team over the two years, each involving one to three teams.
        var initiatives: [OrgInitiative] = []
        let initiativeCount = max(2, Int((Double(deliveryTeams) * 2.5).rounded()))
        for j in 0..<initiativeCount {
            var r = Random(seed: seed, .orgInitiative, j)
            let round = j / OrgNames.initiatives.count
            let name = OrgNames.initiatives[j % OrgNames.initiatives.count] + (round == 0 ? "" : " #\(round + 1)")
            let client = r.chance(0.4) ? OrgNames.accounts[r.below(OrgNames.accounts.count)] : nil
            let start = -120 + r.below(OrgCalendar.dayCount + 60)
            let end = start + 120 + r.below(300)
            let budget = Int(r.lognormal(median: 200, sigma: 0.6).rounded()) * 1000
            initiatives.append(OrgInitiative(name: name, client: client, startDay: start, endDay: end, budget: budget))
            let home = r.below(deliveryTeams)
            teams[home].initiatives.append(j)
            for _ in 0..<r.below(3) where deliveryTeams > 1 {
                let other = (home + 1 + r.below(min(deliveryTeams - 1, 5))) % deliveryTeams
                if !teams[other].initiatives.contains(j) { teams[other].initiatives.append(j) }
            }
        }
        self.initiatives = initiatives

        // Items are shared among delivery teams in proportion to the hours their doers can give over
        // the window (largest remainders), so the counts add up to exactly `items`.
        let weights = (0..<deliveryTeams).map { k in
            teams[k].members.reduce(0) { sum, id in
                let p = people[id]
                return p.role == .manager ? sum : sum + p.dailyQuarters * max(0, p.lastWorking - p.firstWorking + 1)
            }
        }
        let shares = OrgStructure.apportion(items, weights: weights)
        var next = 0
        for k in 0..<deliveryTeams {
            teams[k].items = shares[k]
            teams[k].firstItem = next
            next += shares[k]
        }
        let deals = items == 0 ? 0 : max(1, Int((Double(items) * OrgStructure.dealsPerItem).rounded()))
        let dealShares = OrgStructure.apportion(deals, weights: [Int](repeating: 1, count: salesTeams))
        next = 0
        for s in 0..<salesTeams {
            teams[deliveryTeams + s].deals = dealShares[s]
            teams[deliveryTeams + s].firstDeal = next
            next += dealShares[s]
        }
        self.teams = teams
    }

    /// The people of one team: one or two per role slot (some leave and are replaced, some slots are
    /// filled during the window), and often one or two network contributors on top.
    private static func staff(_ r: inout Random, team: Int, roles: [Role], factory: inout PeopleFactory) -> [Int] {
        let windowStart = OrgCalendar.firstDay, days = OrgCalendar.dayCount
        var members: [Int] = []
        var slots = roles
        if roles.first != .sales, roles.contains(.engineer) || roles.contains(.designer) {
            for chance in [0.75, 0.3] where r.chance(chance) { slots.append(roles.contains(.engineer) ? .engineer : .designer) }
        }
        for (s, role) in slots.enumerated() {
            let extra = s >= roles.count
            let employment: Employment
            if extra {
                employment = .network
            } else if role == .manager {
                employment = .employee
            } else {
                // A team's only analyst, tester or researcher is never a part-time network contributor.
                let e = r.below(100)
                let alone = roles.filter { $0 == role }.count == 1
                employment = e < 82 ? .employee : e < 94 || alone ? .contractor : .network
            }
            // Before the window: employees from 2014, others from 2022.
            let earliest = employment == .employee ? CivilDate.days(2014, 1, 1) : CivilDate.days(2022, 1, 1)
            var start = earliest + r.below(windowStart - 5 - earliest)
            if role != .manager, r.chance(0.06) { start = windowStart + 20 + r.below(430) }   // a new hire
            if role != .manager, r.chance(0.12) {
                // Leaves during the window; a successor with the same role and contract joins 2-8 weeks later.
                let leaves = max(start, windowStart + 40) + r.below(max(1, windowStart + days - 40 - max(start, windowStart + 40)))
                members.append(factory.add(team: team, role: role, employment: employment, startDay: start, endDay: leaves))
                let successor = leaves + 14 + r.below(43)
                if successor < windowStart + days {
                    members.append(factory.add(team: team, role: role, employment: employment, startDay: successor, endDay: nil))
                }
            } else {
                members.append(factory.add(team: team, role: role, employment: employment, startDay: start, endDay: nil))
            }
        }
        return members
    }

    /// `total` shared in proportion to `weights` by largest remainders (ties to the earlier index).
    static func apportion(_ total: Int, weights: [Int]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else {
            var even = [Int](repeating: total / max(weights.count, 1), count: weights.count)
            for i in 0..<(total - even.reduce(0, +)) where !even.isEmpty { even[i % even.count] += 1 }
            return even
        }
        var shares = weights.map { total * $0 / sum }
        let remainders = weights.enumerated().map { (i, w) in (rest: total * w % sum, i: i) }
            .sorted { $0.rest != $1.rest ? $0.rest > $1.rest : $0.i < $1.i }
        for k in 0..<(total - shares.reduce(0, +)) { shares[remainders[k].i] += 1 }
        return shares
    }
}
