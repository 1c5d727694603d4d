import Foundation
import XCTest

/// The `gemba` executable next to the test bundle; the test fails when there is none (`swift test`
/// builds it).
func gembaExecutable() throws -> URL {
    #if os(macOS)
    let products = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
        ?? Bundle.main.bundleURL
    #else
    let products = Bundle.main.bundleURL
    #endif
    let url = products.appendingPathComponent("gemba")
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
        throw TestSetupError(message: "no gemba executable at \(url.path)")
    }
    return url
}

/// Runs the `gemba` executable with `arguments` and empty standard input; returns (status, standard
/// output, standard error).
@discardableResult
func runGemba(_ arguments: [String]) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = try gembaExecutable()
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// Something a test needs is missing: the test fails (never skips) and says what.
struct TestSetupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
