/// A column of Int64 payloads written one row at a time, with nulls (for the flow operators' output).
struct Int64ColumnWriter {
    private(set) var values: [Int64] = []
    private var validity: Bitmap
    private var hasNull = false

    init(capacity: Int) {
        values.reserveCapacity(capacity)
        validity = Bitmap(count: 0, value: true)
        validity.reserveCapacity(capacity)
    }

    @inline(__always) mutating func append(_ v: Int64?) {
        if let v { values.append(v); validity.append(true) } else { values.append(0); validity.append(false); hasNull = true }
    }

    func column(_ type: DataType) -> Column { Column(type: type, data: .int64(values), validity: hasNull ? validity : nil) }
}

/// A float column written one row at a time, with nulls.
struct DoubleColumnWriter {
    private var values: [Double] = []
    private var validity: Bitmap
    private var hasNull = false

    init(capacity: Int) {
        values.reserveCapacity(capacity)
        validity = Bitmap(count: 0, value: true)
        validity.reserveCapacity(capacity)
    }

    @inline(__always) mutating func append(_ v: Double?) {
        if let v { values.append(v); validity.append(true) } else { values.append(0); validity.append(false); hasNull = true }
    }

    func column() -> Column { Column(type: .float, data: .float64(values), validity: hasNull ? validity : nil) }
}
