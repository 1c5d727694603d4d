/// An error reading or writing a file: what went wrong and where.
///
/// `line` is 1-based. `column` is 1-based and counts in the unit given by `columnUnit`: the field
/// number for CSV and TSV errors about a field (a ragged row, a bad value, an unterminated quote), the
/// byte offset within the line for JSON errors and for invalid UTF-8. I/O errors (file not found, not
/// writable) have neither a line nor a column.
public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What `column` counts.
    public enum ColumnUnit: Sendable, Equatable {
        /// The 1-based field number in a CSV or TSV record.
        case field
        /// The 1-based byte offset within the line.
        case byte
    }

    /// The file's path as given, or the name the bytes were read under.
    public var file: String
    /// The 1-based line, when the error is about a place in the file.
    public var line: Int?
    /// The 1-based column (see `columnUnit`), when the error is about a place in a line.
    public var column: Int?
    /// What `column` counts.
    public var columnUnit: ColumnUnit
    /// What went wrong, e.g. `expected 4 fields, found 5`.
    public var message: String

    /// An error at an optional place in `file`.
    public init(file: String, line: Int? = nil, column: Int? = nil, columnUnit: ColumnUnit = .field, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnUnit = columnUnit
        self.message = message
    }

    /// The error as the shell prints it: `error: bad.csv:3:5: expected 4 fields, found 5`, or
    /// `error: missing.csv: no such file` without a place.
    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "error: \(place): \(message)"
    }
}

extension FormatError {
    /// How an error names what a value of `type` looks like ("expected an int, found ...").
    static func expectation(_ type: DataType) -> String {
        switch type {
        case .int: return "an int"
        case .float: return "a float"
        case .bool: return "a bool (true or false)"
        case .date: return "a date (YYYY-MM-DD)"
        case .datetime: return "a datetime (like 2026-03-31T14:05:00Z)"
        case .duration: return "a duration (like 90s, 1.5d or 1d2h)"
        case .string: return "a string"
        case .null: return "null"
        }
    }
}
