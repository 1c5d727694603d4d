/// The `stages` column: the states each item went through, joined by `>` (a state repeated in a row
/// once), as codes into a dictionary of the distinct paths. A path of up to 7 states of a small state
/// dictionary is packed into one UInt64 and found in an open-addressing table; longer ones go through
/// a dictionary keyed by the state codes. A path's text is made once.
struct FlowPaths {
    private let dict: StringDictionary
    private let packable: Bool
    private var current: [UInt32] = []
    private var keys: [UInt64]
    private var ids: [UInt32]
    private var used = 0
    private var long: [[UInt32]: UInt32] = [:]
    /// The distinct paths' texts, by code.
    private(set) var texts: [String] = []

    init(dict: StringDictionary) {
        self.dict = dict
        packable = dict.count < 255
        keys = [UInt64](repeating: 0, count: 64)
        ids = [UInt32](repeating: 0, count: 64)
    }

    @inline(__always) mutating func begin() { current.removeAll(keepingCapacity: true) }

    @inline(__always) mutating func add(_ code: UInt32) {
        if current.last != code { current.append(code) }
    }

    /// The code of the path walked since `begin()`.
    mutating func end() -> UInt32 {
        guard packable, current.count <= 7 else {
            if let id = long[current] { return id }
            let id = newPath()
            long[current] = id
            return id
        }
        // Length in the top byte, then a byte per state: never 0, which marks an empty slot.
        var key = UInt64(current.count) << 56
        for (k, c) in current.enumerated() { key |= UInt64(c + 1) << (8 * UInt64(k)) }
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while keys[slot] != 0 {
            if keys[slot] == key { return ids[slot] }
            slot = (slot + 1) & mask
        }
        let id = newPath()
        keys[slot] = key
        ids[slot] = id
        used += 1
        if used * 2 > keys.count { grow() }
        return id
    }

    private mutating func newPath() -> UInt32 {
        texts.append(current.map { dict.values[Int($0)] }.joined(separator: ">"))
        return UInt32(texts.count - 1)
    }

    private mutating func grow() {
        let oldKeys = keys, oldIds = ids
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        ids = [UInt32](repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (k, key) in oldKeys.enumerated() where key != 0 {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            ids[slot] = oldIds[k]
        }
    }
}

/// Joins the workers' path codes into one dictionary column. Different paths can read the same (a
/// state's name holding '>'): they share one string.
func mergePaths(_ parts: [(codes: [UInt32], texts: [String])]) -> Column {
    var texts: [String] = []
    var textIds: [ExactString: UInt32] = [:]
    var codes: [UInt32] = []
    codes.reserveCapacity(parts.reduce(0) { $0 + $1.codes.count })
    for part in parts {
        let remap = part.texts.map { text -> UInt32 in
            if let id = textIds[ExactString(text)] { return id }
            let id = UInt32(texts.count)
            texts.append(text)
            textIds[ExactString(text)] = id
            return id
        }
        for c in part.codes { codes.append(remap[Int(c)]) }
    }
    return Column(type: .string, data: .string(codes, StringDictionary(texts)))
}
