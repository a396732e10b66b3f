// swift-tools-version:6.1
// Benchmarks that need Swift code (the rest are shell scripts beside this file).
import PackageDescription

let package = Package(
  name: "indexer-benchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(path: "..")
  ],
  targets: [
    // Times WorkspaceScanner (readdir + stat) against Foundation's FileManager.enumerator on one tree.
    .executableTarget(
      name: "walk-compare",
      dependencies: [.product(name: "IndexerWorkspace", package: "main")],
      swiftSettings: [.swiftLanguageMode(.v6)]
    )
  ]
)
