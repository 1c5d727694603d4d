import Foundation
import XCTest

/// `gemba generate` (the benchmark tables; OrgGenerateTests has `--org`), run as the built executable: the
/// same seed gives the same bytes, a smaller file is a prefix of a larger one, and the CSV is well
/// formed and consistent (allocations refer to items, on days the item was worked on).
final class GenerateTests: XCTestCase {
    private var folder = URL(fileURLWithPath: "/tmp")

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-generate-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func generate(_ name: String, allocations: Int, items: Int, seed: Int) throws -> (allocations: Data, items: Data) {
        let dir = folder.appendingPathComponent(name)
        let (status, _, err) = try runGemba(["generate", "--allocations", String(allocations), "--items", String(items),
                                          "--seed", String(seed), "--out", dir.path, "--quiet"])
        XCTAssertEqual(status, 0, err)
        return (try Data(contentsOf: dir.appendingPathComponent("allocations.csv")),
                try Data(contentsOf: dir.appendingPathComponent("items.csv")))
    }

    func testSameSeedSameBytesAndPrefixes() throws {
        let a = try generate("a", allocations: 3000, items: 400, seed: 7)
        let b = try generate("b", allocations: 3000, items: 400, seed: 7)
        XCTAssertEqual(a.allocations, b.allocations)
        XCTAssertEqual(a.items, b.items)
        let other = try generate("c", allocations: 3000, items: 400, seed: 8)
        XCTAssertNotEqual(a.allocations, other.allocations)
        XCTAssertNotEqual(a.items, other.items)
        // A smaller file is the first rows of a larger one.
        let small = try generate("d", allocations: 1000, items: 100, seed: 7)
        XCTAssertEqual(a.items.prefix(small.items.count), small.items)
        let smallAllocations = try generate("e", allocations: 1000, items: 400, seed: 7).allocations
        XCTAssertEqual(a.allocations.prefix(smallAllocations.count), smallAllocations)
    }

    /// The first rows for seed 1 are fixed: benchmark results stay comparable from commit to commit. A
    /// deliberate change to the generator updates them here.
    func testSeedOneStartsWithTheseRows() throws {
        let files = try generate("s", allocations: 3, items: 3, seed: 1)
        XCTAssertEqual(String(decoding: files.items, as: UTF8.self), """
            item_id,type,team,state,priority,created,started,done,estimate,value
            1,feature,Identity,done,2,2025-12-08,2025-12-12,2025-12-20,,87500
            2,chore,Onboarding,done,3,2025-05-17,2025-05-20,2025-05-25,,
            3,debt,Marketplace,abandoned,3,2024-12-30,,,,19000

            """)
        XCTAssertEqual(String(decoding: files.allocations, as: UTF8.self), """
            alloc_id,item_id,person,team,project,role,day,hours,rate,billable
            1,2,p0640,Onboarding,prj-034,tester,2025-05-23,6.25,83.00,true
            2,1,p0360,Identity,prj-055,senior-engineer,2025-12-18,1.50,148.00,true
            3,2,p0628,Onboarding,prj-034,engineer,2025-05-21,2.25,87.50,true

            """)
    }

    func testWellFormedAndConsistent() throws {
        let itemCount = 500, allocationCount = 20000
        let files = try generate("w", allocations: allocationCount, items: itemCount, seed: 3)
        let itemLines = String(decoding: files.items, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(itemLines.first, "item_id,type,team,state,priority,created,started,done,estimate,value")
        XCTAssertEqual(itemLines.last, "")
        XCTAssertEqual(itemLines.count, itemCount + 2)
        var worked: [Int: (started: String, done: String)] = [:]
        var states = Set<String>(), nullEstimates = 0
        for (n, line) in itemLines.dropFirst().dropLast().enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(f.count, 10, String(line))
            XCTAssertEqual(Int(f[0]), n + 1)
            XCTAssertTrue(["feature", "bug", "chore", "spike", "debt"].contains(f[1]), String(line))
            XCTAssertTrue((1...4).contains(Int(f[4]) ?? 0), String(line))
            XCTAssertTrue(isDate(f[5]), String(line))
            states.insert(f[3])
            // started is empty exactly for items never started; done exactly for items not done.
            if f[3] == "backlog" { XCTAssertTrue(f[6].isEmpty, String(line)) }
            if !["backlog", "abandoned"].contains(f[3]) { XCTAssertFalse(f[6].isEmpty, String(line)) }
            XCTAssertEqual(f[7].isEmpty, f[3] != "done", String(line))
            if !f[6].isEmpty { XCTAssertTrue(isDate(f[6]) && f[5] <= f[6], String(line)) }
            if !f[7].isEmpty { XCTAssertTrue(isDate(f[7]) && f[6] <= f[7] && f[7] <= "2025-12-31", String(line)) }
            if f[8].isEmpty { nullEstimates += 1 } else { XCTAssertTrue([1, 2, 3, 5, 8, 13].contains(Int(f[8]) ?? 0), String(line)) }
            if !f[9].isEmpty { XCTAssertNotNil(Int(f[9]), String(line)) }
            worked[n + 1] = (f[6], f[7])
        }
        XCTAssertTrue(states.isSubset(of: ["backlog", "analysis", "dev", "review", "test", "done", "abandoned"]), "\(states)")
        XCTAssertTrue(states.isSuperset(of: ["backlog", "dev", "done", "abandoned"]), "\(states)")
        XCTAssertGreaterThan(nullEstimates, 0)

        let lines = String(decoding: files.allocations, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "alloc_id,item_id,person,team,project,role,day,hours,rate,billable")
        XCTAssertEqual(lines.last, "")
        XCTAssertEqual(lines.count, allocationCount + 2)
        var people = Set<String>(), teams = Set<String>(), roles = Set<String>(), billable = 0
        var teamOf: [String: String] = [:]
        for (n, line) in lines.dropFirst().dropLast().enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(f.count, 10, String(line))
            XCTAssertEqual(Int(f[0]), n + 1)
            let item = try XCTUnwrap(Int(f[1]), String(line))
            let span = try XCTUnwrap(worked[item], String(line))
            // Hours are logged while the item was worked on, within 2024-2025.
            XCTAssertTrue(isDate(f[6]) && "2024-01-01" <= f[6] && f[6] <= "2025-12-31", String(line))
            XCTAssertFalse(span.started.isEmpty, String(line))
            XCTAssertTrue(span.started <= f[6] && (span.done.isEmpty || f[6] <= span.done), String(line))
            XCTAssertTrue(f[2].count == 5 && f[2].hasPrefix("p") && (1...2000).contains(Int(f[2].dropFirst()) ?? 0), String(line))
            let hours = try XCTUnwrap(Double(f[7]), String(line))
            XCTAssertTrue(hours > 0 && hours <= 8 && (hours * 4).rounded() == hours * 4, String(line))
            XCTAssertTrue(f[8].hasSuffix(".00") || f[8].hasSuffix(".50"), String(line))
            XCTAssertTrue(f[9] == "true" || f[9] == "false", String(line))
            XCTAssertTrue(f[4].hasPrefix("prj-") && (1...300).contains(Int(f[4].dropFirst(4)) ?? 0), String(line))
            // A person always has the same team.
            XCTAssertEqual(teamOf[f[2], default: f[3]], f[3], String(line))
            teamOf[f[2]] = f[3]
            people.insert(f[2]); teams.insert(f[3]); roles.insert(f[5])
            if f[9] == "true" { billable += 1 }
        }
        XCTAssertGreaterThan(people.count, 1500)
        XCTAssertEqual(teams.count, 40)
        XCTAssertEqual(roles.count, 12)
        XCTAssertTrue((allocationCount / 5...allocationCount * 3 / 5).contains(billable), "\(billable) billable")
    }

    func testGembaReadsTheFilesWithTheirTypes() throws {
        let dir = folder.appendingPathComponent("t")
        XCTAssertEqual(try runGemba(["generate", "--allocations", "2k", "--items", "200", "--out", dir.path, "--quiet"]).0, 0)
        let (status, out, err) = try runGemba([
            "--format", "csv", "--load", dir.appendingPathComponent("allocations.csv").path,
            "--load", dir.appendingPathComponent("items.csv").path,
            "-c", "allocations | join (items) on item_id | summarize n = count(), teams = dcount(team)",
            "-c", ".schema allocations", "-c", ".schema items",
        ])
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(out, """
            n,teams
            2000,40
            column,type
            alloc_id,int
            item_id,int
            person,string
            team,string
            project,string
            role,string
            day,date
            hours,float
            rate,float
            billable,bool
            column,type
            item_id,int
            type,string
            team,string
            state,string
            priority,int
            created,date
            started,date
            done,date
            estimate,int
            value,int

            """)
    }

    func testCommandLine() throws {
        let (status, out, _) = try runGemba(["--help"])
        XCTAssertEqual(status, 0)
        XCTAssertTrue(out.contains("SUBCOMMANDS:") && out.contains("generate"), out)
        let (badStatus, _, badErr) = try runGemba(["generate", "--allocations", "lots"])
        XCTAssertEqual(badStatus, 2)
        XCTAssertTrue(badErr.contains("Usage: gemba generate"), badErr)
        let (itemless, _, itemlessErr) = try runGemba(["generate", "--allocations", "5", "--items", "0", "--out", folder.path])
        XCTAssertEqual(itemless, 1)
        XCTAssertTrue(itemlessErr.hasPrefix("error: generate: "), itemlessErr)
    }

    private func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard s.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        return (2023...2025).contains(y) && (1...12).contains(m) && (1...31).contains(d)
    }
}
