import GembaFuzz

/// libFuzzer's entry point for the reader target (built only by `make fuzz`; see docs/testing.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTargets.reader(UnsafeBufferPointer(start: data, count: size))
    return 0
}
