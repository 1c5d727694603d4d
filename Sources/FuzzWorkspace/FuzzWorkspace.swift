import GembaFuzz

/// libFuzzer's entry point for the workspace target (built only by `make fuzz`; see docs/testing.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkspace(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTargets.workspace(UnsafeBufferPointer(start: data, count: size))
    return 0
}
