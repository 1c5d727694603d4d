#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and all-or-nothing writes, with errors that name the file.
enum FileIO {
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

    /// Writes `bytes` to `path` through a temporary file in the same folder, renamed over `path`
    /// when complete, so a failure never leaves a partial file behind.
    static func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(FormatError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !base.isEmpty else { throw FormatError(file: path, message: "not a file name") }
        let temp = folder + "." + base + ".tmp-" + String(getpid()) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
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
        if failure == nil, fsync(fd) != 0 { failure = ioError(path, "cannot write") }
        if close(fd) != 0, failure == nil { failure = ioError(path, "cannot write") }
        if failure == nil, rename(temp, path) != 0 { failure = ioError(path, "cannot write") }
        if let failure {
            unlink(temp)
            throw failure
        }
    }

    /// An error for the current `errno`.
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
