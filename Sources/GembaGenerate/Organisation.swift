/// The simulated organisation behind the benchmark data: 2,000 people in 40 teams with 12 roles, 300
/// projects, and work items that arrive from 2023-10-02, are started, finished or abandoned, and are
/// seen as of 2025-12-31. Hours are logged from 2024-01-01 to 2025-12-31, on days an item was being
/// worked on, mostly by people of the item's team.
///
/// Everything is a function of the seed and an index (see `Random`), so an item's attributes are
/// computed again, identically, for each allocation row that refers to it.
struct Organisation {
    static let teamNames = [
        "Payments", "Platform", "Mobile", "Data", "Design", "Search", "Checkout", "Identity", "Billing", "Growth",
        "Infrastructure", "Security", "Onboarding", "Analytics", "Messaging", "Catalog", "Pricing", "Logistics",
        "Support", "Web", "API", "Partners", "Ledger", "Risk", "Fraud", "Insights", "Content", "Media",
        "Notifications", "Accounts", "Reporting", "Integrations", "Compliance", "Localization", "Performance",
        "Reliability", "Tooling", "Marketplace", "Subscriptions", "Maps",
    ]
    static let roleNames = [
        "engineer", "senior-engineer", "tester", "analyst", "designer", "researcher", "architect", "manager",
        "product-owner", "data-scientist", "sre", "writer",
    ]
    /// Weights (out of 100) of the roles other than manager; each team's first person is its manager.
    static let roleWeights = [31, 19, 11, 9, 7, 3, 4, 0, 5, 4, 5, 2]
    static let manager = 7
    /// Hourly rates by role, in half euros.
    static let roleRates = [170, 220, 150, 160, 170, 180, 260, 210, 200, 230, 210, 130]
    static let typeNames = ["feature", "bug", "chore", "spike", "debt"]
    static let stateNames = ["backlog", "analysis", "dev", "review", "test", "done", "abandoned"]

    static let teams = 40
    static let people = 2000
    static let peoplePerTeam = people / teams
    static let projects = 300

    /// Days since 1970 of the calendar's edges.
    static let firstDay = CivilDate.days(2023, 1, 1)          // first day in the date table
    static let itemsFrom = CivilDate.days(2023, 10, 2)        // first item created
    static let hoursFrom = CivilDate.days(2024, 1, 1)         // first hours logged
    static let raiseDay = CivilDate.days(2025, 1, 1)          // rates rise by 3.5%
    static let lastDay = CivilDate.days(2025, 12, 31)         // the data is as of this day

    let seed: UInt64
    /// Per person: team, role and rate (half euros) before and after the raise.
    let personTeam: [Int]
    let personRole: [Int]
    let personRate: [Int]
    let personRaisedRate: [Int]
    /// Per project: client-funded, so its hours are billable.
    let projectIsClient: [Bool]

    init(seed: UInt64) {
        self.seed = seed
        var team = [Int](), role = [Int](), rate = [Int](), raised = [Int]()
        for p in 0..<Organisation.people {
            var r = Random(seed: seed, .person, p)
            let t = p / Organisation.peoplePerTeam
            var ro = Organisation.manager
            if p % Organisation.peoplePerTeam != 0 {
                var w = r.below(100)
                ro = 0
                while w >= Organisation.roleWeights[ro] {
                    w -= Organisation.roleWeights[ro]
                    ro += 1
                }
            }
            let network = r.below(10) == 0
            let half = Organisation.roleRates[ro] + r.below(41) - 20 + (network ? 50 : 0)
            team.append(t)
            role.append(ro)
            rate.append(half)
            raised.append((half * 1035 + 500) / 1000)
        }
        personTeam = team
        personRole = role
        personRate = rate
        personRaisedRate = raised
        projectIsClient = (0..<Organisation.projects).map { p in
            var r = Random(seed: seed, .project, p)
            return r.below(5) < 2
        }
    }

    /// One work item as of `lastDay`. Days are days since 1970; -1 is none (an empty CSV field).
    struct Item {
        var type = 0
        var team = 0
        var project = 0
        var state = 0
        var priority = 0
        var created = 0
        var started = -1
        var done = -1
        /// The last day anyone worked on it (-1 when never started).
        var workedUntil = -1
        var estimate = -1
        var value = -1
    }

    /// Item `id` (1-based).
    @inline(__always) func item(_ id: Int) -> Item {
        var r = Random(seed: seed, .item, id)
        var it = Item()
        let kind = r.below(100)
        it.type = kind < 45 ? 0 : kind < 75 ? 1 : kind < 88 ? 2 : kind < 94 ? 3 : 4
        it.team = r.below(Organisation.teams)
        // Most work is on one of the team's own eight projects.
        it.project = r.below(100) < 85 ? it.team * 15 / 2 + r.below(8) : r.below(Organisation.projects)
        let pr = r.below(100)
        it.priority = pr < 10 ? 1 : pr < 40 ? 2 : pr < 80 ? 3 : 4
        it.created = Organisation.itemsFrom + r.below(Organisation.lastDay - Organisation.itemsFrom + 1)
        let waitMean: Double
        switch it.priority {
        case 1: waitMean = 3
        case 2: waitMean = 10
        case 3: waitMean = 25
        default: waitMean = 60
        }
        let cycleMean: Double
        switch it.type {
        case 0: cycleMean = 20
        case 1: cycleMean = 5
        case 2: cycleMean = 4
        case 3: cycleMean = 6
        default: cycleMean = 12
        }
        let start = it.created + Int(r.exponential(mean: it.type == 1 ? waitMean * 0.3 : waitMean))
        let cycle = 1 + Int(r.exponential(mean: cycleMean))
        let fate = r.below(100)
        let progress = r.below(100)
        let noEstimate = r.below(100) < (it.type == 1 ? 50 : 15)
        let w = r.below(100)        // story points 1, 2, 3, 5, 8, 13 with weights 10, 20, 30, 20, 15, 5
        let pts = w < 10 ? 1 : w < 30 ? 2 : w < 60 ? 3 : w < 80 ? 5 : w < 95 ? 8 : 13
        it.estimate = noEstimate ? -1 : pts
        let hasValue = it.type == 0 ? r.below(10) != 0 : it.type == 4 ? r.below(2) == 0 : false
        let value = (1 + r.below(200)) * 500
        it.value = hasValue ? value : -1

        if start > Organisation.lastDay {
            it.state = 0
        } else if fate < 4 {
            it.state = 6                                   // dropped from the backlog
        } else {
            it.started = start
            let finish = start + cycle - 1
            if fate < 9 {
                let stop = start + cycle / 2               // abandoned half way
                if stop > Organisation.lastDay {
                    it.state = 2
                    it.workedUntil = Organisation.lastDay
                } else {
                    it.state = 6
                    it.workedUntil = stop
                }
            } else if finish > Organisation.lastDay {
                // In progress: a later stage the further along it is.
                let along = (Organisation.lastDay - start) * 100 / cycle
                it.state = along < 15 ? 1 : along < 65 ? 2 : along < 80 + progress / 10 ? 3 : 4
                it.workedUntil = Organisation.lastDay
            } else {
                it.state = 5
                it.done = finish
                it.workedUntil = finish
            }
        }
        return it
    }
}
