/// Builds a column one value at a time (datatable, CSV and workspace readers, operators producing rows).
public struct ColumnBuilder {
    /// The type of the column being built.
    public let type: DataType
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var bools: [Bool] = []
    private var codes: [UInt32] = []
    private var dict = StringDictionaryBuilder()
    private var validity = Bitmap(count: 0, value: true)
    private var hasNull = false

    /// A builder for `type`, with room for `capacity` rows.
    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        validity.reserveCapacity(capacity)
        switch type {
        case .float: floats.reserveCapacity(capacity)
        case .bool: bools.reserveCapacity(capacity)
        case .string: codes.reserveCapacity(capacity)
        default: ints.reserveCapacity(capacity)
        }
    }

    /// Appends a null.
    public mutating func appendNull() {
        hasNull = true
        validity.append(false)
        switch type {
        case .float: floats.append(0)
        case .bool: bools.append(false)
        case .string: codes.append(0)
        default: ints.append(0)
        }
    }

    /// Appends an int64 payload (int, date, datetime, duration).
    @inline(__always) public mutating func appendInt(_ v: Int64) { ints.append(v); validity.append(true) }
    /// Appends a float.
    @inline(__always) public mutating func appendFloat(_ v: Double) { floats.append(v); validity.append(true) }
    /// Appends a bool.
    @inline(__always) public mutating func appendBool(_ v: Bool) { bools.append(v); validity.append(true) }
    /// Appends a string.
    @inline(__always) public mutating func appendString(_ v: String) { codes.append(dict.code(for: v)); validity.append(true) }

    /// Appends a value, converting ints to floats for float columns; a value of another type is null.
    public mutating func append(_ value: Value) {
        switch (type, value) {
        case (.int, .int(let v)), (.date, .date(let v)), (.datetime, .datetime(let v)), (.duration, .duration(let v)):
            appendInt(v)
        case (.float, .float(let v)): appendFloat(v)
        case (.float, .int(let v)): appendFloat(Double(v))
        case (.bool, .bool(let v)): appendBool(v)
        case (.string, .string(let v)): appendString(v)
        default: appendNull()
        }
    }

    /// The number of rows so far.
    public var count: Int { validity.count }

    /// The finished column.
    public func build() -> Column {
        let v: Bitmap? = hasNull ? validity : nil
        switch type {
        case .float: return Column(type: type, data: .float64(floats), validity: v)
        case .bool: return Column(type: type, data: .bool(bools), validity: v)
        case .string: return Column(type: type, data: .string(codes, dict.build()), validity: v)
        default: return Column(type: type, data: .int64(ints), validity: v)
        }
    }
}
