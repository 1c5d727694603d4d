import Foundation
import GembaCore

/// The tables statement inputs run against: the first rows of each file in datasets/, small enough
/// that any join or flow over them answers in milliseconds.
enum FuzzCatalog {
    /// Rows kept from each sample file.
    static let rowsPerTable = 120

    static let shared: Catalog = {
        var catalog = Catalog()
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("datasets")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".csv") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else { continue }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true).prefix(rowsPerTable + 1)
            let head = Array((lines.joined(separator: "\n") + "\n").utf8)
            if let table = try? TableReader.read(bytes: head, name: file, format: .csv) {
                catalog.setTable(String(file.dropLast(4)), table)
            }
        }
        return catalog
    }()

    /// A file of this process's own for the workspace target (so parallel fuzzing jobs do not meet).
    static let scratchFile: String = {
        let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return (dir as NSString).appendingPathComponent("gemba-fuzz-\(getpid()).db")
    }()
}
