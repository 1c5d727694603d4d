#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes gathered in a large buffer and written to a file descriptor (or kept in memory) a buffer at a
/// time. Callers `reserve` room for a whole row, then append without further checks.
final class ByteWriter {
    /// Where the bytes go.
    private enum Target {
        case descriptor(Int32)
        case memory
    }

    private let target: Target
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    /// Everything written, for a memory writer.
    private(set) var memory: [UInt8] = []
    /// Bytes handed on so far (flushed or kept).
    private(set) var total = 0
    /// The `errno` of the first failed write; later writes are dropped.
    private(set) var failure: Int32?

    private init(_ target: Target, capacity: Int) {
        self.target = target
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// A writer to the open descriptor `fd` (which the caller closes).
    static func descriptor(_ fd: Int32) -> ByteWriter { ByteWriter(.descriptor(fd), capacity: 8 << 20) }

    /// A writer that keeps its bytes in `memory`.
    static func inMemory() -> ByteWriter { ByteWriter(.memory, capacity: 1 << 16) }

    /// Makes room for `n` more bytes (at most the buffer's capacity) by flushing when needed.
    @inline(__always) func reserve(_ n: Int) {
        if count + n > capacity { flush() }
    }

    /// Appends one byte; room must be reserved.
    @inline(__always) func byte(_ b: UInt8) {
        buffer[count] = b
        count += 1
    }

    /// Appends `n` bytes from `p`; room must be reserved.
    @inline(__always) func bytes(_ p: UnsafePointer<UInt8>, _ n: Int) {
        (buffer + count).update(from: p, count: n)
        count += n
    }

    /// Appends the decimal digits of `value` (not negative); room for 20 bytes must be reserved.
    @inline(__always) func int(_ value: Int) {
        var v = UInt64(value)
        if v < 10 {
            buffer[count] = 48 &+ UInt8(v)
            count += 1
            return
        }
        var digits = 0
        var t = v
        while t > 0 { digits += 1; t /= 10 }
        var at = count + digits - 1
        while v > 0 {
            buffer[at] = 48 &+ UInt8(v % 10)
            v /= 10
            at -= 1
        }
        count += digits
    }

    /// Appends text, reserving room for it (for headers and other rare text).
    func text(_ s: String) {
        var s = s
        s.withUTF8 { u in
            reserve(u.count)
            if let base = u.baseAddress { bytes(base, u.count) }
        }
    }

    /// Hands the buffer on: writes it to the descriptor or keeps it.
    func flush() {
        defer { total += count; count = 0 }
        switch target {
        case .memory:
            memory.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
        case .descriptor(let fd):
            guard failure == nil else { return }
            var offset = 0
            while offset < count {
                let n = write(fd, buffer + offset, count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
    }
}

/// Short texts (names, dates, numbers) laid end to end, written by index without building strings.
final class TextTable {
    private let data: UnsafeMutablePointer<UInt8>
    private let offsets: UnsafeMutablePointer<Int>
    /// How many texts.
    let count: Int
    /// The longest text's length in bytes.
    let longest: Int

    init(_ texts: [String]) {
        count = texts.count
        let size = texts.reduce(0) { $0 + $1.utf8.count }
        data = .allocate(capacity: max(size, 1))
        offsets = .allocate(capacity: texts.count + 1)
        var at = 0
        var longest = 0
        for (i, t) in texts.enumerated() {
            offsets[i] = at
            for b in t.utf8 {
                data[at] = b
                at += 1
            }
            longest = max(longest, t.utf8.count)
        }
        offsets[texts.count] = at
        self.longest = longest
    }

    deinit {
        data.deallocate()
        offsets.deallocate()
    }

    /// Appends text `i` to `w` (room must be reserved).
    @inline(__always) func write(_ i: Int, to w: ByteWriter) {
        let start = offsets[i]
        w.bytes(data + start, offsets[i + 1] - start)
    }
}
