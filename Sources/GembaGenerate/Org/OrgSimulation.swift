import GembaCore

/// The whole organisation simulated: its structure, and what each delivery team and each sales team
/// did. Teams are simulated independently (each with its own random stream), on all cores.
struct OrgSimulation {
    let org: OrgStructure
    /// By delivery team.
    let teams: [TeamResult]
    /// By sales team (in the order of `org.teams` after the delivery teams).
    let sales: [SalesResult]

    init(seed: UInt64, items: Int) {
        let org = OrgStructure(seed: seed, items: items)
        self.org = org
        let count = org.deliveryTeams
        let chunks = min(count, 64)
        teams = Parallel.each(chunks) { c in
            (count * c / chunks..<count * (c + 1) / chunks).map { k in
                var simulation = TeamSimulation(org: org, team: k)
                return simulation.run()
            }
        }.flatMap { $0 }
        sales = (count..<org.teams.count).map { SalesSimulation.run(org: org, team: $0) }
    }

    /// Rows of each file, by name.
    var rowCounts: [String: Int] {
        [
            "holidays.csv": org.calendar.holidays.count,
            "teams.csv": org.teams.count,
            "stages.csv": org.teams.reduce(0) { $0 + ($1.template?.stages.count ?? 0) },
            "people.csv": org.people.count,
            "timeoff.csv": org.people.reduce(0) { n, p in
                n + (p.firstWorking <= p.lastWorking ? (p.firstWorking...p.lastWorking).filter { OrgCSV.isSet(p.away, $0) }.count : 0)
            },
            "initiatives.csv": org.initiatives.count,
            "items.csv": teams.reduce(0) { $0 + $1.items.count },
            "transitions.csv": teams.reduce(0) { $0 + $1.transitions.count },
            "blocks.csv": teams.reduce(0) { $0 + $1.blocks.count },
            "allocations.csv": teams.reduce(0) { $0 + $1.allocations.count },
            "deals.csv": sales.reduce(0) { $0 + $1.deals.count },
            "deal_transitions.csv": sales.reduce(0) { $0 + $1.transitions.count },
        ]
    }
}
