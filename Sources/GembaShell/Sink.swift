#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GembaCore
import Synchronization

/// Where text goes: a file descriptor (standard output, standard error, an `.output` file) or, in
/// tests, memory. Writes go straight to the descriptor, so nothing waits in a buffer when the prompt
/// shows or the process exits.
public final class Sink {
    private enum Target {
        case descriptor(Int32, owned: Bool)
        case memory
    }

    private let target: Target
    /// Everything written, for a memory sink (empty otherwise).
    public private(set) var text = ""

    private init(_ target: Target) { self.target = target }

    /// Standard output.
    public static func standardOutput() -> Sink { Sink(.descriptor(1, owned: false)) }
    /// Standard error.
    public static func standardError() -> Sink { Sink(.descriptor(2, owned: false)) }
    /// A sink that keeps what is written in `text`.
    public static func memory() -> Sink { Sink(.memory) }

    /// A new or truncated file at `path`; nil (with the system's reason) when it cannot be opened.
    static func file(_ path: String) -> Result<Sink, SystemError> {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { return .failure(SystemError.current()) }
        return .success(Sink(.descriptor(fd, owned: true)))
    }

    /// True when the sink is a terminal.
    public var isTerminal: Bool {
        if case .descriptor(let fd, _) = target { return isatty(fd) == 1 }
        return false
    }

    /// The terminal's width in columns; nil when the sink is not a terminal.
    var terminalWidth: Int? {
        guard case .descriptor(let fd, _) = target, isatty(fd) == 1 else { return nil }
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// True while a statement abandoned by Ctrl-C is still winding down: what it would print is dropped.
    static let muted = Atomic<Bool>(false)

    /// Writes `string` as it is.
    public func write(_ string: String) {
        switch target {
        case .memory:
            text += string
        case .descriptor(let fd, _):
            if Sink.muted.load(ordering: .relaxed) { return }
            let bytes = Array(string.utf8)
            TerminalLine.exclusive { writeAll(fd, bytes) }
        }
    }

    /// Writes `string` and a newline unless it already ends with one.
    public func line(_ string: String) {
        write(string.hasSuffix("\n") ? string : string + "\n")
    }

    /// Closes the file if this sink opened it.
    func close() {
        if case .descriptor(let fd, true) = target { closeDescriptor(fd) }
    }
}

/// Writes all of `bytes` to `fd`, retrying after signals. A closed pipe or a full disk ends the write
/// early: there is nothing better to do with output that cannot go anywhere.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, base + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}

private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

/// The whole file at `path` as text, or why it could not be read: the system's reason, or the place of
/// the first byte that is not UTF-8 (a script or notebook is never run or rewritten with bytes replaced).
func readTextFile(_ path: String) -> Result<String, TextReadError> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { return .failure(.system(SystemError.current())) }
    defer { _ = close(fd) }
    switch readAll(fd) {
    case .failure(let e): return .failure(.system(e))
    case .success(let bytes): return decodeUTF8(bytes)
    }
}

/// Everything on standard input, as text, or the place of its first byte that is not UTF-8.
func readStandardInput() -> Result<String, TextReadError> {
    switch readAll(0) {
    case .failure(let e): return .failure(.system(e))
    case .success(let bytes): return decodeUTF8(bytes)
    }
}

/// `bytes` as text when they are well-formed UTF-8.
func decodeUTF8(_ bytes: [UInt8]) -> Result<String, TextReadError> {
    if let bad = firstInvalidUTF8(in: bytes) {
        return .failure(.invalidUTF8(line: bad.line, column: bad.column, byte: bad.byte))
    }
    return .success(String(decoding: bytes, as: UTF8.self))
}

/// Why a text file could not be read.
enum TextReadError: Error, CustomStringConvertible {
    /// The system refused (no such file, a folder, no permission).
    case system(SystemError)
    /// A byte that is not UTF-8, at a 1-based line and byte column.
    case invalidUTF8(line: Int, column: Int, byte: UInt8)

    var description: String {
        switch self {
        case .system(let e): return e.description
        case .invalidUTF8(let line, let column, let byte):
            return "invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))) at line \(line), column \(column)"
        }
    }
}

/// Reads `fd` to its end.
private func readAll(_ fd: Int32) -> Result<[UInt8], SystemError> {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            return .failure(SystemError.current())
        }
        if n == 0 { return .success(bytes) }
        bytes.append(contentsOf: chunk[0..<n])
    }
}

/// A failed system call's reason, e.g. `No such file or directory`.
struct SystemError: Error, CustomStringConvertible {
    /// The `errno` value.
    var code: Int32
    /// The reason as `strerror` gives it.
    var description: String { String(cString: strerror(code)) }
    /// The error of the last failed call.
    static func current() -> SystemError { SystemError(code: errno) }
}
