/// How a person works for the firm.
enum Employment: String {
    /// On the payroll.
    case employee
    /// A freelancer working inside a team, usually full time, at a higher rate.
    case contractor
    /// A partner outside the firm (the network) who contributes some hours, at the highest rates.
    case network
}

/// A person, with what the simulation needs to know about their days.
struct OrgPerson {
    /// 0-based; the data's id is `p` and this number plus one, zero-padded.
    var id: Int
    var name: String
    /// Index into the organisation's teams.
    var team: Int
    var role: Role
    var employment: Employment
    /// Agreed hours a week; nil for network contributors without agreed hours.
    var capacity: Int?
    /// Hourly rate in euro cents.
    var rate: Int
    /// First and last day with the firm (days since 1970; no last day while still there).
    var startDay: Int
    var endDay: Int?
    /// The most quarter hours the person logs on a working day: a fifth of the weekly capacity, or 8
    /// hours without one.
    var dailyQuarters: Int
    /// The chance of working on a working day they are not away (network contributors come and go).
    var presence: Double
    /// Working days (by working-day index) the person is away: holidays taken and sick days.
    var away: [UInt64]
    /// The away days that are sick days and not holidays taken (a subset of `away`).
    var sick: [UInt64]
    /// The first and last working-day index with the firm (`firstWorking > lastWorking` when none).
    var firstWorking: Int
    var lastWorking: Int

    /// Whether the person can work on working day `w` (employed and not away).
    @inline(__always) func available(_ w: Int) -> Bool {
        w >= firstWorking && w <= lastWorking && away[w >> 6] & (1 << UInt64(w & 63)) == 0
    }
}

/// Draws people: names, contracts, rates, start and end dates, and the days they are away.
struct PeopleFactory {
    let seed: UInt64
    let calendar: OrgCalendar
    /// People made so far (their ids count up).
    private(set) var people: [OrgPerson] = []

    init(seed: UInt64, calendar: OrgCalendar) {
        self.seed = seed
        self.calendar = calendar
    }

    /// Adds a person in `team` with `role`, employed from `startDay` to `endDay` (days since 1970);
    /// returns the id.
    mutating func add(team: Int, role: Role, employment: Employment, startDay: Int, endDay: Int?) -> Int {
        let id = people.count
        var r = Random(seed: seed, .orgPerson, id)
        let first = OrgNames.firstNames[r.below(OrgNames.firstNames.count)]
        let last = OrgNames.lastNames[r.below(OrgNames.lastNames.count)]
        var capacity: Int?
        switch employment {
        case .employee: capacity = [40, 40, 40, 40, 40, 40, 40, 32, 32, 24][r.below(10)]
        case .contractor: capacity = [40, 40, 40, 32, 32][r.below(5)]
        case .network: capacity = [8, 16, 16, 24, 20, nil, nil, nil, nil, nil][r.below(10)]
        }
        if role == .manager { capacity = 40 }
        let premium: Double
        switch employment {
        case .employee: premium = 1
        case .contractor: premium = 1.35
        case .network: premium = 1.6
        }
        // Rates in half euros: the role's base, 15% below to 25% above, times the contract's premium.
        let halves = Int((Double(role.baseRate * 2) * (0.85 + 0.4 * r.unit()) * premium).rounded())
        let firstWorking = firstWorkingIndex(onOrAfter: startDay - OrgCalendar.firstDay)
        let lastWorking = endDay.map { lastWorkingIndex(onOrBefore: $0 - OrgCalendar.firstDay) } ?? calendar.workingDays.count - 1
        let away = awayDays(&r, employment: employment)
        people.append(OrgPerson(
            id: id, name: first + " " + last, team: team, role: role, employment: employment, capacity: capacity,
            rate: halves * 50, startDay: startDay, endDay: endDay,
            dailyQuarters: capacity.map { $0 * 4 / 5 } ?? 32,
            presence: employment == .network ? 0.45 : 1,
            away: away.all, sick: away.sick,
            firstWorking: firstWorking, lastWorking: lastWorking))
        return id
    }

    /// Holidays taken (a summer fortnight, some days around New Year, a week or two and single days
    /// during the year) and sick spells, as bitmaps over working days: every day away, and the sick
    /// days among them that are not also holidays taken.
    private func awayDays(_ r: inout Random, employment: Employment) -> (all: [UInt64], sick: [UInt64]) {
        let count = calendar.workingDays.count
        var bits = [UInt64](repeating: 0, count: (count + 63) / 64)
        var sick = bits
        func mark(_ from: Int, _ length: Int, sickness: Bool = false) {
            var w = max(0, from)
            while w < min(count, from + length) {
                if sickness, bits[w >> 6] & (1 << UInt64(w & 63)) == 0 { sick[w >> 6] |= 1 << UInt64(w & 63) }
                bits[w >> 6] |= 1 << UInt64(w & 63)
                w += 1
            }
        }
        guard employment != .network else { return (bits, sick) }
        for year in 2024...2026 {
            // A summer fortnight starting between early July and mid-August (a week for contractors).
            let summer = firstWorkingIndex(onOrAfter: CivilDate.days(year, 7, 1) - OrgCalendar.firstDay)
            mark(summer + r.below(30), employment == .employee ? 10 : 5)
            // Days around New Year.
            if r.chance(0.7) {
                mark(firstWorkingIndex(onOrAfter: CivilDate.days(year, 12, 27) - OrgCalendar.firstDay), 2 + r.below(3))
            }
            // A week or two at other times, and single days.
            let yearStart = CivilDate.days(year, 1, 1) - OrgCalendar.firstDay
            for _ in 0..<(employment == .employee ? 2 : 1) where r.chance(0.6) {
                mark(firstWorkingIndex(onOrAfter: yearStart + r.below(365)), 5)
            }
            for _ in 0..<(employment == .employee ? 4 : 2) {
                mark(firstWorkingIndex(onOrAfter: yearStart + r.below(365)), 1)
            }
        }
        // Sick spells: about three a year, of a few days (median 2).
        var w = 0
        while w < count {
            if r.chance(0.012) {
                let length = max(1, Int(r.lognormal(median: 2, sigma: 0.7).rounded()))
                mark(w, length, sickness: true)
                w += length
            }
            w += 1
        }
        return (bits, sick)
    }

    /// The first working day on or after `day` (since the window's first day); the working-day count
    /// when there is none.
    func firstWorkingIndex(onOrAfter day: Int) -> Int {
        var d = max(0, day)
        while d < OrgCalendar.dayCount {
            if calendar.workingIndex[d] >= 0 { return calendar.workingIndex[d] }
            d += 1
        }
        return calendar.workingDays.count
    }

    /// The last working day on or before `day` (since the window's first day); -1 when there is none.
    func lastWorkingIndex(onOrBefore day: Int) -> Int {
        var d = min(day, OrgCalendar.dayCount - 1)
        while d >= 0 {
            if calendar.workingIndex[d] >= 0 { return calendar.workingIndex[d] }
            d -= 1
        }
        return -1
    }
}
