#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import IndexerCore
import IndexerExtraction
import IndexerModel
import IndexerStore

/// The worker side: reads files from stdin, extracts each, answers on stdout, until stdin closes.
///
/// Two test-only environment variables make a real fault on demand, so the tests of quarantine run the
/// same code as a real crash: `INDEXER_TEST_EXTRACTOR_TRAP=<marker>` traps on a file containing the marker,
/// `INDEXER_TEST_EXTRACTOR_HANG=<marker>` spins forever on one.
enum ExtractionWorkerMain {
  static func serve() -> Never {
    let trapMarker = ProcessInfo.processInfo.environment["INDEXER_TEST_EXTRACTOR_TRAP"].map { Array($0.utf8) }
    let hangMarker = ProcessInfo.processInfo.environment["INDEXER_TEST_EXTRACTOR_HANG"].map { Array($0.utf8) }
    watchParent()
    let compressor = Zstd.Compressor()
    while true {
      let language: Language
      let bytes: [UInt8]
      do {
        let nameLength = try PipeIO.readUInt32(0)
        guard nameLength <= 64 else { exit(2) }
        let name = String(decoding: try PipeIO.readExactly(0, nameLength), as: UTF8.self)
        let count = try PipeIO.readUInt32(0)
        bytes = try PipeIO.readExactly(0, count)
        guard let known = Language(rawValue: name) else {
          answer(status: 1, Array("unknown language \(name)".utf8))
          continue
        }
        language = known
      } catch {
        exit(0)  // The parent closed the pipe: no more work.
      }
      if let trapMarker, contains(bytes, trapMarker) { fatalError("INDEXER_TEST_EXTRACTOR_TRAP matched") }
      if let hangMarker, contains(bytes, hangMarker) {
        while true { sleep(1) }
      }
      let index = ExtractorRegistry.extract(language, bytes)
      answer(
        status: 0,
        ExtractedFileCodec.encode(
          language: index.language, outline: EncodedOutline(index, compressor: compressor),
          references: EncodedReferences(index.references, scopes: index.scopes, compressor: compressor)))
    }
  }

  private static func answer(status: UInt8, _ payload: [UInt8]) {
    do {
      try PipeIO.writeAll(1, [status] + PipeIO.uint32(payload.count) + payload)
    } catch {
      exit(0)
    }
  }

  /// A worker outlives its parent only while stuck in a file (it exits at end of input otherwise):
  /// a watchdog thread ends it when the parent is gone. (Not PR_SET_PDEATHSIG: that fires when the
  /// spawning *thread* exits, and the parent spawns from pool threads that come and go.)
  private static func watchParent() {
    let parent = getppid()
    Thread.detachNewThread {
      while getppid() == parent { sleep(1) }
      _exit(0)
    }
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= haystack.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == first {
      if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
    }
    return false
  }
}
