/// The stages of a deal: the sales pipeline, a second production process.
enum DealStage: Int, CaseIterable {
    case lead, qualified, proposal, won, lost

    var name: String {
        switch self {
        case .lead: return "lead"
        case .qualified: return "qualified"
        case .proposal: return "proposal"
        case .won: return "won"
        case .lost: return "lost"
        }
    }
}

/// A deal as of the end of the window.
struct DealRecord {
    /// Index into `OrgNames.accounts` and `OrgNames.dealSources`.
    var account: Int
    var source: Int
    /// Person id of the salesperson who owns it.
    var owner: Int
    /// Euros; -1 while unknown (a lead never qualified).
    var amount: Int
    var created: Int32
    /// A `DealStage`.
    var state: UInt8
    /// Day it was won or lost; -1 while open.
    var closed: Int32
}

/// What one sales team's deals did.
struct SalesResult {
    var deals: [DealRecord] = []
    /// By deal, then time; `item` is the deal's index among the team's deals.
    var transitions: [TransitionRecord] = []
}

/// A sales team's deals: leads arrive on working days (with the same seasons as work items), and each
/// is qualified or lost, then gets a proposal or is lost, then is won or lost, after lognormal times in
/// working days (medians 4, 7 and 10). Deals have no WIP limits and do not compete for people.
enum SalesSimulation {
    static func run(org: OrgStructure, team: Int) -> SalesResult {
        let info = org.teams[team]
        let calendar = org.calendar
        let days = calendar.workingDays.count
        var r = Random(seed: org.seed, .orgSales, team)
        let salespeople = info.members.filter { org.people[$0].role == .sales }
        let sellers = salespeople.isEmpty ? info.members : salespeople
        var weights = [Double](repeating: 0, count: days)
        var total = 0.0
        for w in 0..<days {
            total += OrgCalendar.season(calendar.workingDays[w])
            weights[w] = total
        }
        var perDay = [Int](repeating: 0, count: days)
        for _ in 0..<info.deals {
            let u = r.unit() * total
            var lo = 0, hi = days - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if weights[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            perDay[lo] += 1
        }
        var result = SalesResult()
        result.deals.reserveCapacity(info.deals)
        for w in 0..<days {
            for _ in 0..<perDay[w] {
                let d = result.deals.count
                let here = sellers.filter { org.people[$0].available(w) }
                let pool = here.isEmpty ? sellers : here
                let owner = pool.isEmpty ? -1 : pool[r.below(pool.count)]
                var deal = DealRecord(
                    account: r.below(OrgNames.accounts.count), source: r.weighted([35, 25, 15, 15, 10]), owner: owner,
                    amount: -1, created: Int32(calendar.workingDays[w]), state: UInt8(DealStage.lead.rawValue), closed: -1)
                let amount = max(1, Int((r.lognormal(median: 300, sigma: 0.9)).rounded())) * 100
                func event(_ at: Int, _ stage: DealStage, from: DealStage?) {
                    result.transitions.append(TransitionRecord(
                        item: Int32(d), day: Int32(calendar.workingDays[at]), second: Int32(8 * 3600 + r.below(10 * 3600)),
                        state: UInt8(stage.rawValue), from: from.map { UInt8($0.rawValue) } ?? TransitionRecord.noState))
                    deal.state = UInt8(stage.rawValue)
                    if stage == .won || stage == .lost { deal.closed = Int32(calendar.workingDays[at]) }
                }
                event(w, .lead, from: nil)
                var at = w
                var stage = DealStage.lead
                let steps: [(median: Double, advance: Double)] = [(4, 0.45), (7, 0.6), (10, 0.45)]
                while stage.rawValue < 3 {
                    let step = steps[stage.rawValue]
                    at += max(1, Int(r.lognormal(median: step.median, sigma: 0.7).rounded()))
                    guard at < days else { break }
                    let next = r.chance(step.advance) ? DealStage(rawValue: stage.rawValue + 1) ?? .lost : .lost
                    event(at, next, from: stage)
                    if next == .qualified { deal.amount = amount }
                    if next == .lost { break }
                    stage = next
                }
                result.deals.append(deal)
            }
        }
        return result
    }
}
