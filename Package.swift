// swift-tools-version:6.1
// The target graph is the architecture: every dependency points down a layer (see Documentation/Modules.md).
import PackageDescription

let settings: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
]

/// The release `indexer` and its worker are fully static executables (see the Makefile). Their own link flags,
/// not `-Xswiftc -static-executable` for the whole build, let one `swift build` build them beside the MCP server,
/// which links libcurl and cannot be static: swift-syntax's long single-threaded compile then overlaps the rest.
let staticInRelease: [LinkerSetting] = [
  .unsafeFlags(
    ["-static-executable", "-Xlinker", "--version-script=Scripts/release-exports.map"], .when(configuration: .release))
]

// Linux only: the code calls Glibc, inotify and Linux's /proc directly (no Apple platform is claimed).
let package = Package(
  name: "indexer",
  products: [
    .executable(name: "indexer", targets: ["indexer"]),
    .executable(name: "indexer-mcp", targets: ["indexer-mcp"]),
    .executable(name: "indexer-extract", targets: ["indexer-extract"]),
    .library(name: "IndexerKit", targets: ["IndexerCore", "IndexerCache", "IndexerQuery", "IndexerModel"]),
    // The walker alone, for Benchmarks/ (which must not build the whole tool to time a walk).
    .library(name: "IndexerWorkspace", targets: ["IndexerWorkspace"]),
    // The readers alone, for Benchmarks/reader-throughput.
    .library(name: "IndexerExtraction", targets: ["IndexerExtraction"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/swiftlang/swift-syntax", exact: "602.0.0"),
    .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
    // The SDK's own dependency, named for the MCP transport's `Logger` (the URL as the SDK spells it).
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
  ],
  targets: [
    // Layer 0: values and the C shim.
    .target(
      name: "IndexerModel",
      swiftSettings: settings
    ),
    .systemLibrary(
      name: "CLinux"
    ),
    .systemLibrary(
      name: "CZstd",
      pkgConfig: "libzstd",
      providers: [.apt(["libzstd-dev"])]
    ),

    // Layer 1: walking, extraction, storage.
    .target(
      name: "IndexerWorkspace",
      dependencies: [
        "IndexerModel"
      ],
      swiftSettings: settings
    ),
    .target(
      name: "IndexerExtraction",
      dependencies: [
        "IndexerModel",
        .product(name: "SwiftParser", package: "swift-syntax"),
        .product(name: "SwiftSyntax", package: "swift-syntax"),
      ],
      swiftSettings: settings
    ),
    .target(
      name: "IndexerStore",
      dependencies: [
        "CZstd",
        "IndexerModel",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: settings
    ),

    // Layer 2: the pipeline and the query engine.
    .target(
      name: "IndexerCore",
      dependencies: [
        "CLinux",
        "IndexerCache",
        "IndexerModel",
        "IndexerStore",
        "IndexerWorkspace",
      ],
      swiftSettings: settings
    ),
    .target(
      name: "IndexerCache",
      dependencies: ["IndexerModel", "IndexerStore", "IndexerWorkspace"],
      swiftSettings: settings
    ),
    .target(
      name: "IndexerQuery",
      dependencies: [
        "CLinux",
        "IndexerModel",
        "IndexerStore",
      ],
      swiftSettings: settings
    ),

    .target(
      name: "IndexerWatch",
      dependencies: [
        "IndexerModel",
        "IndexerWorkspace",
      ],
      swiftSettings: settings
    ),

    // Layer 3: the long-running service.
    .target(
      name: "IndexerService",
      dependencies: [
        "CLinux",
        "IndexerCore",
        "IndexerModel",
        "IndexerQuery",
        "IndexerStore",
        "IndexerWatch",
        "IndexerWorkspace",
      ],
      swiftSettings: settings
    ),

    // Layer 4: the editor and agent front ends, thin adapters over the query core; never on each other.
    .target(
      name: "IndexerLSP",
      dependencies: [
        "IndexerModel",
        "IndexerQuery",
        "IndexerService",
      ],
      swiftSettings: settings
    ),

    .target(
      name: "IndexerSCIP",
      dependencies: [
        "IndexerModel",
        "IndexerQuery",
        "IndexerStore",
      ],
      swiftSettings: settings
    ),
    .target(
      name: "IndexerMCP",
      dependencies: [
        "IndexerModel",
        "IndexerQuery",
        "IndexerService",
        .product(name: "MCP", package: "swift-sdk"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: settings
    ),

    // Layer 5: the command line.
    .executableTarget(
      name: "indexer",
      dependencies: [
        "IndexerCache",
        "IndexerCore",
        "IndexerLSP",
        "IndexerModel",
        "IndexerSCIP",
        "IndexerQuery",
        "IndexerService",
        "IndexerWatch",
        "IndexerWorkspace",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: settings,
      linkerSettings: staticInRelease
    ),

    // The MCP server, which `indexer mcp` runs: its SDK links Foundation's networking (libcurl), which the fully
    // static `indexer` cannot carry (see the Makefile), so it is a program of its own.
    .executableTarget(
      name: "indexer-mcp",
      dependencies: ["IndexerCore", "IndexerMCP", "IndexerService", "IndexerWorkspace"],
      swiftSettings: settings
    ),

    // The extraction worker, the only program that links the readers (and so swift-syntax): `indexer` and
    // `indexer-mcp` run it from beside themselves (`WorkerExecutable`).
    .executableTarget(
      name: "indexer-extract",
      dependencies: ["IndexerCore", "IndexerExtraction", "IndexerModel", "IndexerStore"],
      swiftSettings: settings,
      linkerSettings: staticInRelease
    ),

    // libFuzzer targets for the extractors (built with -sanitize=fuzzer by Scripts/fuzz.sh); a replay tool otherwise.
    .executableTarget(
      name: "indexer-fuzz",
      dependencies: ["IndexerExtraction", "IndexerModel"],
      swiftSettings: settings
    ),

    // Test support: fixtures, temporary folders, running the built binary. Only test targets import it.
    .target(
      name: "IndexerTestSupport",
      swiftSettings: settings
    ),

    // Tests: one target per module, plus the CLI tests that run the built binary.
    .testTarget(
      name: "IndexerModelTests",
      dependencies: ["IndexerModel"],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerWorkspaceTests",
      dependencies: ["IndexerWorkspace", "IndexerTestSupport"],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerExtractionTests",
      dependencies: ["IndexerExtraction", "IndexerModel", "IndexerTestSupport"],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerStoreTests",
      dependencies: [
        "IndexerModel",
        "IndexerStore",
        "IndexerTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerQueryTests",
      dependencies: [
        "IndexerExtraction", "IndexerModel", "IndexerQuery", "IndexerStore", "IndexerTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerWatchTests",
      dependencies: ["IndexerWatch", "IndexerWorkspace", "IndexerTestSupport"],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerCoreTests",
      dependencies: ["IndexerCore", "IndexerExtraction", "IndexerTestSupport"],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerCacheTests",
      dependencies: ["IndexerCache", "IndexerModel", "IndexerStore", "IndexerTestSupport", "IndexerWorkspace"],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerServiceTests",
      dependencies: ["IndexerService", "IndexerQuery", "IndexerStore", "IndexerModel"],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerLSPTests",
      dependencies: ["IndexerLSP"],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerMCPTests",
      dependencies: ["IndexerMCP", "IndexerModel", .product(name: "MCP", package: "swift-sdk")],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerSCIPTests",
      dependencies: ["IndexerSCIP", "IndexerModel"],
      swiftSettings: settings
    ),
    .testTarget(
      name: "IndexerCLITests",
      dependencies: [
        "indexer",
        "indexer-mcp",
        "IndexerTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: settings
    ),
  ]
)
