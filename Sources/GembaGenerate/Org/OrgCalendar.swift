/// The simulated organisation's calendar: two years from Monday 2024-07-01 to Tuesday 2026-06-30 (the
/// data is as of the end of that day), the firm's public holidays (the Netherlands', where it is
/// based) and the working days: Monday to Friday except those holidays. Nothing happens on other days.
///
/// Days are counted from `firstDay` (day 0); a working day also has an index among the working days,
/// which the simulation steps through.
struct OrgCalendar {
    /// Days since 1970 of the first and the last day.
    static let firstDay = CivilDate.days(2024, 7, 1)
    static let lastDay = CivilDate.days(2026, 6, 30)
    /// Days in the window.
    static let dayCount = lastDay - firstDay + 1

    /// A public holiday: its day (since `firstDay`) and name.
    struct Holiday {
        var day: Int
        var name: String
    }

    /// The holidays inside the window, in date order, weekends included.
    let holidays: [Holiday]
    /// Day (since `firstDay`) of each working day, in order.
    let workingDays: [Int]
    /// For each day, its working-day index, or -1 for a weekend day or a holiday.
    let workingIndex: [Int]

    init() {
        var holidays: [Holiday] = []
        for year in 2024...2026 {
            for h in OrgCalendar.holidays(year) {
                let day = h.day - OrgCalendar.firstDay
                if day >= 0, day < OrgCalendar.dayCount { holidays.append(Holiday(day: day, name: h.name)) }
            }
        }
        holidays.sort { $0.day < $1.day }
        self.holidays = holidays
        var index = [Int](repeating: -1, count: OrgCalendar.dayCount)
        var working: [Int] = []
        var h = 0
        for day in 0..<OrgCalendar.dayCount {
            while h < holidays.count, holidays[h].day < day { h += 1 }
            let holiday = h < holidays.count && holidays[h].day == day
            if CivilDate.weekday(OrgCalendar.firstDay + day) < 5, !holiday {
                index[day] = working.count
                working.append(day)
            }
        }
        workingDays = working
        workingIndex = index
    }

    /// The Dutch public holidays of `year` (days since 1970), with Liberation Day every year.
    static func holidays(_ year: Int) -> [Holiday] {
        let easter = easterSunday(year)
        let kings = CivilDate.days(year, 4, 27)
        return [
            Holiday(day: CivilDate.days(year, 1, 1), name: "New Year's Day"),
            Holiday(day: easter - 2, name: "Good Friday"),
            Holiday(day: easter + 1, name: "Easter Monday"),
            // King's Day moves to the Saturday before when 27 April is a Sunday.
            Holiday(day: CivilDate.weekday(kings) == 6 ? kings - 1 : kings, name: "King's Day"),
            Holiday(day: CivilDate.days(year, 5, 5), name: "Liberation Day"),
            Holiday(day: easter + 39, name: "Ascension Day"),
            Holiday(day: easter + 50, name: "Whit Monday"),
            Holiday(day: CivilDate.days(year, 12, 25), name: "Christmas Day"),
            Holiday(day: CivilDate.days(year, 12, 26), name: "Boxing Day"),
        ]
    }

    /// Easter Sunday of `year` (days since 1970), by the anonymous Gregorian algorithm.
    static func easterSunday(_ year: Int) -> Int {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate.days(year, month, day)
    }

    /// How strongly work arrives on `day` (since `firstDay`), before the random weekly swings: fewer
    /// requests in the summer holidays and around Christmas, more in January and February, about 10%
    /// more a year as the firm grows, more on Mondays and fewer on Fridays.
    static func season(_ day: Int) -> Double {
        let (_, month, dom) = CivilDate.ymd(firstDay + day)
        var f = 1.0
        if month == 7 && dom >= 15 || month == 8 { f = 0.7 }
        if month == 12 && dom >= 20 || month == 1 && dom <= 3 { f = 0.45 }
        if month == 1 && dom > 3 || month == 2 { f = 1.15 }
        f *= 1 + 0.1 * Double(day) / 365
        switch CivilDate.weekday(firstDay + day) {
        case 0: f *= 1.25
        case 4: f *= 0.8
        default: break
        }
        return f
    }
}
