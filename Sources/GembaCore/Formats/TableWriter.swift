/// Writes tables as CSV, TSV, JSON lines, JSON or Markdown.
public enum TableWriter {
    /// The table as text in `format` (see `DelimitedWriter`, `JSONWriter` and `MarkdownWriter` in
    /// this folder for each format's rules).
    public static func render(_ table: Table, format: FileFormat) -> String {
        switch format {
        case .markdown: return MarkdownWriter().write(table)
        default: return String(decoding: bytes(table, format: format), as: UTF8.self)
        }
    }

    /// Writes the table to `path` in `format`. The file is written under a temporary name in the same
    /// folder and renamed when complete, so a failed write leaves any existing file as it was.
    public static func write(_ table: Table, format: FileFormat, to path: String) throws(FormatError) {
        try FileIO.writeFileAtomically(bytes(table, format: format), to: path)
    }

    /// The table as UTF-8 bytes in `format`.
    public static func bytes(_ table: Table, format: FileFormat) -> [UInt8] {
        switch format {
        case .csv: return DelimitedWriter(delimiter: UInt8(ascii: ",")).write(table)
        case .tsv: return DelimitedWriter(delimiter: UInt8(ascii: "\t")).write(table)
        case .jsonl: return JSONWriter(isArray: false).write(table)
        case .json: return JSONWriter(isArray: true).write(table)
        case .markdown: return Array(MarkdownWriter().write(table).utf8)
        }
    }
}
