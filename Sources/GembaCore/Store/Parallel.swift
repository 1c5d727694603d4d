import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Morsel-parallel loops: rows split into one contiguous range per worker, each worker filling its own
/// partial result, merged by the caller. Fixed splits keep float sums the same from run to run.
///
/// In Store so that every layer can use it: the kernels (Execution), the readers (Formats).
public enum Parallel {
    /// Worker threads: the machine's cores, at most 16.
    public static let workers: Int = max(1, min(16, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))

    /// Below this many rows a loop runs on one thread: starting threads would cost more.
    static let minimumRowsPerWorker = 1 << 16

    /// The ranges `0..<n` is split into.
    static func ranges(_ n: Int) -> [Range<Int>] {
        let k = max(1, min(workers, n / minimumRowsPerWorker))
        let size = (n + k - 1) / max(k, 1)
        return (0..<k).map { i in min(n, i * size)..<min(n, (i + 1) * size) }
    }

    /// Runs `body(worker, range)` for each range, in parallel when there is more than one.
    static func run(_ ranges: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
        if ranges.count == 1 {
            body(0, ranges[0])
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedBox(escapable)
            DispatchQueue.concurrentPerform(iterations: ranges.count) { i in box.value(i, ranges[i]) }
        }
    }
}

extension Parallel {
    /// Runs `body(worker, range)` for each range, in parallel, and returns each worker's result in
    /// range order.
    static func map<T>(_ ranges: [Range<Int>], _ body: (Int, Range<Int>) -> T) -> [T] {
        var results = [T?](repeating: nil, count: ranges.count)
        results.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            let slots = SharedBuffer(base)
            run(ranges) { w, r in slots[w] = body(w, r) }
        }
        return results.compactMap { $0 }
    }
}

extension Parallel {
    /// `body(i)` for each `i` in `0..<n`, run on all cores (one task each), in order. For a few
    /// large independent tasks, such as one per column.
    public static func each<T>(_ n: Int, _ body: (Int) -> T) -> [T] {
        map((0..<n).map { $0..<($0 + 1) }) { _, r in body(r.lowerBound) }
    }
}

extension Parallel {
    /// An array of `n` elements made on all cores: `fill(range, out)` must set `out[i]` for every `i`
    /// in `range` (the elements are trivial values: ints, doubles, bools, codes).
    static func array<T>(_ n: Int, _ fill: (Range<Int>, UnsafeMutablePointer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: n) { out, count in
            count = 0
            guard let base = out.baseAddress else { return }
            let target = SharedBuffer(base)
            run(ranges(n)) { _, r in fill(r, target.base) }
            count = n
        }
    }
}

/// Carries a value into `concurrentPerform`'s closure. Sound where used: each worker writes only its
/// own partial (its own index of a preallocated array) and reads shared inputs that nobody writes.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A mutable buffer that workers write to at disjoint indices (see `UncheckedBox`).
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
    @inline(__always) subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
