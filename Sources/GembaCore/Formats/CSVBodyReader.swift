#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How the CSV reader splits its work.
struct CSVReadOptions {
    /// Threads reading chunks at once.
    var workers = Parallel.workers
    /// Bytes per chunk.
    var chunkBytes = 4 << 20
    /// Bodies shorter than this are read by one chunk, on the calling thread.
    var parallelBelow = 4 << 20
    /// A string column with this many distinct values so far has its lookups batched
    /// (`CSVChunkColumn.deferred`): its table no longer fits in a core's cache.
    var batchLookupsFrom = 1 << 15
}

/// A file's records that one chunk read: `start..<end`, holding `rows` records.
struct CSVChunkRange {
    let start: Int
    let end: Int
    let rows: Int
}

/// Reads a CSV body (the records after the header) into column accumulators, on all cores.
///
/// The body is read in windows of one chunk per worker, the window split evenly: chunk j reads the
/// records that start in split j..<split j + 1 (a record running past the split is its). Chunk 0
/// starts where the window does, at a record (the body's start, then where the last window ended).
/// The others start at a guess, the first record start at or after their split judging by quote
/// parity: one pass over the window, a split per thread, checks that the bytes are UTF-8 and finds
/// the parity of the `"` in each split; from a split the guess is the byte after the first line feed
/// outside quotes. A guess is right when the chunk before it (itself right) ended exactly there; a
/// chunk after a wrong guess (possible when a `"` sits inside an unquoted field) is dropped and the
/// next window starts where the last right one ended, so the records are always the ones a single
/// pass finds, and the file is touched about twice, window by window (pages behind are let go).
///
/// Chunks split their records and parse the fields straight into typed slots, inferring each
/// column's kind from the kind it has so far. Between windows the chunks are appended in order, the
/// column's kind becoming the join of theirs. Slots a chunk holds as a narrower kind are converted when
/// that is exact (int to float, date to datetime); otherwise (say an int column meeting text) the
/// chunk, or every chunk before it, is read again for that column as its new type. String codes are
/// handed out in first-seen order, as one pass would.
///
/// Errors are the ones one pass reports: invalid UTF-8 anywhere first, then the first malformed record
/// (its line counted from the file's start), then the first value that does not parse in the leftmost
/// column with one.
struct CSVBodyReader {
    let p: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    let name: String
    let columns: [CSVColumnAccumulator]
    let options: CSVReadOptions
    /// Lets the file's pages before an offset go (mapped files), called as reading moves on.
    let release: ((Int) -> Void)?

    /// The chunks read so far, in order.
    private var done: [CSVChunkRange] = []
    private var rows = 0
    private var workers: [CSVChunk] = []
    private var rereaders: [CSVChunk] = []
    private var rowCapacity = 1024

    init(p: UnsafeBufferPointer<UInt8>, delimiter: UInt8, name: String, columns: [CSVColumnAccumulator],
         options: CSVReadOptions, release: ((Int) -> Void)?) {
        self.p = p
        self.delimiter = delimiter
        self.name = name
        self.columns = columns
        self.options = options
        self.release = release
    }

    /// Reads the records from `bodyStart` on (where a record starts); returns their number. `lineBytes`
    /// (the header's length) guesses the size of a record.
    mutating func read(from bodyStart: Int, lineBytes: Int) throws(FormatError) -> Int {
        let n = p.count
        WorkProgress.advance(bodyStart, rows: 0)
        // A small body is one chunk; a large one goes by windows (of one chunk on one core).
        let small = n - bodyStart < max(1, options.parallelBelow)
        let k = small ? 1 : max(1, options.workers)
        let chunkBytes = small ? max(1, n - bodyStart) : max(1, options.chunkBytes)
        rowCapacity = min(max(64, chunkBytes / max(8, lineBytes) * 5 / 4 + 64), 1 << 22)
        workers = (0..<k).map { _ in newChunk() }
        var s = bodyStart
        while s < n {
            // Even splits of what is left, at most `chunkBytes` each: chunk j reads the records that
            // start in split j..<split j + 1.
            let remaining = n - s
            let size = remaining >= k * chunkBytes ? chunkBytes : max(1, (remaining + k - 1) / k)
            var m = 1
            while m < k, s + m * size < n { m += 1 }
            let splits = (0...m).map { min(n, s + $0 * size) }
            var starts: [Int?] = [s]
            var validatedUpTo = s
            if m > 1 {
                // One pass over the window, split among the workers: UTF-8 checked, quotes counted.
                let (parities, scanned) = try scanWindow(splits)
                validatedUpTo = scanned
                var parity = 0
                for j in 1..<m {
                    parity ^= parities[j - 1]
                    starts.append(Self.recordStart(p, splits[j], splits[j + 1], inQuotes: parity == 1))
                }
            }
            var running: [CSVChunk] = []
            for j in 0..<m {
                guard let start = starts[j] else { continue }
                let w = workers[j]
                w.start = start
                w.limit = splits[j + 1]
                w.bound = j == 0 ? n : min(n, splits[j + 1] + size)
                w.validatedUpTo = validatedUpTo
                for (c, acc) in columns.enumerated() {
                    w.prepare(c, action: acc.action, kind: acc.kind, global: acc.snapshot,
                              deferStrings: acc.strings.count >= options.batchLookupsFrom)
                }
                running.append(w)
            }
            runAll(running)
            // The chunks whose start is known right, in order: chunk 0's, then each that starts where
            // the one before it ended. A chunk with no guessed start is right when the records before
            // it run past its whole split.
            var valid: [CSVChunk] = []
            var end = s
            chain: for j in 0..<m {
                guard let start = starts[j] else {
                    if end >= splits[j + 1] { continue } else { break }
                }
                let w = workers[j]
                guard start == end else { break }
                switch w.outcome {
                case .ok(let e):
                    if w.invalidUTF8 { throw utf8Error() ?? changed() }
                    end = e
                    valid.append(w)
                case .fault(let record):
                    throw recordError(at: record)
                case .gaveUp:
                    break chain
                }
            }
            let batch = valid
            let windowRows = batch.reduce(0) { $0 + $1.rows }
            // Room for the rows still to come, guessed from this window's density.
            let guess = rows + windowRows + Int(Double(n - end) * Double(windowRows) / Double(max(1, end - s)) * 1.02) + 64
            for acc in columns {
                acc.expectedRows = guess
                acc.reserve(needed: rows + windowRows, guess: guess)
            }
            try merge(batch)
            WorkProgress.advance(end - s, rows: windowRows)
            // Ctrl-C: stop between windows; nothing partial is kept.
            if Cancellation.isRequested { throw FormatError(file: name, message: "interrupted") }
            s = end
            release?(s)
        }
        return rows
    }

    private func newChunk() -> CSVChunk {
        CSVChunk(p: p, delimiter: delimiter, columnCount: columns.count, rowCapacity: rowCapacity)
    }

    /// Runs the chunks, in parallel when there are several.
    private func runAll(_ chunks: [CSVChunk]) {
        if chunks.count == 1 {
            chunks[0].run()
            return
        }
        Parallel.run(chunks.indices.map { $0..<($0 + 1) }) { j, _ in chunks[j].run() }
    }

    // MARK: chunk starts

    /// Checks that the window's bytes are UTF-8 and finds the parity of the quotes between its splits,
    /// a split per thread; returns the parities and where the checked bytes end (the window's end, moved past the
    /// rest of a character cut there).
    private func scanWindow(_ splits: [Int]) throws(FormatError) -> (quotes: [Int], scannedUpTo: Int) {
        let n = p.count
        // Cuts moved off the middle of a character (quotes are never continuation bytes, so the
        // quotes between cuts are the quotes between splits).
        var cuts = splits
        for j in 1..<cuts.count {
            var x = max(cuts[j], cuts[j - 1])
            var k = 0
            while x < n, k < 3, p[x] & 0xC0 == 0x80 { x += 1; k += 1 }
            cuts[j] = x
        }
        let pieces = cuts.count - 1
        var quotes = [Int](repeating: 0, count: pieces)
        var valid = [Bool](repeating: true, count: pieces)
        quotes.withUnsafeMutableBufferPointer { q in
            valid.withUnsafeMutableBufferPointer { v in
                guard let qBase = q.baseAddress, let vBase = v.baseAddress else { return }
                let counts = SharedBuffer(qBase), oks = SharedBuffer(vBase)
                Parallel.run((0..<pieces).map { $0..<($0 + 1) }) { j, _ in
                    if let parity = Self.quoteParityInUTF8(p, cuts[j], cuts[j + 1]) { counts[j] = parity } else { oks[j] = false }
                }
            }
        }
        if valid.contains(false) { throw utf8Error() ?? changed() }
        return (quotes, cuts[pieces])
    }

    /// The parity of the number of `"` in `p[a..<b]` (0 or 1), or nil when those bytes are not UTF-8
    /// (`UTF8Validation`'s rules; a character must end by `b`).
    static func quoteParityInUTF8(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Int? {
        guard let base = p.baseAddress, a < b else { return 0 }
        let raw = UnsafeRawPointer(base)
        let quotes: UInt64 = 0x2222_2222_2222_2222
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = a
        // 0x80 in each byte lane, flipped per quote seen in that lane: the parity is that of its bits.
        var lanes: UInt64 = 0
        var count = 0
        while i < b {
            if i + 32 <= b {
                let w0 = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let w1 = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                let w2 = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                let w3 = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if (w0 | w1 | w2 | w3) & high == 0 {
                    let v0 = w0 ^ quotes, v1 = w1 ^ quotes, v2 = w2 ^ quotes, v3 = w3 ^ quotes
                    lanes ^= ~(((v0 & low) &+ low) | v0 | low)
                    lanes ^= ~(((v1 & low) &+ low) | v1 | low)
                    lanes ^= ~(((v2 & low) &+ low) | v2 | low)
                    lanes ^= ~(((v3 & low) &+ low) | v3 | low)
                    i += 32
                    continue
                }
            }
            let c = base[i]
            if c < 0x80 {
                if c == CSVTokenizer.quote { count += 1 }
                i += 1
                continue
            }
            guard let length = UTF8Validation.sequenceLength(base, i, b) else { return nil }
            i += length
        }
        return (count + lanes.nonzeroBitCount) & 1
    }

    /// The guessed start of the first record in `a..<b` (a split and the next): the byte after the
    /// first line feed at or after `a - 1` that lies outside quotes, judging by quote parity
    /// (`inQuotes` at `a`); nil when there is none before `b`.
    static func recordStart(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, inQuotes: Bool) -> Int? {
        if !inQuotes, a > 0, p[a - 1] == CSVTokenizer.lf { return a }
        var q = inQuotes
        var i = a
        while i < b - 1 {
            let c = p[i]
            if c == CSVTokenizer.quote { q.toggle() } else if c == CSVTokenizer.lf, !q { return i + 1 }
            i += 1
        }
        return nil
    }

    // MARK: merging

    /// Appends a window's chunks (in order) to the columns.
    private mutating func merge(_ batch: [CSVChunk]) throws(FormatError) {
        // The columns' new kinds; rows before this window read again when they cannot be converted.
        for (c, acc) in columns.enumerated() where acc.fixed == nil {
            var kind = acc.kind
            for w in batch { kind = kind.joined(with: w.columns[c].kind) }
            if !acc.widen(to: kind) {
                acc.reset(to: kind)
                try reread(column: c, acc)
            }
        }
        // Chunk columns read again as their column's type.
        var redo = [[Int]](repeating: [], count: batch.count)
        for (j, w) in batch.enumerated() {
            for (c, acc) in columns.enumerated() where !acc.canTake(w.columns[c], rows: w.rows) {
                redo[j].append(c)
            }
        }
        var again = [CSVChunk?](repeating: nil, count: batch.count)
        let todo = redo.indices.filter { !redo[$0].isEmpty }
        if !todo.isEmpty {
            while rereaders.count < todo.count { rereaders.append(newChunk()) }
            for (r, j) in todo.enumerated() {
                let w = batch[j]
                guard case .ok(let end) = w.outcome else { throw changed() }
                configure(rereaders[r], CSVChunkRange(start: w.start, end: end, rows: w.rows), columns: redo[j])
                again[j] = rereaders[r]
            }
            runAll(Array(rereaders[0..<todo.count]))
            for (r, j) in todo.enumerated() {
                let w = batch[j]
                guard rereaders[r].outcome == w.outcome, rereaders[r].rows == w.rows else { throw changed() }
            }
        }
        // Appends, a column per thread.
        let columns = self.columns
        Parallel.run(columns.indices.map { $0..<($0 + 1) }) { c, _ in
            for (j, w) in batch.enumerated() {
                let source = redo[j].contains(c) ? again[j] ?? w : w
                columns[c].append(source.columns[c], rows: w.rows)
            }
        }
        for w in batch {
            guard case .ok(let end) = w.outcome else { continue }
            done.append(CSVChunkRange(start: w.start, end: end, rows: w.rows))
            rows += w.rows
        }
    }

    /// Sets `chunk` to read `range` again for `columns` only, as their columns' types.
    private func configure(_ chunk: CSVChunk, _ range: CSVChunkRange, columns which: [Int]) {
        chunk.start = range.start
        chunk.limit = range.end
        chunk.bound = p.count
        chunk.validatedUpTo = p.count
        for (c, acc) in columns.enumerated() {
            if which.contains(c) {
                chunk.prepare(c, action: acc.rereadAction, kind: acc.kind, global: acc.snapshot,
                              deferStrings: acc.strings.count >= options.batchLookupsFrom)
            } else {
                chunk.prepare(c, action: .skip, kind: .none, global: nil)
            }
        }
    }

    /// Reads column `c` of every chunk done so far again, into `acc` (just reset), on all cores.
    private mutating func reread(column c: Int, _ acc: CSVColumnAccumulator) throws(FormatError) {
        let k = max(1, workers.count)
        while rereaders.count < k { rereaders.append(newChunk()) }
        var next = 0
        while next < done.count {
            let ranges = Array(done[next..<min(done.count, next + k)])
            for (r, range) in ranges.enumerated() { configure(rereaders[r], range, columns: [c]) }
            runAll(Array(rereaders[0..<ranges.count]))
            for (r, range) in ranges.enumerated() {
                let chunk = rereaders[r]
                guard chunk.outcome == .ok(end: range.end), chunk.rows == range.rows else { throw changed() }
                acc.append(chunk.columns[c], rows: range.rows)
            }
            next += ranges.count
        }
        if let last = done.last { release?(last.end) }
    }

    // MARK: errors

    /// The error of the malformed record at `record`, unless the file has invalid UTF-8 (reported first).
    private func recordError(at record: Int) -> FormatError {
        if let e = utf8Error() { return e }
        let tokenizer = CSVTokenizer(p: p, delimiter: delimiter, name: name)
        do {
            try tokenizer.checkRecord(at: record, columns: columns.count)
        } catch {
            return error
        }
        return changed()
    }

    /// The error for the file's first invalid UTF-8 byte, or nil when it has none.
    private func utf8Error() -> FormatError? { UTF8Validation.error(p, name: name) }

    /// The error when a second look at the bytes disagrees with the first.
    private func changed() -> FormatError {
        FormatError(file: name, message: "the file changed while it was being read")
    }
}
