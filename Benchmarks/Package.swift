// swift-tools-version:6.1
// Benchmarks that need Swift code (the rest are shell scripts beside this file).
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder: find it from this file, so any checkout folder works.
let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
  name: "indexer-benchmarks",
  dependencies: [
    .package(path: "..")
  ],
  targets: [
    // Times WorkspaceScanner (readdir + stat) against Foundation's FileManager.enumerator on one tree.
    .executableTarget(
      name: "walk-compare",
      dependencies: [.product(name: "IndexerWorkspace", package: project)],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    // Each reader's throughput in MB/s on one core: files read into memory first, then extracted in-process.
    .executableTarget(
      name: "reader-throughput",
      dependencies: [
        .product(name: "IndexerExtraction", package: project), .product(name: "IndexerWorkspace", package: project),
      ],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
  ]
)
