// swift-tools-version: 6.0
import PackageDescription
import Foundation

// `make fuzz` sets GEMBA_FUZZ=1 to add the libFuzzer executables: they have no `main` of their own
// (libFuzzer brings it), so an ordinary build must not try to link them.
let fuzzing = ProcessInfo.processInfo.environment["GEMBA_FUZZ"] != nil
let fuzzTargets: [Target] = !fuzzing ? [] : ["FuzzStatement", "FuzzReader", "FuzzWorkspace"].map {
    .executableTarget(name: $0, dependencies: ["GembaFuzz"], path: "Sources/\($0)",
                      swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let package = Package(
    name: "gemba",
    products: [
        .executable(name: "gemba", targets: ["gemba"]),
        .library(name: "GembaCore", targets: ["GembaCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CReadline", path: "Sources/CReadline", providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "GembaCore", path: "Sources/GembaCore"),
        .target(name: "GembaGenerate", dependencies: ["GembaCore"], path: "Sources/GembaGenerate"),
        .target(name: "GembaWorkspace", dependencies: ["GembaCore", "CSQLite"], path: "Sources/GembaWorkspace"),
        .target(name: "GembaShell", dependencies: ["GembaCore", "GembaWorkspace", "CReadline"], path: "Sources/GembaShell"),
        .target(name: "GembaFuzz", dependencies: ["GembaCore", "GembaWorkspace"], path: "Sources/GembaFuzz"),
        .executableTarget(
            name: "gemba",
            dependencies: ["GembaShell", "GembaGenerate", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/gemba"),
        .testTarget(name: "GembaCoreTests", dependencies: ["GembaCore"], path: "Tests/GembaCoreTests"),
        .testTarget(name: "GembaShellTests", dependencies: ["GembaShell", "GembaGenerate"], path: "Tests/GembaShellTests"),
        .testTarget(name: "GembaWorkspaceTests", dependencies: ["GembaWorkspace", "CSQLite"], path: "Tests/GembaWorkspaceTests"),
        .testTarget(name: "GembaOracleTests", dependencies: ["GembaCore", "CSQLite"], path: "Tests/GembaOracleTests"),
        .testTarget(name: "GembaFuzzTests", dependencies: ["GembaFuzz"], path: "Tests/GembaFuzzTests"),
    ] + fuzzTargets,
    swiftLanguageModes: [.v6]
)
