import GembaCore

/// One piece of a script: a dot command, or a run of language lines handed to the session as one chunk.
enum ScriptItem: Equatable {
    /// A shell command line such as `.load items.csv`, without leading white space, and its line number.
    case dot(String, line: Int)
    /// Consecutive language lines and the line number of the first.
    case statements(String, firstLine: Int)
}

/// Splits script text into dot commands and language chunks.
///
/// A line whose first non-blank character is `.` is a dot command, unless a statement is still open
/// (the lines before it end inside brackets or a string, or with `|` or `,`): then it belongs to that
/// statement. Every other line joins the current chunk; the session splits a chunk into statements, so
/// a line starting with `|` continues the statement before it.
enum ScriptSplitter {
    /// The items of `text`, in order. Chunks of nothing but blank lines are left out.
    static func split(_ text: String) -> [ScriptItem] {
        var items: [ScriptItem] = []
        var chunk: [Substring] = []
        var chunkStart = 1
        func flush() {
            if chunk.contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
                items.append(.statements(chunk.joined(separator: "\n"), firstLine: chunkStart))
            }
            chunk = []
        }
        // Split on the byte: a Character "\r\n" is not equal to "\n".
        var lines = text.utf8.split(separator: 10, omittingEmptySubsequences: false).map { Substring($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("."), chunk.isEmpty || !StatementSplitter.needsMoreInput(chunk.joined(separator: "\n")) {
                flush()
                items.append(.dot(String(trimmed).trimmingTrailingWhitespace(), line: index + 1))
            } else {
                if chunk.isEmpty { chunkStart = index + 1 }
                chunk.append(line)
            }
        }
        flush()
        return items
    }
}

extension String {
    /// The string without trailing spaces, tabs and carriage returns.
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
