import Foundation
import IndexerModel
import IndexerWorkspace

// Usage: walk-compare ROOT [RUNS]
// Both walkers list the source files (by extension) under ROOT with size, mtime and inode, skipping the
// same built-in folders. The scanner also applies .gitignore rules, so it does strictly more work.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: walk-compare ROOT [RUNS]\n".utf8))
  exit(2)
}
let root = arguments[1]
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

func foundationWalk(_ root: String) -> Int {
  let url = URL(fileURLWithPath: root)
  let keys: [URLResourceKey] = [.isDirectoryKey, .isRegularFileKey, .fileSizeKey, .contentModificationDateKey, .fileResourceIdentifierKey]
  guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: keys) else { return 0 }
  var count = 0
  for case let file as URL in enumerator {
    let values = try? file.resourceValues(forKeys: Set(keys))
    if values?.isDirectory == true {
      if WalkOptions.builtInSkips.contains(file.lastPathComponent) { enumerator.skipDescendants() }
      continue
    }
    guard values?.isRegularFile == true, Language(fileName: file.lastPathComponent) != nil else { continue }
    _ = values?.fileSize
    _ = values?.contentModificationDate
    count += 1
  }
  return count
}

func scannerWalk(_ root: String) -> Int {
  (try? WorkspaceScanner(root: root).scan().files.count) ?? -1
}

func median(_ body: () -> Int) -> (seconds: Double, files: Int) {
  var times: [Double] = []
  var files = 0
  for _ in 0..<runs {
    let start = ContinuousClock.now
    files = body()
    let (s, atto) = (ContinuousClock.now - start).components
    times.append(Double(s) + Double(atto) / 1e18)
  }
  return (times.sorted()[times.count / 2], files)
}

let scanner = median { scannerWalk(root) }
let foundation = median { foundationWalk(root) }
print("WorkspaceScanner:         \(String(format: "%.1f", scanner.seconds * 1000)) ms, \(scanner.files) files")
print("FileManager.enumerator:   \(String(format: "%.1f", foundation.seconds * 1000)) ms, \(foundation.files) files")
print("ratio scanner/foundation: \(String(format: "%.2f", scanner.seconds / foundation.seconds))")
