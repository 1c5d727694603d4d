import XCTest
@testable import GembaCore

/// The chunked, multi-threaded CSV reader, forced onto tiny chunks so small inputs cross many chunk
/// and window boundaries: it must give exactly what one pass gives (`ReferenceCSV`, and the reader's
/// own single-chunk path), errors included.
final class FormatsCSVParallelTests: XCTestCase {
    /// Reads `bytes` in chunks of `chunkBytes`, `workers` at a time.
    private func readChunked(_ bytes: [UInt8], chunkBytes: Int, workers: Int = 2, format: FileFormat = .csv,
                             types: [String: DataType] = [:]) -> Result<Table, FormatError> {
        // Odd chunk sizes also batch string lookups (as for a column with many distinct values).
        let options = CSVReadOptions(workers: workers, chunkBytes: chunkBytes, parallelBelow: 0,
                                     batchLookupsFrom: chunkBytes % 2 == 1 ? 0 : 1 << 15)
        return Result { () throws(FormatError) -> Table in
            try bytes.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(FormatError) -> Table in
                try TableReader.read(p, name: "t.csv", format: format, typeOverrides: types, release: nil, csvOptions: options)
            }
        }
    }

    /// What the one-pass reader and the single-chunk path give.
    private func readOnePass(_ bytes: [UInt8], format: FileFormat = .csv, types: [String: DataType] = [:]) -> Result<Table, FormatError> {
        let delimiter = format == .tsv ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        let reference = Result { () throws(FormatError) -> Table in try ReferenceCSV.read(bytes, delimiter: delimiter, types: types) }
        let single = Result { () throws(FormatError) -> Table in
            try TableReader.read(bytes: bytes, name: "t.csv", format: format, typeOverrides: types)
        }
        assertIdentical(reference, single, "single chunk vs one pass")
        return reference
    }

    /// Asserts both reads failed with the same error, or gave the same table down to the string codes.
    private func assertIdentical(_ a: Result<Table, FormatError>, _ b: Result<Table, FormatError>, _ message: @autoclosure () -> String,
                                 file: StaticString = #filePath, line: UInt = #line) {
        switch (a, b) {
        case (.failure(let x), .failure(let y)):
            XCTAssertEqual(x, y, message(), file: file, line: line)
        case (.success(let x), .success(let y)):
            XCTAssertEqual(x.fields, y.fields, message(), file: file, line: line)
            XCTAssertEqual(x.rowCount, y.rowCount, message(), file: file, line: line)
            guard x.fields == y.fields, x.rowCount == y.rowCount else { return }
            for c in x.columns.indices {
                let u = x.columns[c], v = y.columns[c]
                XCTAssertEqual(u.validity, v.validity, "validity of \(x.fields[c].name): \(message())", file: file, line: line)
                switch (u.data, v.data) {
                case (.int64(let p), .int64(let q)): XCTAssertEqual(p, q, "\(x.fields[c].name): \(message())", file: file, line: line)
                case (.float64(let p), .float64(let q)):
                    XCTAssertEqual(p.map(\.bitPattern), q.map(\.bitPattern), "\(x.fields[c].name): \(message())", file: file, line: line)
                case (.bool(let p), .bool(let q)): XCTAssertEqual(p, q, "\(x.fields[c].name): \(message())", file: file, line: line)
                case (.string(let p, let d), .string(let q, let e)):
                    XCTAssertEqual(p, q, "codes of \(x.fields[c].name): \(message())", file: file, line: line)
                    XCTAssertEqual(d.values.map { Array($0.utf8) }, e.values.map { Array($0.utf8) },
                                   "dictionary of \(x.fields[c].name): \(message())", file: file, line: line)
                default: XCTFail("storage differs for \(x.fields[c].name): \(message())", file: file, line: line)
                }
            }
        default:
            XCTFail("one read failed, the other did not: \(a) vs \(b): \(message())", file: file, line: line)
        }
    }

    /// Asserts every chunk size in `sizes` (with 1, 2 and 3 workers) reads `bytes` as one pass does.
    private func check(_ bytes: [UInt8], sizes: [Int], format: FileFormat = .csv, types: [String: DataType] = [:],
                       file: StaticString = #filePath, line: UInt = #line) {
        let expected = readOnePass(bytes, format: format, types: types)
        for size in sizes {
            for workers in [1, 2, 3] {
                assertIdentical(expected, readChunked(bytes, chunkBytes: size, workers: workers, format: format, types: types),
                                "chunks of \(size) bytes, \(workers) workers", file: file, line: line)
            }
        }
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: boundaries

    func testQuotedNewlinesAndDoubledQuotesAcrossEveryBoundary() {
        var text = "id,note,n,tag\n"
        for i in 0..<40 {
            switch i % 5 {
            case 0: text += "\(i),\"two\nlines\",\(i * 3),a\n"
            case 1: text += "\(i),\"say \"\"hi\"\",\nthen \"\"bye\"\"\",\(i),\"\"\n"
            case 2: text += "\(i),\"\"\"\n\"\"\",,b\n"
            case 3: text += "\(i),\"crlf\r\ninside, and \"\"quotes\"\"\",\(i),\"x\ny\"\n"
            default: text += "\(i),plain,\(i),\n"
            }
        }
        check(bytes(text), sizes: Array(1...48) + [64, 100, 333])
        guard case .success(let t) = readChunked(bytes(text), chunkBytes: 7) else { return XCTFail("read failed") }
        XCTAssertEqual(t.rowCount, 40)
        XCTAssertEqual(t.row(1)[1], .string("say \"hi\",\nthen \"bye\""))
        XCTAssertEqual(t.row(2)[1], .string("\"\n\""))
        XCTAssertEqual(t.row(3)[1], .string("crlf\r\ninside, and \"quotes\""))
        XCTAssertEqual(t.fields.map(\.type), [.int, .string, .int, .string])
    }

    func testAQuotedFieldLongerThanSeveralChunks() {
        let long = String(repeating: "x,\n\"\"y", count: 200)
        let text = "a,b\n1,\"\(long)\"\n2,z\n3,\"\(long)\"\n"
        check(bytes(text), sizes: [1, 5, 16, 64, 500])
    }

    func testCRLFLineEndsAndBlankLines() {
        var text = "a,b,c\r\n"
        for i in 0..<60 {
            text += "\(i),\(Double(i) / 4),s\(i % 7)\r\n"
            if i % 9 == 0 { text += "\r\n" }
            if i % 13 == 0 { text += "\n" }
        }
        text += "60,1.5,last"  // no line end
        check(bytes(text), sizes: [1, 2, 3, 7, 11, 32, 90])
        let single = "v\r\n1\r\n\r\n2\r\n\r\n\r\n3\r\n"  // one column: blank lines are nulls
        check(bytes(single), sizes: [1, 2, 3, 5])
        guard case .success(let t) = readChunked(bytes(single), chunkBytes: 2) else { return XCTFail("read failed") }
        XCTAssertEqual(rows(t).map { $0[0] }, [.int(1), .null, .int(2), .null, .null, .int(3)])
    }

    func testTSV() {
        var text = "a\tb\n"
        for i in 0..<50 { text += "\(i)\t\"t\tab\n\(i)\"\n" }
        check(bytes(text), sizes: [1, 9, 40], format: .tsv)
    }

    func testQuotesInsideUnquotedFieldsBreakParityButNotTheResult() {
        // A `"` inside an unquoted field is data, so counting quotes guesses chunk starts wrong here.
        var text = "a,b\n"
        for i in 0..<80 {
            text += i % 3 == 0 ? "\(i),5\" tall\n" : i % 3 == 1 ? "\(i),\"q\nq\"\n" : "\(i),ab\"c\"d\n"
        }
        check(bytes(text), sizes: Array(1...24) + [50, 77])
    }

    // MARK: types widening late

    private func lateColumn(_ early: String, _ late: String, rows: Int = 300) -> [UInt8] {
        var text = "id,v\n"
        for i in 0..<rows { text += "\(i),\(i == rows - 2 ? late : early.replacingOccurrences(of: "#", with: String(i)))\n" }
        return bytes(text)
    }

    private func type(_ bytes: [UInt8], chunkBytes: Int = 64) -> DataType? {
        guard case .success(let t) = readChunked(bytes, chunkBytes: chunkBytes) else { return nil }
        return t.fields[1].type
    }

    func testIntBecomesFloatInALateChunk() {
        let b = lateColumn("#", "2.5")
        check(b, sizes: [16, 64, 256])
        XCTAssertEqual(type(b), .float)
        guard case .success(let t) = readChunked(b, chunkBytes: 64) else { return XCTFail("read failed") }
        XCTAssertEqual(t.row(7)[1], .float(7))
        XCTAssertEqual(t.row(298)[1], .float(2.5))
    }

    func testNegativeZeroSurvivesAWideningToFloat() {
        var text = "v\n-0\n"
        for i in 0..<200 { text += "\(i)\n" }
        text += "-00\n0.5\n"
        check(bytes(text), sizes: [8, 64, 4096])
        guard case .success(let t) = readChunked(bytes(text), chunkBytes: 8) else { return XCTFail("read failed") }
        guard case .float(let z) = t.row(0)[0], case .float(let y) = t.row(201)[0] else { return XCTFail("not floats") }
        XCTAssertEqual(z.sign, .minus)
        XCTAssertEqual(y.sign, .minus)
    }

    func testIntBecomesStringInALateChunk() {
        let b = lateColumn("#", "n/a")
        check(b, sizes: [16, 64, 256])
        XCTAssertEqual(type(b), .string)
        guard case .success(let t) = readChunked(b, chunkBytes: 64) else { return XCTFail("read failed") }
        XCTAssertEqual(t.row(5)[1], .string("5"))
    }

    func testOtherLateWidenings() {
        XCTAssertEqual(type(lateColumn("2026-01-01", "2026-01-01T10:00:00Z")), .datetime)
        XCTAssertEqual(type(lateColumn("", "7")), .int)
        XCTAssertEqual(type(lateColumn("true", "maybe")), .string)
        XCTAssertEqual(type(lateColumn("1.5", "2026-01-01")), .string)
        XCTAssertEqual(type(lateColumn("2026-01-01", "\"\"")), .string)
        XCTAssertEqual(type(lateColumn("x#", "1")), .string)
        for (early, late) in [("2026-01-01", "2026-01-01T10:00:00Z"), ("", "7"), ("true", "maybe"), ("1.5", "2026-01-01"),
                              ("2026-01-01", "\"\""), ("#", "\"12\""), ("\"#\"", "x\"y"), ("", ""), ("#", "")] {
            check(lateColumn(early, late), sizes: [16, 64, 1000])
        }
    }

    func testADateTooFarOutForADatetimeFailsAsBefore() {
        // A date with a 9-digit year is a date, but no datetime can hold it.
        check(lateColumn("2026-01-01T00:00:00Z", "999999999-01-01"), sizes: [16, 64])
        check(lateColumn("999999999-01-01", "2026-01-01T00:00:00Z"), sizes: [16, 64])
        check(lateColumn("999999999-01-01", "x"), sizes: [16, 64])
        guard case .failure(let e) = readChunked(lateColumn("2026-01-01T00:00:00Z", "999999999-01-01"), chunkBytes: 16) else {
            return XCTFail("expected an error")
        }
        XCTAssertEqual(e.line, 300)
    }

    // MARK: errors in late chunks

    private func numbered(_ rows: Int, _ replace: [Int: String] = [:]) -> [UInt8] {
        var text = "a,b,c\n"
        for line in 2...(rows + 1) { text += (replace[line] ?? "\(line),x\(line % 5),\(line % 3 == 0)") + "\n" }
        return bytes(text)
    }

    func testARaggedRowInALateChunkNamesItsLine() {
        let b = numbered(400, [377: "1,2"])
        check(b, sizes: [16, 100, 1000])
        guard case .failure(let e) = readChunked(b, chunkBytes: 100) else { return XCTFail("expected an error") }
        XCTAssertEqual(e, FormatError(file: "t.csv", line: 377, column: 2, message: "expected 3 fields, found 2"))
    }

    func testLineNumbersCountQuotedLineBreaks() {
        var text = "a,b\n"
        for i in 0..<100 { text += "\(i),\"x\ny\"\n" }
        text += "1,2,3\n"
        check(bytes(text), sizes: [16, 64])
        guard case .failure(let e) = readChunked(bytes(text), chunkBytes: 16) else { return XCTFail("expected an error") }
        XCTAssertEqual(e.line, 202)
    }

    func testOtherErrorsInLateChunks() {
        check(numbered(300, [290: "1,\"open,3"]), sizes: [16, 128])
        check(numbered(300, [250: "1,\"x\"y,3"]), sizes: [16, 128])
        check(numbered(300, [280: "1,x,maybe", 50: "2,y,notbool"]), sizes: [16, 128], types: ["c": .bool])
        check(numbered(300, [280: "z,x,true", 60: "2,y,bad"]), sizes: [16, 128], types: ["a": .int, "c": .bool])
        // A bad value early and a ragged row late: the ragged row is reported (records are split first).
        check(numbered(300, [10: "q,x,true", 280: "1"]), sizes: [16, 128], types: ["a": .int])
        // Invalid UTF-8 late wins over a ragged row early.
        var b = numbered(300, [40: "1"])
        b += [0x31, 0x2C, 0xFF, 0x2C, 0x31, 0x0A]
        check(b, sizes: [16, 128])
        guard case .failure(let e) = readChunked(b, chunkBytes: 16) else { return XCTFail("expected an error") }
        XCTAssertEqual(e.line, 302)
        XCTAssertEqual(e.columnUnit, .byte)
    }

    // MARK: random inputs

    /// Random CSV-ish text: typed columns that sometimes change kind late, quoted fields with
    /// delimiters, line breaks and doubled quotes, stray quotes, nulls, blank lines, CRLF, and now
    /// and then a malformed record or byte.
    private func randomDocument(_ rng: inout SeededRandom, faults: Bool) -> [UInt8] {
        func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
        let columns = Int.random(in: 1...5, using: &rng)
        let rows = Int.random(in: 0...120, using: &rng)
        let crlf = Int.random(in: 0...3, using: &rng) == 0
        let eol = crlf ? "\r\n" : "\n"
        let kinds = (0..<columns).map { _ in pick(["int", "float", "bool", "date", "datetime", "text", "quoted", "mixed"]) }
        let switchRow = (0..<columns).map { _ in Int.random(in: 0...(rows + 5), using: &rng) }
        var text = (0..<columns).map { pick(["a", "b", "", "a", "\"q,\"\"h\"\"\"", "n\($0)"]) }.joined(separator: ",") + eol
        func value(_ kind: String) -> String {
            switch kind {
            case "int": return pick(["0", "-0", "7", "-12", "9223372036854775807", "9223372036854775808", "0042"])
            case "float": return pick(["1.5", "-0.0", ".5", "1e3", "2.", "-7"])
            case "bool": return pick(["true", "False", "TRUE"])
            case "date": return pick(["2026-03-31", "1969-12-31", "-0044-03-15", "999999999-12-31"])
            case "datetime": return pick(["2026-03-31T14:05:00Z", "2026-03-31 14:05", "2026-03-31T14:05:00.25+02:00"])
            case "text": return pick(["x", "hello world", "名前", "😀", "a\"b", "5\" tall", "nan", " 1"])
            case "quoted": return pick(["\"\"", "\"a,b\"", "\"line\nbreak\"", "\"cr\r\nlf\"", "\"\"\"\"", "\"say \"\"hi\"\"\"", "\"12\"", "\"\n\""])
            default: return value(pick(["int", "float", "bool", "date", "datetime", "text", "quoted"]))
            }
        }
        for r in 0..<rows {
            var fields: [String] = []
            for c in 0..<columns {
                if Int.random(in: 0..<8, using: &rng) == 0 { fields.append(""); continue }
                let kind = r < switchRow[c] ? kinds[c] : pick(["int", "float", "date", "datetime", "text", "quoted", kinds[c]])
                fields.append(value(kind))
            }
            if faults, Int.random(in: 0..<150, using: &rng) == 0 {
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: fields.append("extra")
                case 1: fields[0] = "\"open"
                case 2: fields[0] = "\"x\"y"
                default: fields[0] = "\u{FFFD}"; text += "\u{1}"
                }
            }
            text += fields.joined(separator: ",") + eol
            if Int.random(in: 0..<15, using: &rng) == 0 { text += eol }
        }
        if Int.random(in: 0..<4, using: &rng) == 0, text.hasSuffix(eol) { text.removeLast() }
        var b = Array(text.utf8)
        if faults, Int.random(in: 0..<40, using: &rng) == 0, !b.isEmpty { b[Int.random(in: 0..<b.count, using: &rng)] = 0xFF }
        return b
    }

    func testRandomInputsReadAsOnePassDoes() {
        var rng = SeededRandom(seed: 77)
        for k in 0..<250 {
            let b = randomDocument(&rng, faults: k % 3 == 0)
            let expected = readOnePass(b)
            let sizes = [1, Int.random(in: 2...12, using: &rng), Int.random(in: 13...200, using: &rng)]
            for size in sizes {
                let workers = Int.random(in: 1...4, using: &rng)
                assertIdentical(expected, readChunked(b, chunkBytes: size, workers: workers),
                                "document \(k), chunks of \(size), \(workers) workers:\n\(String(decoding: b, as: UTF8.self))")
            }
        }
    }

    func testRandomTablesWithTypesReadAsOnePassDoes() {
        var gen = RandomTables(rng: SeededRandom(seed: 78))
        for k in 0..<120 {
            let t = gen.table(maxColumns: 6, maxRows: 60)
            let b = TableWriter.bytes(t, format: .csv)
            let types = typesOf(t)
            let expected = readOnePass(b, types: types)
            if case .success(let back) = expected { assertSameTable(t, back, "table \(k)") }
            for size in [3, 40] {
                assertIdentical(expected, readChunked(b, chunkBytes: size, types: types), "table \(k), chunks of \(size)")
                assertIdentical(readOnePass(b), readChunked(b, chunkBytes: size), "table \(k) inferred, chunks of \(size)")
            }
        }
    }

    // MARK: files

    func testAMappedFileReadsAsBytesDo() throws {
        var text = "id,name,when\n"
        for i in 0..<2000 { text += "\(i),\"n\(i % 17)\nx\",2026-01-\(10 + i % 9)\n" }
        let path = NSTemporaryDirectory() + "gemba-parallel-\(getpid()).csv"
        try FileIO.writeFileAtomically(Array(text.utf8), to: path)
        defer { unlink(path) }
        let viaFile = Result { () throws(FormatError) -> Table in try TableReader.read(path: path) }
        assertIdentical(readOnePass(Array(text.utf8)), viaFile, "mapped file")
    }
}
