/// The file formats gemba reads and writes.
///
/// Reading supports csv, tsv, jsonl and json (an array of objects); markdown is write-only.
public enum FileFormat: String, Sendable, Hashable, CaseIterable {
    /// Comma-separated values (RFC 4180), with a header row.
    case csv
    /// Tab-separated values: the CSV rules with a tab as the delimiter.
    case tsv
    /// JSON lines: one JSON object per line.
    case jsonl
    /// A JSON array of objects.
    case json
    /// A GitHub-flavoured Markdown table (write only).
    case markdown

    /// The format named by a path's extension (case-insensitive): `.csv`, `.tsv` or `.tab`, `.jsonl` or
    /// `.ndjson`, `.json`, `.md`; nil for any other extension or none.
    public init?(path: String) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "jsonl", "ndjson": self = .jsonl
        case "json": self = .json
        case "md", "markdown": self = .markdown
        default: return nil
        }
    }

    /// Parses a format name as given to `--format` or `.mode` (`csv`, `tsv`, `jsonl`, `json`,
    /// `markdown` or `md`); nil for any other name.
    public init?(name: String) {
        switch name.lowercased() {
        case "csv": self = .csv
        case "tsv": self = .tsv
        case "jsonl", "ndjson": self = .jsonl
        case "json": self = .json
        case "markdown", "md": self = .markdown
        default: return nil
        }
    }
}
