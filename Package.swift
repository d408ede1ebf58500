// swift-tools-version:6.0
import PackageDescription

// Numeric kernels are written with SIMD8<Float>.addingProduct (FMA). On the default x86-64
// target (SSE2) that lowers to scalar `fmaf` library calls, about 100x slower, so x86_64 builds
// target Haswell (AVX2 + FMA), which every x86_64 server CPU since 2013 has. Other
// architectures keep their default target. `KGREC_TARGET_CPU=<cpu>` overrides the choice
// (`native`, `znver3`, …); `KGREC_TARGET_CPU=none` drops the flag.
// See docs/performance.md §2 for why, and BENCHMARKS.md for the figures built this way.
#if arch(x86_64)
let defaultCPU: String? = "haswell"
#else
let defaultCPU: String? = nil
#endif

let targetCPU: String? = {
    let env = Context.environment["KGREC_TARGET_CPU"]
    if let env { return env == "none" || env.isEmpty ? nil : env }
    return defaultCPU
}()

/// Flags for every Swift target: the CPU target above.
let cpuFlags: [SwiftSetting] = targetCPU.map { [.unsafeFlags(["-target-cpu", $0])] } ?? []

/// Flags for the kernel modules: also drop overflow and exclusivity checks in release builds,
/// worth 15-30% on the tiled GEMM and ~1.8x on fused top-K (docs/performance.md §2). Debug builds keep
/// every check, and the tests run in debug.
let kernelFlags: [SwiftSetting] = cpuFlags + [
    .unsafeFlags(["-Ounchecked", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "kgrec",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "KGRecKit", targets: ["KGRecKit"]),
        .executable(name: "kgrec", targets: ["kgrec"]),
    ],
    targets: [
        // MARK: - Layer 0: system libraries (C behind one wall each)
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),

        // MARK: - Layer 0: pure cores (standard library, Glibc math and Dispatch only)
        .target(name: "KGTensor", swiftSettings: kernelFlags),
        .target(name: "KGGraph", swiftSettings: kernelFlags),
        // One-line JSON writer shared by query output, benchmark lines and checkpoint summaries.
        .target(name: "KGJSON"),

        // MARK: - Layer 1: autodiff over the tensor core
        .target(name: "KGAutodiff", dependencies: ["KGTensor"], swiftSettings: kernelFlags),

        // MARK: - Layer 2: models, query engine, store, importers
        .target(name: "KGModels", dependencies: ["KGTensor", "KGAutodiff", "KGGraph", "KGJSON"],
                swiftSettings: kernelFlags),
        .target(name: "KGQuery", dependencies: ["KGGraph"], swiftSettings: cpuFlags),
        .target(name: "KGStore", dependencies: ["CSQLite", "KGGraph"], swiftSettings: cpuFlags),
        .target(name: "KGImport", dependencies: ["CLibXML2", "KGGraph"], swiftSettings: cpuFlags),

        // MARK: - Layer 3: the facade
        .target(name: "KGRecKit",
                dependencies: ["KGGraph", "KGTensor", "KGAutodiff", "KGModels", "KGQuery",
                               "KGStore", "KGImport", "KGJSON"],
                swiftSettings: cpuFlags),

        // MARK: - Layer 4: command line (through the facade only)
        .target(name: "KGRecCLI", dependencies: ["KGRecKit"], swiftSettings: cpuFlags),

        // MARK: - Layer 4½: measurement (`kgrec bench`, `kgrec demo`, the fuzzer, the demo generator),
        // kept out of the library users link; it may reach below the facade to time the layers.
        .target(name: "KGRecBench",
                dependencies: ["KGRecCLI", "KGRecKit", "KGImport", "KGModels", "KGQuery", "KGStore", "KGGraph", "KGTensor",
                               "KGAutodiff", "KGJSON"],
                swiftSettings: cpuFlags),

        // MARK: - Layer 5: the executable
        .executableTarget(name: "kgrec", dependencies: ["KGRecCLI", "KGRecBench"], swiftSettings: cpuFlags),

        // MARK: - Tests
        .target(name: "KGTestSupport", dependencies: ["KGGraph", "KGQuery"], path: "Tests/KGTestSupport"),
        .testTarget(name: "KGTensorTests", dependencies: ["KGTestSupport", "KGTensor"], swiftSettings: cpuFlags),
        .testTarget(name: "KGGraphTests", dependencies: ["KGTestSupport", "KGGraph"], swiftSettings: cpuFlags),
        .testTarget(name: "KGAutodiffTests", dependencies: ["KGTestSupport", "KGAutodiff", "KGTensor"],
                    swiftSettings: cpuFlags),
        .testTarget(name: "KGModelsTests", dependencies: ["KGTestSupport", "KGModels", "KGGraph", "KGTensor"],
                    swiftSettings: cpuFlags),
        .testTarget(name: "KGQueryTests", dependencies: ["KGTestSupport", "KGQuery", "KGGraph"],
                    swiftSettings: cpuFlags),
        .testTarget(name: "KGStoreTests", dependencies: ["KGTestSupport", "KGStore", "KGGraph"],
                    swiftSettings: cpuFlags),
        .testTarget(name: "KGImportTests", dependencies: ["KGTestSupport", "KGImport", "KGGraph"],
                    swiftSettings: cpuFlags),
        .testTarget(name: "KGRecKitTests", dependencies: ["KGTestSupport", "KGRecKit"], swiftSettings: cpuFlags),
        .testTarget(name: "KGRecBenchTests",
                    dependencies: ["KGTestSupport", "KGRecBench", "KGRecKit", "KGImport", "KGModels", "KGQuery", "KGGraph",
                                   "KGTensor"],
                    swiftSettings: cpuFlags),
        .testTarget(name: "KGRecCLITests", dependencies: ["KGTestSupport", "KGRecCLI", "KGRecKit", "KGRecBench", "KGModels", "KGAutodiff"],
                    swiftSettings: cpuFlags),
    ]
)
