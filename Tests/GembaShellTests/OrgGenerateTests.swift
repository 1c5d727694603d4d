import Foundation
import GembaGenerate
import XCTest

/// `gemba generate --org`: the same seed gives the same bytes, and the simulated organisation keeps the
/// rules datasets/README.md promises. The checks read the CSV files, as a user of the data would, for
/// the sample organisation (3,000 items, seed 1: what datasets/ holds) and a small one of two teams.
final class OrgGenerateTests: XCTestCase {
    private var sample: OrgFixture { OrgFixture.shared(items: GembaGenerate.sampleItems, seed: 1) }
    private var small: OrgFixture { OrgFixture.shared(items: 700, seed: 11) }

    func testSameSeedSameBytesOtherSeedOtherBytes() {
        let a = GembaGenerate.organisationFiles(items: 400, seed: 5)
        let b = GembaGenerate.organisationFiles(items: 400, seed: 5)
        let c = GembaGenerate.organisationFiles(items: 400, seed: 6)
        XCTAssertEqual(a.map(\.name), GembaGenerate.organisationFileNames)
        for (x, y) in zip(a, b) { XCTAssertEqual(x.bytes, y.bytes, x.name) }
        for (x, z) in zip(a, c) where !["holidays.csv", "teams.csv", "stages.csv"].contains(x.name) {
            XCTAssertNotEqual(x.bytes, z.bytes, x.name)
        }
    }

    /// datasets/ is exactly `gemba generate --org --seed 1 --out datasets`.
    func testDatasetsAreTheSeedOneSample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("datasets")
        for name in GembaGenerate.organisationFileNames {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            XCTAssertTrue([UInt8](data) == sample.bytes[name], "datasets/\(name) differs from the generated sample: regenerate it")
        }
        let csv = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        XCTAssertEqual(csv, GembaGenerate.organisationFileNames.sorted())
    }

    func testHeaders() {
        let headers: [String: String] = [
            "holidays.csv": "date,name",
            "teams.csv": "team,prefix,kind,manager,workflow",
            "stages.csv": "team,position,stage,kind,wip_limit",
            "people.csv": "person,name,team,role,employment,capacity_hours_per_week,rate,start_date,end_date",
            "timeoff.csv": "person,day,reason",
            "initiatives.csv": "initiative,funding,client,start_date,end_date,budget",
            "items.csv": "item_id,title,type,team,initiative,priority,estimate,created,started,finished,state,assignee,value",
            "transitions.csv": "item,at,state,from_state",
            "blocks.csv": "item_id,blocked_at,unblocked_at,reason",
            "allocations.csv": "alloc_id,item_id,person,team,day,hours,billable",
            "deals.csv": "deal_id,account,owner,source,amount,created,state,closed",
            "deal_transitions.csv": "item,at,state,from_state",
        ]
        for name in GembaGenerate.organisationFileNames {
            XCTAssertEqual(sample[name].header.joined(separator: ","), headers[name], name)
            XCTAssertFalse(sample[name].rows.isEmpty, name)
        }
        XCTAssertEqual(sample["items.csv"].rows.count, 3000)
    }

    func testReferencesResolve() {
        for org in [sample, small] {
            let items = Set(org["items.csv"].column("item_id"))
            let people = Set(org["people.csv"].column("person"))
            let teams = Set(org["teams.csv"].column("team"))
            let initiatives = Set(org["initiatives.csv"].column("initiative"))
            let deals = Set(org["deals.csv"].column("deal_id"))
            XCTAssertEqual(items.count, org["items.csv"].rows.count, "item ids are unique")
            XCTAssertEqual(people.count, org["people.csv"].rows.count, "person ids are unique")
            for i in org["transitions.csv"].column("item") { XCTAssertTrue(items.contains(i), i) }
            for i in org["blocks.csv"].column("item_id") { XCTAssertTrue(items.contains(i), i) }
            for i in org["allocations.csv"].column("item_id") { XCTAssertTrue(items.contains(i), i) }
            for p in org["allocations.csv"].column("person") + org["timeoff.csv"].column("person") { XCTAssertTrue(people.contains(p), p) }
            for p in org["items.csv"].column("assignee") where !p.isEmpty { XCTAssertTrue(people.contains(p), p) }
            for p in org["deals.csv"].column("owner") { XCTAssertTrue(people.contains(p), p) }
            for p in org["teams.csv"].column("manager") { XCTAssertTrue(people.contains(p), p) }
            for t in org["items.csv"].column("team") + org["people.csv"].column("team") + org["stages.csv"].column("team") {
                XCTAssertTrue(teams.contains(t), t)
            }
            for i in org["items.csv"].column("initiative") where !i.isEmpty { XCTAssertTrue(initiatives.contains(i), i) }
            for d in org["deal_transitions.csv"].column("item") { XCTAssertTrue(deals.contains(d), d) }
        }
    }

    /// Per item: times strictly increase, the first row enters the backlog, `from_state` is the state
    /// before, nothing follows abandoned, and items.csv's state, created, started and finished agree.
    func testTransitionsTellEachItemsStory() {
        for org in [sample, small] {
            var byItem: [String: [[String: String]]] = [:]
            for t in org["transitions.csv"].records { byItem[t["item", default: ""], default: []].append(t) }
            for item in org["items.csv"].records {
                let id = item["item_id", default: ""]
                guard let rows = byItem[id], let first = rows.first, let last = rows.last else {
                    XCTFail("\(id) has no transitions")
                    continue
                }
                XCTAssertEqual(first["state"], "backlog", id)
                XCTAssertEqual(first["from_state"], "", id)
                for (a, b) in zip(rows, rows.dropFirst()) {
                    XCTAssertLessThan(a["at", default: ""], b["at", default: ""], id)
                    XCTAssertEqual(b["from_state"], a["state"], id)
                    XCTAssertNotEqual(a["state"], "abandoned", id)
                }
                XCTAssertEqual(item["state"], last["state"], id)
                XCTAssertEqual(item["created"], String(first["at", default: ""].prefix(10)), id)
                let started = rows.first { !["backlog", "abandoned"].contains($0["state"]) }
                XCTAssertEqual(item["started"], started.map { String($0["at", default: ""].prefix(10)) } ?? "", id)
                let done = rows.last { $0["state"] == "done" }
                XCTAssertEqual(item["finished"], last["state"] == "done" ? String(done?["at"]?.prefix(10) ?? "") : "", id)
                // A value only for delivered items.
                if item["state"] != "done" { XCTAssertEqual(item["value"], "", id) }
            }
            // Deals: lead, then qualified, proposal and won in order, or lost from any of them.
            var deals: [String: [String]] = [:]
            for t in org["deal_transitions.csv"].records { deals[t["item", default: ""], default: []].append(t["state", default: ""]) }
            let order = ["lead", "qualified", "proposal", "won"]
            for (deal, states) in deals {
                XCTAssertEqual(states.first, "lead", deal)
                for (k, s) in states.enumerated().dropFirst() {
                    XCTAssertTrue(s == order[min(k, 3)] || s == "lost" && k == states.count - 1, "\(deal): \(states)")
                }
            }
        }
    }

    /// Nothing happens on weekends or public holidays: no transition (of items or deals), no block
    /// starting or ending, no allocation.
    func testNoWorkOnWeekendsOrHolidays() {
        for org in [sample, small] {
            let holidays = Set(org["holidays.csv"].column("date"))
            XCTAssertTrue(holidays.contains("2025-12-25") && holidays.contains("2026-04-06"), "\(holidays.sorted())")
            let stamps = org["transitions.csv"].column("at") + org["deal_transitions.csv"].column("at")
                + org["blocks.csv"].column("blocked_at") + org["blocks.csv"].column("unblocked_at").filter { !$0.isEmpty }
            let days = stamps.map { $0.prefix(10) } + (org["allocations.csv"].column("day") + org["timeoff.csv"].column("day")).map { $0.prefix(10) }
            for day in days {
                XCTAssertLessThan(OrgDates.weekday(day), 5, String(day))
                XCTAssertFalse(holidays.contains(String(day)), String(day))
            }
        }
    }

    /// Time off: one row per person and working day away, within the person's employment, leave or
    /// sick, never a day the person logged hours; network contributors take none.
    func testTimeoffIsWithinEmploymentAndNotWorked() {
        for org in [sample, small] {
            var people: [String: [String: String]] = [:]
            for p in org["people.csv"].records { people[p["person", default: ""]] = p }
            let worked = Set(org["allocations.csv"].records.map { $0["person", default: ""] + " " + $0["day", default: ""] })
            var seen = Set<String>()
            for t in org["timeoff.csv"].records {
                let who = t["person", default: ""], day = t["day", default: ""]
                guard let person = people[who] else { XCTFail(who); continue }
                XCTAssertTrue(seen.insert(who + " " + day).inserted, "\(who) \(day) twice")
                XCTAssertFalse(worked.contains(who + " " + day), "\(who) logged hours on \(day), a day off")
                XCTAssertGreaterThanOrEqual(day, person["start_date", default: ""], who)
                if let end = person["end_date"], !end.isEmpty { XCTAssertLessThanOrEqual(day, end, who) }
                XCTAssertTrue(["leave", "sick"].contains(t["reason", default: ""]), "\(t)")
                XCTAssertNotEqual(person["employment"], "network", who)
            }
            XCTAssertFalse(seen.isEmpty)
        }
    }

    /// Replaying each team's transitions in time order, no stage with a WIP limit ever holds more
    /// items than its limit.
    func testWIPLimitsHoldAtEveryMoment() {
        for org in [sample, small] {
            var limits: [String: [String: Int]] = [:]
            for s in org["stages.csv"].records {
                if let limit = Int(s["wip_limit", default: ""]) { limits[s["team", default: ""], default: [:]][s["stage", default: ""]] = limit }
            }
            XCTAssertFalse(limits.isEmpty)
            var team: [String: String] = [:]
            for item in org["items.csv"].records { team[item["item_id", default: ""]] = item["team"] }
            var byTeam: [String: [(at: String, state: String, from: String)]] = [:]
            for t in org["transitions.csv"].records {
                byTeam[team[t["item", default: ""], default: ""], default: []].append((t["at", default: ""], t["state", default: ""], t["from_state", default: ""]))
            }
            var bound = 0
            for (name, moves) in byTeam {
                let sorted = moves.sorted { $0.at < $1.at }
                var count: [String: Int] = [:]
                var k = 0
                while k < sorted.count {
                    // Moves at the same instant count together.
                    var j = k
                    while j < sorted.count, sorted[j].at == sorted[k].at {
                        count[sorted[j].state, default: 0] += 1
                        if !sorted[j].from.isEmpty { count[sorted[j].from, default: 0] -= 1 }
                        j += 1
                    }
                    for (stage, limit) in limits[name, default: [:]] {
                        XCTAssertLessThanOrEqual(count[stage, default: 0], limit, "\(name) \(stage) at \(sorted[k].at)")
                        if count[stage, default: 0] == limit { bound += 1 }
                    }
                    k = j
                }
            }
            XCTAssertGreaterThan(bound, 100, "limits are reached (and so bind)")
        }
    }

    /// Hours are logged only from the day an item started to the day it was finished or abandoned,
    /// while the person was with the firm, in quarter hours, and never more in a day than a fifth of
    /// the person's weekly capacity (8 hours without one).
    func testAllocationsFitItemsAndPeople() {
        for org in [sample, small] {
            var last: [String: String] = [:]
            for t in org["transitions.csv"].records { last[t["item", default: ""]] = String(t["at", default: ""].prefix(10)) }
            var items: [String: [String: String]] = [:]
            for i in org["items.csv"].records { items[i["item_id", default: ""]] = i }
            var people: [String: [String: String]] = [:]
            for p in org["people.csv"].records { people[p["person", default: ""]] = p }
            var daily: [String: Double] = [:]
            for a in org["allocations.csv"].records {
                let id = a["item_id", default: ""], day = a["day", default: ""], who = a["person", default: ""]
                guard let item = items[id], let person = people[who], let hours = Double(a["hours", default: ""]) else {
                    XCTFail("\(a)")
                    continue
                }
                let started = item["started", default: ""]
                XCTAssertFalse(started.isEmpty, id)
                XCTAssertGreaterThanOrEqual(day, started, id)
                if ["done", "abandoned"].contains(item["state", default: ""]) { XCTAssertLessThanOrEqual(day, last[id, default: ""], id) }
                XCTAssertGreaterThanOrEqual(day, person["start_date", default: ""], who)
                if let end = person["end_date"], !end.isEmpty { XCTAssertLessThanOrEqual(day, end, who) }
                XCTAssertEqual(a["team"], person["team"], who)
                XCTAssertTrue(hours > 0 && (hours * 4).rounded() == hours * 4, "\(hours)")
                daily[who + " " + day, default: 0] += hours
            }
            for (key, hours) in daily {
                let who = String(key.prefix { $0 != " " })
                let capacity = Double(people[who]?["capacity_hours_per_week"] ?? "").map { $0 / 5 } ?? 8
                XCTAssertLessThanOrEqual(hours, capacity + 1e-9, key)
            }
            XCTAssertEqual(org["allocations.csv"].column("alloc_id"), (1...org["allocations.csv"].rows.count).map(String.init))
        }
    }

    /// The sample has the cases the flow measures must handle: items moved back a stage, skipping a
    /// stage, reopened after done, abandoned before and after starting, never started, finished the
    /// day they started, blocked, still in progress; and null values and estimates.
    func testSampleHasEveryCase() {
        let org = sample
        var position: [String: [String: Int]] = [:], kind: [String: String] = [:]
        for s in org["stages.csv"].records {
            position[s["team", default: ""], default: [:]][s["stage", default: ""]] = Int(s["position", default: ""])
            kind[s["stage", default: ""]] = s["kind"]
        }
        var team: [String: String] = [:]
        for item in org["items.csv"].records { team[item["item_id", default: ""]] = item["team"] }
        var back = Set<String>(), skipped = Set<String>(), reopened = Set<String>()
        for t in org["transitions.csv"].records {
            let id = t["item", default: ""], from = t["from_state", default: ""], to = t["state", default: ""]
            guard !from.isEmpty, to != "abandoned", let order = position[team[id, default: ""]],
                  let a = order[from], let b = order[to] else { continue }
            if from == "done" {
                reopened.insert(id)
            } else if b < a {
                back.insert(id)
            } else if order.contains(where: { $0.value > a && $0.value < b && kind[$0.key] == "active" }) {
                skipped.insert(id)
            }
        }
        let items = org["items.csv"].records
        func count(_ test: ([String: String]) -> Bool) -> Int { items.filter(test).count }
        var counts: [String: Int] = ["moved back": back.count, "skipped a stage": skipped.count, "reopened": reopened.count]
        counts["abandoned after starting"] = count { $0["state"] == "abandoned" && $0["started"] != "" }
        counts["abandoned from the backlog"] = count { $0["state"] == "abandoned" && $0["started"] == "" }
        counts["never started"] = count { $0["state"] == "backlog" }
        counts["finished the day it started"] = count { $0["finished"] != "" && $0["finished"] == $0["started"] }
        counts["in progress"] = count { !["backlog", "done", "abandoned"].contains($0["state", default: ""]) }
        counts["done without a value"] = count { $0["state"] == "done" && $0["value"] == "" }
        counts["not estimated"] = count { $0["estimate"] == "" }
        counts["blocked"] = Set(org["blocks.csv"].column("item_id")).count
        counts["network contributors"] = org["people.csv"].column("employment").filter { $0 == "network" }.count
        counts["won deals"] = org["deals.csv"].column("state").filter { $0 == "won" }.count
        for (name, n) in counts { XCTAssertGreaterThanOrEqual(n, 5, name) }
        XCTAssertEqual(Set(org["items.csv"].column("state")).intersection(["done", "abandoned", "backlog", "development"]).count, 4)
    }

    func testCommandLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-org-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, out, err) = try runGemba(["generate", "--org", "--items", "300", "--seed", "4", "--out", folder.path])
        XCTAssertEqual(status, 0, err)
        XCTAssertTrue(out.contains("items.csv: 300 rows"), out)
        for f in GembaGenerate.organisationFiles(items: 300, seed: 4) {
            XCTAssertEqual([UInt8](try Data(contentsOf: folder.appendingPathComponent(f.name))), f.bytes, f.name)
        }
        // The files load with the types datasets/README.md gives.
        let (loaded, schema, loadErr) = try runGemba(
            ["--format", "csv"] + ["items", "transitions", "allocations", "people", "deals"].flatMap {
                ["--load", folder.appendingPathComponent("\($0).csv").path, "-c", ".schema \($0)"]
            })
        XCTAssertEqual(loaded, 0, loadErr)
        for expected in ["at,datetime", "created,date", "finished,date", "value,float", "estimate,int", "priority,int",
                         "day,date", "hours,float", "billable,bool", "capacity_hours_per_week,int", "rate,float",
                         "amount,float", "closed,date"] {
            XCTAssertTrue(schema.contains(expected + "\n"), "\(expected) in\n\(schema)")
        }

        var (bad, _, badErr) = try runGemba(["generate", "--org", "--items", "5", "--allocations", "50", "--out", folder.path])
        XCTAssertEqual(bad, 1)
        XCTAssertTrue(badErr.hasPrefix("error: generate: --org takes --items or --allocations, not both"), badErr)
        (bad, _, badErr) = try runGemba(["generate", "--org", "--items", "0", "--out", folder.path])
        XCTAssertEqual(bad, 1)
        XCTAssertTrue(badErr.contains("--items must be at least 1"), badErr)
        (bad, _, badErr) = try runGemba(["generate", "--org", "--no-items", "--out", folder.path])
        XCTAssertEqual(bad, 2)
        XCTAssertTrue(badErr.contains("--no-items does not go with --org"), badErr)
        (bad, _, badErr) = try runGemba(["generate", "--org", "--allocations", "9G", "--out", folder.path])
        XCTAssertEqual(bad, 1)
        XCTAssertTrue(badErr.contains("at most"), badErr)
    }
}
