import Foundation
import GembaCore
import GembaWorkspace

/// What each fuzz target does with one input (docs/testing.md). The libFuzzer executables
/// (Sources/Fuzz*, built by `make fuzz`) and the replay test in `make test` call these same functions, so
/// an input that once crashed a target is run again on every test.
///
/// Every input must end in a result or a thrown error: a crash, a trap or a hang is the finding.
public enum FuzzTargets {
    /// Runs the target `name` (the folder its corpus has under Tests/fuzz/) on `bytes`.
    public static func run(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) {
        switch name {
        case "statement": statement(bytes)
        case "reader": reader(bytes)
        case "workspace": workspace(bytes)
        default: break
        }
    }

    /// Statement text in: lexed, split, parsed, bound and run against a small copy of the sample
    /// organisation. Text that could write files (`export`) or ask for huge tables (`range`) is parsed
    /// and bound but not run.
    public static func statement(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        let session = Session(catalog: FuzzCatalog.shared)
        if text.contains("export") || text.contains("range") {
            _ = session.fields(of: text)
            return
        }
        try? session.run(text) { _ in }
    }

    /// File bytes in: the first byte picks the reader (CSV, TSV, JSON lines, JSON array), the rest is
    /// the file.
    public static func reader(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = bytes.first else { return }
        let formats: [FileFormat] = [.csv, .tsv, .jsonl, .json]
        let format = formats[Int(first) % formats.count]
        let body = Array(bytes.dropFirst())
        _ = try? TableReader.read(bytes: body, name: "fuzz", format: format)
    }

    /// Database bytes in: written to a file, opened as a workspace and read whole.
    public static func workspace(_ bytes: UnsafeBufferPointer<UInt8>) {
        let path = FuzzCatalog.scratchFile
        guard FileManager.default.createFile(atPath: path, contents: Data(buffer: bytes)) else { return }
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let ws = try? Workspace(path: path) else { return }
        _ = try? ws.load()
    }
}
