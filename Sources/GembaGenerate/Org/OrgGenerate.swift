/// `gemba generate --org`: a seeded discrete-event simulation of a knowledge-work firm (delivery teams
/// with kanban workflows and WIP limits, people with capacities and rates, initiatives, a sales
/// pipeline) written as CSV. `datasets/README.md` describes every file, column and rule.
extension GembaGenerate {
    /// What `--org` writes.
    public struct OrgOptions: Sendable {
        /// Items to simulate (teams are added in proportion: about 375 items per team over the two
        /// years). Nil: see `allocations`, or 3,000 when neither is given.
        public var items: Int?
        /// Aim for about this many allocation rows instead, by simulating about
        /// `allocations / allocationsPerItem` items.
        public var allocations: Int?
        public var seed: UInt64
        /// The folder the files go into (created when missing).
        public var directory: String

        public init(items: Int? = nil, allocations: Int? = nil, seed: UInt64, directory: String) {
            self.items = items
            self.allocations = allocations
            self.seed = seed
            self.directory = directory
        }
    }

    /// Items of the sample organisation (`datasets/`).
    public static let sampleItems = 3000

    /// Allocation rows per item, about (measured: 9.76M rows for 1.15M items, seed 1); `--allocations N`
    /// simulates N divided by this many items.
    public static let allocationsPerItem = 8.5

    /// The most items `--org` simulates (about 2.5 billion allocation rows would need far more memory).
    public static let maximumOrgItems = 20_000_000

    /// The files `--org` writes, in the order it writes them.
    public static var organisationFileNames: [String] { OrgCSV.files }

    /// The items `options` asks for, or why it makes no sense.
    public static func organisationItems(_ options: OrgOptions) throws(Failure) -> Int {
        if options.items != nil, options.allocations != nil {
            throw Failure(description: "--org takes --items or --allocations, not both")
        }
        var items = options.items ?? sampleItems
        if let allocations = options.allocations {
            guard allocations > 0 else { throw Failure(description: "--allocations must be at least 1") }
            items = max(1, Int((Double(allocations) / allocationsPerItem).rounded()))
        }
        guard items > 0 else { throw Failure(description: "--items must be at least 1") }
        guard items <= maximumOrgItems else {
            throw Failure(description: "at most \(maximumOrgItems) items (about \(Int(Double(maximumOrgItems) * allocationsPerItem / 1e6))M allocations)")
        }
        return items
    }

    /// What `runOrganisation` did.
    public struct OrgReport: Sendable {
        /// Items simulated, and how long the simulation took.
        public var items: Int
        public var seconds: Double
        /// One per file written.
        public var files: [Report]
    }

    /// Simulates the organisation and writes its files into `options.directory`, each under a
    /// temporary name first and then renamed.
    public static func runOrganisation(_ options: OrgOptions) throws(Failure) -> OrgReport {
        let items = try organisationItems(options)
        try makeDirectory(options.directory)
        let clock = ContinuousClock()
        let start = clock.now
        let sim = OrgSimulation(seed: options.seed, items: items)
        let elapsed = (clock.now - start).components
        var report = OrgReport(items: items, seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18, files: [])
        let csv = OrgCSV(sim)
        let counts = sim.rowCounts
        for name in OrgCSV.files {
            report.files.append(try writeFile(options.directory + "/" + name, rows: counts[name] ?? 0) { w in csv.write(name, to: w) })
        }
        return report
    }

    /// One file of the organisation, in memory.
    public struct OrgFile: Sendable {
        public var name: String
        public var bytes: [UInt8]
    }

    /// The organisation's files in memory (for tests and small samples), in `organisationFileNames` order;
    /// `items` is taken as at least 1 and at most `maximumOrgItems`.
    public static func organisationFiles(items: Int, seed: UInt64) -> [OrgFile] {
        let csv = OrgCSV(OrgSimulation(seed: seed, items: max(1, min(items, maximumOrgItems))))
        return OrgCSV.files.map { name in
            let w = ByteWriter.inMemory()
            csv.write(name, to: w)
            w.flush()
            return OrgFile(name: name, bytes: w.memory)
        }
    }
}
