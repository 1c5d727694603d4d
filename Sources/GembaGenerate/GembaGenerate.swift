#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seeded data generators for benchmarks and samples (`gemba generate`): the simulated organisation
/// of `gemba generate --org` (see `runOrganisation`, in Org/), and the benchmark tables described here.
///
/// Two CSV tables at any scale, byte for byte the same for the same seed and sizes:
///
/// - `allocations.csv`: `alloc_id, item_id, person, team, project, role, day, hours, rate, billable`:
///   the hours one person logged on one item on one day. 2,000 people (`p0001` … `p2000`) in 40 teams,
///   12 roles, 300 projects, days from 2024-01-01 to 2025-12-31 (mostly working days), hours in
///   quarter hours up to 8, the person's hourly rate on that day (a 3.5% raise on 2025-01-01) and
///   whether the hours are billable (client projects, not managers, a few written off).
/// - `items.csv`: `item_id, type, team, state, priority, created, started, done, estimate, value`, as
///   of 2025-12-31: `started` is empty for items never started, `done` for items not finished,
///   `estimate` for some items (half the bugs) and `value` for most items other than features.
///
/// Every allocation's `item_id` is an item's, and its day falls while that item was worked on.
/// Row n depends only on the seed and n, so a smaller file is a prefix of a larger one (for the same
/// number of items).
public enum GembaGenerate {
    /// What to write.
    public struct Options: Sendable {
        /// Rows of `allocations.csv`; 0 writes no allocations file.
        public var allocations: Int
        /// Rows of `items.csv`; 0 writes no items file (allocations still refer to this many items).
        public var items: Int
        /// The seed.
        public var seed: UInt64
        /// The folder the files go into (created when missing).
        public var directory: String
        /// Whether to write `items.csv` (allocations refer to `items` items either way).
        public var writeItems: Bool

        public init(allocations: Int, items: Int, seed: UInt64, directory: String, writeItems: Bool = true) {
            self.allocations = allocations
            self.items = items
            self.seed = seed
            self.directory = directory
            self.writeItems = writeItems
        }
    }

    /// One file written.
    public struct Report: Sendable {
        public var path: String
        public var rows: Int
        public var bytes: Int
        public var seconds: Double
    }

    /// A file that could not be written, or options that make no sense.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Writes the files `options` asks for, each to a temporary name first and then renamed, so an
    /// interrupted run never leaves a complete-looking file behind.
    public static func run(_ options: Options) throws(Failure) -> [Report] {
        guard options.allocations >= 0, options.items >= 0 else { throw Failure(description: "row counts cannot be negative") }
        guard options.allocations == 0 || options.items > 0 else {
            throw Failure(description: "allocations refer to items: --items must be at least 1")
        }
        guard options.items <= Int(UInt32.max), options.allocations < Int(Int64.max / 2) else {
            throw Failure(description: "too many rows")
        }
        try makeDirectory(options.directory)
        let organisation = Organisation(seed: options.seed)
        var reports: [Report] = []
        if options.writeItems, options.items > 0 {
            reports.append(try writeFile(options.directory + "/items.csv", rows: options.items) { w in
                writeItems(organisation, rows: options.items, to: w)
            })
        }
        if options.allocations > 0 {
            reports.append(try writeFile(options.directory + "/allocations.csv", rows: options.allocations) { w in
                writeAllocations(organisation, rows: options.allocations, items: options.items, to: w)
            })
        }
        return reports
    }

    /// `allocations.csv` in memory (for tests and small samples).
    public static func allocationsCSV(rows: Int, items: Int, seed: UInt64) -> [UInt8] {
        let w = ByteWriter.inMemory()
        writeAllocations(Organisation(seed: seed), rows: rows, items: max(items, 1), to: w)
        w.flush()
        return w.memory
    }

    /// `items.csv` in memory (for tests and small samples).
    public static func itemsCSV(rows: Int, seed: UInt64) -> [UInt8] {
        let w = ByteWriter.inMemory()
        writeItems(Organisation(seed: seed), rows: rows, to: w)
        w.flush()
        return w.memory
    }

    // MARK: Tables

    static func writeAllocations(_ org: Organisation, rows: Int, items: Int, to w: ByteWriter) {
        w.text("alloc_id,item_id,person,team,project,role,day,hours,rate,billable\n")
        let people = TextTable((1...Organisation.people).map { "p" + padded($0, 4) })
        let teams = TextTable(Organisation.teamNames)
        let projects = TextTable((1...Organisation.projects).map { "prj-" + padded($0, 3) })
        let roles = TextTable(Organisation.roleNames)
        let dates = TextTable((Organisation.firstDay...Organisation.lastDay).map(CivilDate.text))
        let hours = TextTable((0...32).map { q in "\(q / 4)." + ["00", "25", "50", "75"][q % 4] })
        let rates = TextTable((0...1000).map { h in "\(h / 2)." + (h % 2 == 0 ? "00" : "50") })
        let booleans = TextTable(["false", "true"])
        let rowRoom = 20 + 20 + [people, teams, projects, roles, dates, hours, rates, booleans].reduce(16) { $0 + $1.longest }
        let from = Organisation.hoursFrom, last = Organisation.lastDay, first = Organisation.firstDay
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        org.personTeam.withUnsafeBufferPointer { personTeam in
        org.personRole.withUnsafeBufferPointer { personRole in
        org.personRate.withUnsafeBufferPointer { personRate in
        org.personRaisedRate.withUnsafeBufferPointer { personRaisedRate in
        org.projectIsClient.withUnsafeBufferPointer { projectIsClient in
            for n in 0..<rows {
                var r = Random(seed: org.seed, .allocation, n)
                // An item that was worked on while hours were logged (a few tries, then any day).
                var id = 1
                var item = Organisation.Item()
                var lo = from, hi = last
                for attempt in 0..<8 {
                    id = 1 + r.below(items)
                    item = org.item(id)
                    if item.started >= 0 {
                        let a = max(item.started, from), b = min(item.workedUntil, last)
                        if a <= b {
                            lo = a
                            hi = b
                            break
                        }
                    }
                    if attempt == 7 {
                        lo = from
                        hi = last
                    }
                }
                var day = lo + r.below(hi - lo + 1)
                // Weekends are rare: most weekend hours move to the Friday before or the Monday after.
                let weekday = CivilDate.weekday(day)
                if weekday >= 5, r.below(10) != 0 {
                    let friday = day - (weekday - 4), monday = day + (7 - weekday)
                    if friday >= lo { day = friday } else if monday <= hi { day = monday }
                }
                let person = r.below(100) < 80
                    ? item.team * Organisation.peoplePerTeam + r.below(Organisation.peoplePerTeam)
                    : r.below(Organisation.people)
                let quarters = min(32, 1 + r.below(16) + r.below(17))
                let role = personRole[person]
                let rate = day >= Organisation.raiseDay ? personRaisedRate[person] : personRate[person]
                let billable = projectIsClient[item.project] && role != Organisation.manager && r.below(100) >= 3

                w.reserve(rowRoom)
                w.int(n + 1); w.byte(comma)
                w.int(id); w.byte(comma)
                people.write(person, to: w); w.byte(comma)
                teams.write(personTeam[person], to: w); w.byte(comma)
                projects.write(item.project, to: w); w.byte(comma)
                roles.write(role, to: w); w.byte(comma)
                dates.write(day - first, to: w); w.byte(comma)
                hours.write(quarters, to: w); w.byte(comma)
                rates.write(rate, to: w); w.byte(comma)
                booleans.write(billable ? 1 : 0, to: w); w.byte(newline)
            }
        }}}}}
    }

    static func writeItems(_ org: Organisation, rows: Int, to w: ByteWriter) {
        w.text("item_id,type,team,state,priority,created,started,done,estimate,value\n")
        let types = TextTable(Organisation.typeNames)
        let teams = TextTable(Organisation.teamNames)
        let states = TextTable(Organisation.stateNames)
        let dates = TextTable((Organisation.firstDay...Organisation.lastDay).map(CivilDate.text))
        let rowRoom = 6 * 20 + [types, teams, states].reduce(16) { $0 + $1.longest } + 3 * dates.longest
        let first = Organisation.firstDay
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        guard rows > 0 else { return }
        for id in 1...rows {
            let it = org.item(id)
            w.reserve(rowRoom)
            w.int(id); w.byte(comma)
            types.write(it.type, to: w); w.byte(comma)
            teams.write(it.team, to: w); w.byte(comma)
            states.write(it.state, to: w); w.byte(comma)
            w.int(it.priority); w.byte(comma)
            dates.write(it.created - first, to: w); w.byte(comma)
            if it.started >= 0 { dates.write(it.started - first, to: w) }
            w.byte(comma)
            if it.done >= 0 { dates.write(it.done - first, to: w) }
            w.byte(comma)
            if it.estimate >= 0 { w.int(it.estimate) }
            w.byte(comma)
            if it.value >= 0 { w.int(it.value) }
            w.byte(newline)
        }
    }

    // MARK: Files

    static func writeFile(_ path: String, rows: Int, _ body: (ByteWriter) -> Void) throws(Failure) -> Report {
        let clock = ContinuousClock()
        let start = clock.now
        let temporary = path + ".partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot write '\(temporary)': \(reason(errno))") }
        let w = ByteWriter.descriptor(fd)
        body(w)
        w.flush()
        let closed = close(fd)
        if let e = w.failure ?? (closed != 0 ? errno : nil) {
            unlink(temporary)
            throw Failure(description: "cannot write '\(temporary)': \(reason(e))")
        }
        guard rename(temporary, path) == 0 else {
            let e = errno
            unlink(temporary)
            throw Failure(description: "cannot rename '\(temporary)' to '\(path)': \(reason(e))")
        }
        let elapsed = (clock.now - start).components
        return Report(path: path, rows: rows, bytes: w.total,
                      seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
    }

    /// `mkdir -p`.
    static func makeDirectory(_ path: String) throws(Failure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw Failure(description: "cannot create folder '\(prefix)': \(reason(errno))")
            }
            prefix += "/"
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Failure(description: "'\(path)' is not a folder")
        }
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

extension GembaGenerate {
    /// Parses a row count such as `10000000`, `10_000_000`, `10M`, `250k` or `1.5M`; nil when it is not one.
    public static func parseCount(_ text: String) -> Int? {
        var t = String(text.filter { $0 != "_" }).lowercased()
        var scale = 1.0
        if let last = t.last, let s = ["k": 1e3, "m": 1e6, "g": 1e9, "b": 1e9][String(last)] {
            scale = s
            t.removeLast()
        }
        if scale == 1, let n = Int(t), n >= 0 { return n }
        guard let v = Double(t), v >= 0, v.isFinite, v * scale < 1e15 else { return nil }
        let n = v * scale
        return n == n.rounded() ? Int(n) : nil
    }
}
