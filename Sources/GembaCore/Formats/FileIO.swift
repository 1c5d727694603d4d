#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and all-or-nothing writes, with errors that name the file.
public enum FileIO {
    /// The contents of the file at `path`.
    static func readFile(path: String) throws(FormatError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError(path, "cannot open") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ioError(path, "cannot read") }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw FormatError(file: path, message: "is a directory, not a file") }
        var bytes: [UInt8] = []
        var capacity = max(Int(info.st_size), 0) + 1
        bytes.reserveCapacity(capacity)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError(path, "cannot read")
            }
            if n == 0 { break }
            if bytes.count + n > capacity { capacity = (bytes.count + n) * 2; bytes.reserveCapacity(capacity) }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Calls `body` with the contents of the file at `path`, and a function that lets the pages before
    /// an offset go (nil when the bytes are not a mapping). A regular file is mapped read-only, so a
    /// reader that moves through it once never holds all of it in memory; anything else is read.
    /// (A mapped file truncated by another process while it is read can stop the process.)
    static func withFile<R>(path: String, _ body: (UnsafeBufferPointer<UInt8>, ((Int) -> Void)?) throws(FormatError) -> R) throws(FormatError) -> R {
        if let mapped = MappedFile(path: path) {
            defer { mapped.unmap() }
            return try body(mapped.bytes, { mapped.release(before: $0) })
        }
        let bytes = try readFile(path: path)
        return try bytes.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(FormatError) -> R in try body(p, nil) }
    }

    /// Replaces the file at `path` with `bytes` so that a crash or a failure leaves either the old file
    /// or the new one, never a part: writes a temporary file in the same folder, flushes it to disk,
    /// renames it over `path` and flushes the folder. An existing file's permissions are kept.
    public static func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(FormatError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !base.isEmpty else { throw FormatError(file: path, message: "not a file name") }
        var mode: mode_t = 0o644
        var info = stat()
        if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
        let temp = folder + "." + base + ".tmp-" + String(getpid()) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw ioError(path, "cannot write") }
        var failure: FormatError? = nil
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = ioError(path, "cannot write")
                    return
                }
                offset += n
            }
        }
        // fchmod: the umask may have narrowed the mode open() was given.
        if failure == nil, fchmod(fd, mode) != 0 || fsync(fd) != 0 { failure = ioError(path, "cannot write") }
        if close(fd) != 0, failure == nil { failure = ioError(path, "cannot write") }
        // Ctrl-C while writing: the statement was reported interrupted, so the file must not appear.
        if failure == nil, Cancellation.isRequested { failure = FormatError(file: path, message: "interrupted; nothing was written") }
        if failure == nil, rename(temp, path) != 0 { failure = ioError(path, "cannot write") }
        if let failure {
            unlink(temp)
            throw failure
        }
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            _ = close(dir)
        }
    }

    private static func ioError(_ path: String, _ what: String) -> FormatError {
        let code = errno
        let reason: String
        switch code {
        case ENOENT: reason = "no such file or folder"
        case EACCES, EPERM: reason = "permission denied"
        case EISDIR: reason = "is a directory, not a file"
        case ENOSPC: reason = "no space left on the device"
        default: reason = String(cString: strerror(code))
        }
        return FormatError(file: path, message: "\(what): \(reason)")
    }
}

/// A regular file mapped read-only into memory.
final class MappedFile {
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer
    private let length: Int
    private var isMapped = true

    /// Maps the file at `path`; nil when it is not a regular file with bytes in it or cannot be
    /// mapped (the caller reads it instead).
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let length = Int(info.st_size)
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        _ = madvise(address, length, MADV_SEQUENTIAL)
        base = address
        self.length = length
        bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// Lets the whole pages before `offset` go: they are read again from the file if touched again.
    func release(before offset: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(length, offset) / page * page
        guard isMapped, end > 0 else { return }
        _ = madvise(base, end, MADV_DONTNEED)
    }

    /// Unmaps the file.
    func unmap() {
        guard isMapped else { return }
        isMapped = false
        munmap(base, length)
    }

    deinit { unmap() }
}
