import Foundation
import GembaFuzz
import XCTest

/// Replays every input kept under Tests/fuzz/TARGET/ (the seed corpus, the corpus the fuzzers grew, and
/// every crash found) through the same function the fuzz target calls: each must come back, not trap.
final class FuzzReplayTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz")

    func testReplayStatement() throws { try replay("statement") }
    func testReplayReader() throws { try replay("reader") }
    func testReplayWorkspace() throws { try replay("workspace") }

    private func replay(_ target: String) throws {
        let files = try inputs(target)
        XCTAssertFalse(files.isEmpty, "Tests/fuzz/\(target) has no inputs")
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            bytes.withUnsafeBufferPointer { FuzzTargets.run(target, $0) }
        }
    }

    /// Every file in the target's subfolders (corpus/, crashes/), sorted so a run is repeatable.
    private func inputs(_ target: String) throws -> [URL] {
        let dir = Self.root.appendingPathComponent(target)
        guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true
            && url.lastPathComponent != "README.md" {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
