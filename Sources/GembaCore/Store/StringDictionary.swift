/// The distinct strings of a dictionary-encoded column; a column stores `UInt32` codes into it.
///
/// Immutable once built, so columns derived from one another (filtered, sorted) share it.
public final class StringDictionary: Sendable {
    /// The strings, indexed by code.
    public let values: [String]
    private let index: [ExactString: UInt32]

    /// A dictionary over `values`, which must be distinct. Never empty: a null slot holds code 0, so code 0
    /// names a string ("") even in a column with no strings at all.
    public init(_ values: [String]) {
        let values = values.isEmpty ? [""] : values
        self.values = values
        var index = [ExactString: UInt32](minimumCapacity: values.count)
        for (i, v) in values.enumerated() { index[ExactString(v)] = UInt32(i) }
        self.index = index
    }

    /// The code of `s`, or nil when the dictionary does not hold it.
    @inline(__always) public func code(of s: String) -> UInt32? { index[ExactString(s)] }

    /// The number of distinct strings.
    public var count: Int { values.count }

    /// A dictionary of no strings (only the "" that code 0 of a null slot names).
    public static let empty = StringDictionary([])
}

/// Builds a dictionary while strings arrive, handing out codes in first-seen order.
public struct StringDictionaryBuilder {
    private var values: [String] = []
    private var index: [ExactString: UInt32] = [:]

    /// An empty builder.
    public init() {}

    /// The code for `s`, adding it if new.
    @inline(__always) public mutating func code(for s: String) -> UInt32 {
        let key = ExactString(s)
        if let c = index[key] { return c }
        let c = UInt32(values.count)
        values.append(s)
        index[key] = c
        return c
    }

    /// The finished dictionary.
    public func build() -> StringDictionary { StringDictionary(values) }
}

/// A string compared and hashed by its UTF-8 bytes. Swift's `String ==` treats canonically equivalent
/// strings (`é` and `e` + U+0301) as equal; gemba keeps every string byte for byte.
struct ExactString: Hashable {
    let value: String
    init(_ value: String) { self.value = value }
    static func == (a: ExactString, b: ExactString) -> Bool { a.value.utf8.elementsEqual(b.value.utf8) }
    func hash(into h: inout Hasher) {
        var v = value
        v.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
