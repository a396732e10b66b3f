// One libFuzzer target per extractor, chosen by INDEXER_FUZZ_LANGUAGE (Scripts/fuzz.sh builds and runs them):
//
//   swift build --scratch-path .build-fuzz --product indexer-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
//   INDEXER_FUZZ_LANGUAGE=c .build-fuzz/debug/indexer-fuzz -max_total_time=300 corpus/
//
// Built normally (no FUZZING), the same target replays saved inputs: `indexer-fuzz LANGUAGE FILE...`
// runs the extractor on each file and checks every symbol's range lies inside it.
import IndexerExtraction
import IndexerModel

#if canImport(Glibc)
  import Glibc
#endif

/// Lines as the most generous reader counts them: `\n`, and a `\r` not followed by `\n` (Python's universal newlines).
func lineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
  var lines = 1
  for i in bytes.indices where bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
    lines += 1
  }
  return lines
}

/// Runs one extractor on one input and traps on a range outside the input, so libFuzzer reports it.
func check(_ language: Language, _ bytes: UnsafeBufferPointer<UInt8>) {
  let index = ExtractorRegistry.extractor(for: language).extract(bytes)
  let lines = lineCount(bytes)
  for (i, symbol) in index.symbols.enumerated() {
    precondition(symbol.range.start.line >= 1 && symbol.range.end.line <= lines + 1, "range outside the input")
    precondition(index.parents[i] < i, "parent after child")
  }
  for positions in index.references.positions {
    for p in positions { precondition(p.line >= 1 && p.line <= lines, "reference outside the input") }
  }
}

func complain(_ message: String) {
  var message = message
  message.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

#if FUZZING
  /// libFuzzer's entry for programs that keep their own `main` (SwiftPM gives every executable one).
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  @main
  struct FuzzMain {
    static func main() {
      let name = getenv("INDEXER_FUZZ_LANGUAGE").map { String(cString: $0) } ?? "c"
      guard Language(rawValue: name) != nil else {
        complain("INDEXER_FUZZ_LANGUAGE: unknown language \(name)\n")
        exit(2)
      }
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
    }
  }

  /// One input: also exported under libFuzzer's usual name, for when its own `main` is the one linked.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    // Extractors take valid UTF-8, as the pipeline guarantees (it decodes lossily first).
    let language = Language(rawValue: getenv("INDEXER_FUZZ_LANGUAGE").map { String(cString: $0) } ?? "c") ?? .c
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { check(language, $0) }
    // What an editor saves mid-keystroke: the same input cut short, at a place the input itself picks.
    if bytes.count > 1 {
      let cut = Int(bytes.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 } % UInt32(bytes.count))
      bytes[..<cut].withUnsafeBufferPointer { check(language, $0) }
    }
    return 0
  }
#else
  /// Replays saved inputs: `indexer-fuzz LANGUAGE FILE...`.
  @main
  struct Replay {
    static func main() {
      let arguments = CommandLine.arguments.dropFirst()
      guard let first = arguments.first, let language = Language(rawValue: first) else {
        complain("usage: indexer-fuzz LANGUAGE FILE...  (replays saved fuzz inputs through one extractor)\n")
        exit(2)
      }
      for path in arguments.dropFirst() {
        guard let file = fopen(path, "rb") else {
          complain("indexer-fuzz: cannot open \(path)\n")
          exit(2)
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
          let n = fread(&buffer, 1, buffer.count, file)
          if n <= 0 { break }
          bytes += buffer[0..<n]
        }
        fclose(file)
        let text = Array(String(decoding: bytes, as: UTF8.self).utf8)
        text.withUnsafeBufferPointer { check(language, $0) }
        print("ok \(path)")
      }
    }
  }
#endif
