#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The guard against a join too large to hold: when the right side repeats keys, the joins count their
/// output rows before making them, and a count past what half this machine's memory can hold is an
/// error (a many-to-many join on the wrong key is an easy typo; it must not take the machine down).
enum JoinSize {
    /// Bytes one output row is taken to cost: its two row numbers and a few gathered columns.
    static let bytesPerRow = 64

    /// The most rows a join may make here.
    static let maxRows: Int = {
        let pages = Int(sysconf(Int32(_SC_PHYS_PAGES))), size = Int(sysconf(Int32(_SC_PAGESIZE)))
        let memory = pages > 0 && size > 0 ? pages.multipliedReportingOverflow(by: size).partialValue : 1 << 32
        return max(1 << 20, memory / 2 / bytesPerRow)
    }()

    /// An error when `rows` output rows are more than `limit`.
    static func check(_ rows: Int, limit: Int = maxRows, range: SourceRange) throws(Diagnostic) {
        guard rows > limit else { return }
        throw Diagnostic("this join would make \(rows) rows, more than this machine's memory can hold (about \(limit) rows)",
                         at: range, notes: ["the right side repeats keys: join on more keys, or filter or summarize a side first"])
    }
}
