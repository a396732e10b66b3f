import Foundation
import IndexerExtraction
import IndexerModel
import IndexerWorkspace

// Usage: reader-throughput ROOT [MAX_MB] [RUNS]
// Per language found under ROOT: reads up to MAX_MB (default 32) of its files into memory in path order,
// then runs the language's extractor over all of them on this one thread, RUNS times (default 5), and prints
// the median throughput in MB/s — definitions, outline and reference collection, as `indexer index` runs
// them in each worker (no I/O, hashing, compression or database in the timing).
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: reader-throughput ROOT [MAX_MB] [RUNS]\n".utf8))
  exit(2)
}
let root = arguments[1]
let maxBytes = (arguments.count > 2 ? Int(arguments[2]) ?? 32 : 32) << 20
let runs = max(1, arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5)

let scan: WorkspaceScan
do {
  scan = try WorkspaceScanner(root: root, options: WalkOptions()).scan()
} catch {
  FileHandle.standardError.write(Data("reader-throughput: cannot walk \(root): \(error)\n".utf8))
  exit(2)
}

var sources: [Language: [[UInt8]]] = [:]
var sizes: [Language: Int] = [:]
for file in scan.files where file.stat.size <= 4 << 20 {
  guard sizes[file.language, default: 0] < maxBytes,
    let data = FileManager.default.contents(atPath: root + "/" + file.path)
  else { continue }
  // The pipeline hands extractors valid UTF-8 (invalid bytes replaced first): the same here.
  let bytes = Array(String(decoding: data, as: UTF8.self).utf8)
  sources[file.language, default: []].append(bytes)
  sizes[file.language, default: 0] += bytes.count
}

print("| language | files | MB | median MB/s (one core) | symbols | references |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for language in sources.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
  let files = sources[language]!
  let extractor = ExtractorRegistry.extractor(for: language)
  var seconds: [Double] = []
  var symbols = 0
  var references = 0
  for _ in 0..<runs {
    symbols = 0
    references = 0
    let start = ContinuousClock.now
    for file in files {
      let index = extractor.extract(file)
      symbols += index.symbols.count
      references += index.references.count
    }
    let (s, atto) = (ContinuousClock.now - start).components
    seconds.append(Double(s) + Double(atto) / 1e18)
  }
  seconds.sort()
  let megabytes = Double(sizes[language]!) / 1_048_576
  let rate = megabytes / seconds[seconds.count / 2]
  print(
    "| \(language.rawValue) | \(files.count) | \(String(format: "%.1f", megabytes)) | \(String(format: "%.1f", rate)) | \(symbols) | \(references) |")
}
