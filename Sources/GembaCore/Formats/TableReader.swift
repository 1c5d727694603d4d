/// Reads files into tables: CSV, TSV, JSON lines and JSON arrays of objects.
///
/// A read either returns the whole table or throws; it never returns part of a file. Input must be
/// UTF-8 (a leading BOM is skipped).
///
/// CSV and TSV: a header row is required (an empty name becomes `col_N`, a repeated one `name_2`);
/// every record has the header's field count; an unquoted empty field is null and `""` the empty
/// string; types are inferred per column over all values (int, float, bool, date, datetime, else
/// string; int+float widen to float, date+datetime to datetime; all-null is string).
/// JSON lines / JSON: keys become columns in first-seen order; types come from the JSON values, and
/// strings that are all dates or datetimes become those types.
/// See `CSVReader` and `JSONTableReader` (in this folder) for the exact rules.
public enum TableReader {
    /// Reads the file at `path`, in `format` or the one its extension names (`.csv`, `.tsv`/`.tab`,
    /// `.jsonl`/`.ndjson`, `.json`), with the types in `typeOverrides` (column name → type, like
    /// `--types col:type`) instead of inferred ones.
    public static func read(path: String, format: FileFormat? = nil,
                            typeOverrides: [String: DataType] = [:]) throws(FormatError) -> Table {
        guard let format = format ?? FileFormat(path: path) else {
            throw FormatError(file: path, message: "unknown file format (use a .csv, .tsv, .jsonl or .json file)")
        }
        return try FileIO.withFile(path: path) { (p, release) throws(FormatError) -> Table in
            WorkProgress.begin("reading \(path)", total: p.count)
            defer { WorkProgress.end() }
            return try read(p, name: path, format: format, typeOverrides: typeOverrides, release: release)
        }
    }

    /// Reads `bytes` in `format`; `name` is what errors call the input.
    public static func read(bytes: [UInt8], name: String, format: FileFormat,
                            typeOverrides: [String: DataType] = [:]) throws(FormatError) -> Table {
        try bytes.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(FormatError) -> Table in
            try read(p, name: name, format: format, typeOverrides: typeOverrides, release: nil)
        }
    }

    /// Reads `p` in `format`; `release` lets the pages of a mapped file go as a reader moves on.
    static func read(_ p: UnsafeBufferPointer<UInt8>, name: String, format: FileFormat, typeOverrides: [String: DataType],
                     release: ((Int) -> Void)?, csvOptions: CSVReadOptions = CSVReadOptions()) throws(FormatError) -> Table {
        switch format {
        case .csv:
            return try CSVReader(name: name, delimiter: UInt8(ascii: ","), typeOverrides: typeOverrides,
                                 options: csvOptions, release: release).read(p)
        case .tsv:
            return try CSVReader(name: name, delimiter: UInt8(ascii: "\t"), typeOverrides: typeOverrides,
                                 options: csvOptions, release: release).read(p)
        case .jsonl:
            return try JSONTableReader(name: name, typeOverrides: typeOverrides, isArray: false).read(p)
        case .json:
            return try JSONTableReader(name: name, typeOverrides: typeOverrides, isArray: true).read(p)
        case .markdown:
            throw FormatError(file: name, message: "reading Markdown is not supported (use CSV, TSV or JSON)")
        }
    }
}
