import Foundation
import XCTest
@testable import GembaCore

/// Runs the hand-written conformance cases in `Tests/conformance/*.test` (the format is described in
/// `Tests/conformance/README.md`). Each file runs in a fresh session; each failing case is reported
/// with its file and line and a diff of what was expected against what gemba gave.
final class ConformanceTests: XCTestCase {
    func testConformanceFiles() throws {
        let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let folder = testsDir.appendingPathComponent("conformance")
        let root = testsDir.deletingLastPathComponent().path + "/"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".test") }.sorted()
        var files = 0, cases = 0, failed = 0
        for name in names {
            let url = folder.appendingPathComponent(name)
            let shown = url.path.hasPrefix(root) ? String(url.path.dropFirst(root.count)) : url.path
            let text = try String(contentsOf: url, encoding: .utf8)
            let outcome = ConformanceFile.run(text, name: shown)
            files += 1
            cases += outcome.cases
            failed += outcome.failures.count
            for failure in outcome.failures { XCTFail(failure) }
        }
        print("conformance: \(files) files, \(cases) cases, \(failed) failed")
        if cases == 0 { XCTFail("no conformance cases found under \(folder.path)") }
    }

    /// The runner checks itself: a passing file, and each way a case can fail.
    func testRunnerReportsFailures() {
        let good = ConformanceFile.run("""
            # a comment
            statement ok
            let t = datatable(a:int, b:string) [1, "x", 2, ""]

            query rowsort   # order ignored
            t | project b, a
            ----
            b|a:int
            ""|2
            x|1

            error
            t | project c
            ----
            unknown column 'c'
            """, name: "good.test")
        XCTAssertEqual(good.cases, 3)
        XCTAssertEqual(good.failures, [])

        let bad = ConformanceFile.run("""
            query
            1 + 1
            ----
            value
            3

            error
            1 + 1
            ----
            whatever
            """, name: "bad.test")
        XCTAssertEqual(bad.failures.count, 2)
        XCTAssertTrue(bad.failures.first?.hasPrefix("bad.test:1: ") ?? false, bad.failures.first ?? "")
        XCTAssertTrue(bad.failures.first?.contains("- 3\n+ 2") ?? false, bad.failures.first ?? "")
        XCTAssertTrue(bad.failures.last?.hasPrefix("bad.test:7: ") ?? false, bad.failures.last ?? "")

        let malformed = ConformanceFile.run("statement ok\nlet x = 1\n\nfrobnicate\n", name: "malformed.test")
        XCTAssertEqual(malformed.failures.count, 1)
        XCTAssertTrue(malformed.failures.first?.hasPrefix("malformed.test:4: unknown directive") ?? false, malformed.failures.first ?? "")
    }
}

/// One conformance file: parsed into records, run in order in one session.
enum ConformanceFile {
    enum Kind: Equatable {
        case statementOK
        case query(rowsort: Bool)
        case error
        case file(String)
    }

    struct Record {
        var kind: Kind
        /// The 1-based line of the record's first line.
        var line: Int
        /// The statement text.
        var text: String
        /// The lines after `----`.
        var expected: [String]
    }

    /// Runs a file's records; the number of cases and a message per failing case.
    static func run(_ text: String, name: String) -> (cases: Int, failures: [String]) {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-conformance-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let substituted = text.replacingOccurrences(of: "$TMP", with: tmp.path)
        var failures: [String] = []
        let records: [Record]
        switch parse(substituted) {
        case .success(let r): records = r
        case .failure(let e):
            return (0, ["\(name):\(e.line): \(e.message)"])
        }
        let session = Session()
        for record in records {
            if let message = check(record, in: session) {
                failures.append("\(name):\(record.line): \(message)")
            }
        }
        return (records.count, failures)
    }

    struct ParseError: Error {
        var line: Int
        var message: String
    }

    /// Splits a file into records (see README.md). Blank lines end a record's body or expected lines;
    /// `#` lines between records are comments.
    static func parse(_ text: String) -> Result<[Record], ParseError> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
        var records: [Record] = []
        var i = 0
        func isBlank(_ s: String) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" } }
        while i < lines.count {
            let raw = lines[i]
            if isBlank(raw) || raw.hasPrefix("#") { i += 1; continue }
            let start = i + 1
            var directive = raw
            if let hash = directive.range(of: " #") ?? directive.range(of: "\t#") { directive = String(directive[..<hash.lowerBound]) }
            let words = directive.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let kind: Kind
            switch words.first {
            case "statement" where words.count == 2 && words[1] == "ok": kind = .statementOK
            case "statement" where words.count == 2 && words[1] == "error": kind = .error
            case "error" where words.count == 1: kind = .error
            case "query" where words.count == 1: kind = .query(rowsort: false)
            case "query" where words.count == 2 && words[1] == "rowsort": kind = .query(rowsort: true)
            case "file" where words.count == 2: kind = .file(words[1])
            default:
                return .failure(ParseError(line: start, message: "unknown directive '\(raw)' (expected statement ok, query [rowsort], error or file PATH)"))
            }
            i += 1
            var body: [String] = []
            while i < lines.count, !isBlank(lines[i]), lines[i] != "----" { body.append(lines[i]); i += 1 }
            var expected: [String] = []
            let hasSeparator = i < lines.count && lines[i] == "----"
            if hasSeparator {
                i += 1
                while i < lines.count, !isBlank(lines[i]) { expected.append(lines[i]); i += 1 }
            }
            switch kind {
            case .statementOK:
                if hasSeparator { return .failure(ParseError(line: start, message: "'statement ok' takes no '----' block")) }
                if body.isEmpty { return .failure(ParseError(line: start, message: "'statement ok' has no statement")) }
            case .query, .error:
                if body.isEmpty { return .failure(ParseError(line: start, message: "the case has no statement")) }
                if !hasSeparator { return .failure(ParseError(line: start, message: "the case needs a '----' line before its expected result")) }
                if kind == .error, expected.isEmpty { return .failure(ParseError(line: start, message: "'error' needs the expected message after '----'")) }
                if case .query = kind, expected.isEmpty { return .failure(ParseError(line: start, message: "'query' needs at least a header line after '----'")) }
            case .file:
                if !body.isEmpty || !hasSeparator {
                    return .failure(ParseError(line: start, message: "'file PATH' is followed directly by '----' and the expected content"))
                }
            }
            records.append(Record(kind: kind, line: start, text: body.joined(separator: "\n"), expected: expected))
        }
        return .success(records)
    }

    /// Runs one record; nil when it passes, else what went wrong.
    static func check(_ record: Record, in session: Session) -> String? {
        switch record.kind {
        case .statementOK:
            do {
                try session.run(record.text) { _ in }
                return nil
            } catch {
                return "statement failed:\n\(error.description)"
            }
        case .error:
            do {
                try session.run(record.text) { _ in }
                return "expected an error containing:\n\(record.expected.joined(separator: "\n"))\nbut the statement succeeded"
            } catch {
                let rendered = error.description.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { trimTrailing(String($0)) }.joined(separator: "\n")
                let want = record.expected.map(trimTrailing).joined(separator: "\n")
                if rendered.contains(want) { return nil }
                return "the error does not contain the expected text\n" + diff(expected: record.expected.map(trimTrailing), actual: rendered.components(separatedBy: "\n"))
            }
        case .query(let rowsort):
            var table: Table? = nil
            do {
                try session.run(record.text) { result in
                    if case .table(let t) = result { table = t }
                }
            } catch {
                return "query failed:\n\(error.description)"
            }
            guard let t = table else { return "the statement printed no table" }
            let typed = record.expected.first.map { header in
                splitCells(header).map { $0.contains(":") }
            } ?? []
            let header = t.fields.enumerated().map { k, f -> String in
                let name = escape(f.name)
                return k < typed.count && typed[k] ? name + ":" + f.type.rawValue : name
            }.joined(separator: "|")
            var rows = (0..<t.rowCount).map { i in t.row(i).map(cellText).joined(separator: "|") }
            var expectedRows = Array(record.expected.dropFirst()).map(trimTrailing)
            if rowsort { rows.sort(); expectedRows.sort() }
            let actual = [header] + rows
            let expected = [trimTrailing(record.expected[0])] + expectedRows
            if actual == expected { return nil }
            return "result differs (- expected, + actual)\(rowsort ? ", rows sorted" : "")\n" + diff(expected: expected, actual: actual)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { return "cannot read \(path)" }
            var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            if lines == record.expected { return nil }
            return "file \(path) differs (- expected, + actual)\n" + diff(expected: record.expected, actual: lines)
        }
    }

    /// A cell as the expected rows write it: `Value.text`, the empty string as `""`, and `\`, `|`,
    /// line breaks and tabs escaped.
    static func cellText(_ v: Value) -> String {
        if case .string("") = v { return "\"\"" }
        return escape(v.text)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "|": out += "\\|"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A header or row line cut at unescaped `|`.
    static func splitCells(_ line: String) -> [String] {
        var cells: [String] = [], cur = "", escaped = false
        for c in line {
            if escaped { cur.append(c); escaped = false; continue }
            if c == "\\" { cur.append(c); escaped = true; continue }
            if c == "|" { cells.append(cur); cur = "" } else { cur.append(c) }
        }
        cells.append(cur)
        return cells
    }

    static func trimTrailing(_ s: String) -> String {
        var s = s
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }

    /// A line diff (longest common subsequence): `  ` same, `- ` expected only, `+ ` actual only.
    static func diff(expected: [String], actual: [String]) -> String {
        let n = expected.count, m = actual.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = expected[i] == actual[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, expected[i] == actual[j] {
                out.append("  " + expected[i]); i += 1; j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                out.append("- " + expected[i]); i += 1
            } else {
                out.append("+ " + actual[j]); j += 1
            }
        }
        return out.joined(separator: "\n")
    }
}
