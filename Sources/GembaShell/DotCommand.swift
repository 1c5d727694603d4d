/// A parsed dot command line: `.load "my file.csv" as t` is name `load` and arguments
/// `["my file.csv", "as", "t"]`.
struct DotCommand: Equatable {
    /// The command's name without the dot, e.g. `load`.
    var name: String
    /// The arguments, unquoted.
    var arguments: [String]

    /// Parses a line starting with `.`. Arguments are separated by blanks; single or double quotes keep
    /// blanks in one argument, and inside double quotes `\"` and `\\` stand for `"` and `\`.
    static func parse(_ line: String) throws(ShellError) -> DotCommand {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character? = nil
        var escaped = false
        for c in line.trimmingTrailingWhitespace().drop(while: { $0.isWhitespace }) {
            if let q = quote {
                if escaped {
                    word.append(c)
                    escaped = false
                } else if q == "\"" && c == "\\" {
                    escaped = true
                } else if c == q {
                    quote = nil
                } else {
                    word.append(c)
                }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(c)
                inWord = true
            }
        }
        let name = String((words.first ?? word).dropFirst())
        if quote != nil { throw ShellError(command: name, "unterminated quote") }
        if inWord { words.append(word) }
        return DotCommand(name: name, arguments: Array(words.dropFirst()))
    }
}

/// An error from the shell itself (a dot command, a file, the command line), already worded for the
/// user; `text` is printed to standard error as it is.
public struct ShellError: Error, Equatable, CustomStringConvertible {
    /// The full text, e.g. `error: .mode: unknown format 'xml'`.
    public var text: String

    /// An error from dot command `command` (its name without the dot): `error: .NAME: message`, then
    /// each note on its own indented line.
    init(command: String, _ message: String, notes: [String] = []) {
        self.init(text: "error: .\(command): \(message)" + notes.map { "\n  \($0)" }.joined())
    }

    /// An error whose text is already complete.
    init(text: String) { self.text = text }

    /// The text.
    public var description: String { text }
}
