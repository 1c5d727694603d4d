import GembaFuzz

/// libFuzzer's entry point for the statement target (built only by `make fuzz`; see docs/testing.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatement(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTargets.statement(UnsafeBufferPointer(start: data, count: size))
    return 0
}
