/// A Jupyter notebook in nbformat 4: the JSON document as read, checked for the parts the runner reads
/// and writes (the format version, the cells, their types and sources). Everything else (metadata,
/// attachments, unknown fields) is kept as it is.
public struct Notebook: Sendable {
    /// The whole document.
    public private(set) var document: JSONValue

    /// The notebook in `text`; throws a message saying what is wrong and where (`cells[3].source: ...`).
    public init(text: String) throws(ShellError) {
        let document: JSONValue
        do { document = try JSONReader.parse(text) } catch {
            throw ShellError(text: "not valid JSON: \(error)")
        }
        try Self.check(document)
        self.document = document
    }

    /// The notebook made of `cells` (`[(type, source)]`), nbformat 4.5, with a gemba kernelspec.
    public init(cells: [(type: String, source: String)]) {
        var list: [JSONValue] = []
        for (i, cell) in cells.enumerated() {
            var members: [(String, JSONValue)] = [("cell_type", .string(cell.type))]
            if cell.type == "code" { members.append(("execution_count", .null)) }
            members.append(("id", .string("cell-\(i + 1)")))
            members.append(("metadata", .object([])))
            if cell.type == "code" { members.append(("outputs", .array([]))) }
            members.append(("source", NotebookText.lines(cell.source)))
            list.append(.object(members))
        }
        document = .object([("cells", .array(list)), ("metadata", .object([])),
                            ("nbformat", .int(4)), ("nbformat_minor", .int(5))])
        document = document.setting("metadata", Self.gembaMetadata(.object([])))
    }

    /// The notebook as JSON text, indented as Jupyter writes it.
    public var text: String { JSONTextWriter.write(document) }

    /// The minor format version (`nbformat_minor`); 4.5 and later give every cell an `id`.
    public var minorVersion: Int { document["nbformat_minor"]?.intValue ?? 0 }

    /// The cells, in order.
    public var cells: [JSONValue] {
        if case .array(let cells)? = document["cells"] { return cells }
        return []
    }

    /// Replaces the cells.
    mutating func setCells(_ cells: [JSONValue]) {
        document = document.setting("cells", .array(cells))
    }

    /// Sets `metadata.kernelspec` and `metadata.language_info` to gemba's where the notebook has none.
    mutating func claimKernel() {
        document = document.setting("metadata", Self.gembaMetadata(document["metadata"] ?? .object([])))
    }

    private static func gembaMetadata(_ metadata: JSONValue) -> JSONValue {
        var m = metadata
        if m["kernelspec"] == nil {
            m = m.setting("kernelspec", .object([("display_name", .string("gemba")), ("language", .string("gemba")),
                                                 ("name", .string("gemba"))]))
        }
        if m["language_info"] == nil {
            m = m.setting("language_info", .object([("file_extension", .string(".gmb")), ("name", .string("gemba"))]))
        }
        return m
    }

    /// The cell's type: `code`, `markdown` or `raw`.
    static func type(of cell: JSONValue) -> String { cell["cell_type"]?.stringValue ?? "" }

    /// The cell's source as one string (nbformat allows a string or a list of lines).
    static func source(of cell: JSONValue) -> String {
        switch cell["source"] {
        case .string(let s)?: return s
        case .array(let lines)?: return lines.compactMap(\.stringValue).joined()
        default: return ""
        }
    }

    /// Checks what the runner relies on; the `nbformat` package's schema checks the rest in the tests.
    private static func check(_ document: JSONValue) throws(ShellError) {
        func fail(_ message: String) -> ShellError { ShellError(text: message) }
        guard case .object = document else { throw fail("expected a JSON object (a notebook) at the top") }
        guard let major = document["nbformat"] else { throw fail("no 'nbformat' field: not a Jupyter notebook") }
        guard major.intValue == 4 else { throw fail("nbformat is \(JSONTextWriter.write(major).dropLast()), expected 4") }
        guard document["nbformat_minor"]?.intValue != nil else { throw fail("'nbformat_minor' is missing or not an integer") }
        if let metadata = document["metadata"] {
            guard case .object = metadata else { throw fail("'metadata' is not an object") }
        } else {
            throw fail("'metadata' is missing")
        }
        guard case .array(let cells)? = document["cells"] else { throw fail("'cells' is missing or not a list") }
        for (i, cell) in cells.enumerated() {
            let at = "cells[\(i)]"
            guard case .object = cell else { throw fail("\(at): expected an object") }
            guard let type = cell["cell_type"]?.stringValue else { throw fail("\(at): 'cell_type' is missing") }
            guard ["code", "markdown", "raw"].contains(type) else {
                throw fail("\(at): unknown cell_type '\(type)' (code, markdown or raw)")
            }
            switch cell["source"] {
            case .string?: break
            case .array(let lines)? where lines.allSatisfy({ $0.stringValue != nil }): break
            case nil: throw fail("\(at): 'source' is missing")
            default: throw fail("\(at).source: expected a string or a list of strings")
            }
            if let id = cell["id"] {
                guard let s = id.stringValue, NotebookText.isValidID(s) else {
                    throw fail("\(at).id: expected 1 to 64 letters, digits, '-' or '_'")
                }
            }
        }
    }
}

/// Text in the forms nbformat stores it.
enum NotebookText {
    /// A multi-line string as nbformat's list of lines, each but the last ending in `\n`.
    static func lines(_ text: String) -> JSONValue {
        // Split on the byte: a Character "\r\n" is not equal to "\n".
        var out: [JSONValue] = []
        var start = text.utf8.startIndex
        for i in text.utf8.indices where text.utf8[i] == 10 {
            let next = text.utf8.index(after: i)
            out.append(.string(String(text[start..<next])))
            start = next
        }
        if start < text.utf8.endIndex { out.append(.string(String(text[start...]))) }
        return .array(out)
    }

    /// True for a cell id nbformat 4.5 accepts: 1 to 64 of `A-Z a-z 0-9 - _`.
    static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count) && id.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F
        }
    }
}
