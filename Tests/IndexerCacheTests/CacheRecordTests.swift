import Foundation
import IndexerCache
import IndexerModel
import IndexerStore
import IndexerTestSupport
import IndexerWorkspace
import Testing

@Suite struct CacheRecordTests {
  static let index: FileIndex = {
    var index = FileIndex(language: .python)
    let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 3, column: 9))
    let type = index.append(Symbol(name: "Greeter", kind: .class, container: "", range: range, signature: "class Greeter"), parent: -1)
    index.append(Symbol(name: "hello", kind: .method, container: "Greeter", range: range, signature: "def hello(self)"), parent: type)
    index.references = FileReferences(names: ["Greeter", "hello", "print"], positions: [[.init(line: 1, column: 7)], [.init(line: 2, column: 9)], [.init(line: 3, column: 5)]])
    return index
  }()

  static let record = CacheRecord.encode(language: .python, outline: EncodedOutline(index), references: EncodedReferences(index.references))

  @Test func aRecordDecodesToWhatWasExtracted() throws {
    let (index, outline, references) = try #require(CacheRecord.decode(Self.record))
    #expect(index.symbols == Self.index.symbols && index.parents == Self.index.parents)
    #expect(outline.compressed == EncodedOutline(Self.index).compressed)
    #expect(references.count == 3 && references.nameHashes.count == 3)
  }

  /// A value cut short or with any byte changed is a miss, never a trap or a different answer.
  @Test func damagedValuesAreMisses() {
    let bytes = Self.record
    for end in 0..<bytes.count { #expect(CacheRecord.decode(Array(bytes[0..<end])) == nil, "cut at \(end)") }
    for i in bytes.indices {
      var damaged = bytes
      damaged[i] ^= 0x5A
      #expect(CacheRecord.decode(damaged) == nil, "byte \(i) changed")
    }
    #expect(CacheRecord.decode(bytes + [0]) == nil, "a byte too many")
    #expect(CacheRecord.decode(Array("<html>404 Not Found</html>".utf8)) == nil, "another program's value")
  }

  @Test func keysDependOnBytesAndLanguage() {
    let a = CacheKey(bytes: Array("def f(): pass\n".utf8), language: .python)
    #expect(a == CacheKey(bytes: Array("def f(): pass\n".utf8), language: .python))
    #expect(a != CacheKey(bytes: Array("def g(): pass\n".utf8), language: .python))
    #expect(a != CacheKey(bytes: Array("def f(): pass\n".utf8), language: .c))
    #expect(a.hex.count == 64 && a.hex.allSatisfy(\.isHexDigit))
  }

  @Test func addressesAreCheckedBeforeAnyRun() {
    func refusal(_ location: String) -> String? {
      do {
        _ = try ExtractionCache.open(location, folderLimitBytes: 1 << 20)
        return nil
      } catch {
        return error.description
      }
    }
    #expect(refusal("https://cache.example/ac")?.contains("https is not supported") == true)
    #expect(refusal("http://host:99999/x")?.contains("port") == true)
    #expect(refusal("http:///x")?.contains("expected http://host") == true)
    #expect(refusal("redis://host:6379/zero")?.contains("database must be a number") == true)
    #expect(refusal("ftp://host/x")?.contains("unknown cache scheme") == true)
    #expect(refusal("/proc/no/such/folder")?.contains("cannot create the cache folder") == true)
  }

  @Test func aFolderCacheKeepsItsBoundByLastUse() throws {
    let dir = try TemporaryDirectory()
    let folder = try FolderCache(path: dir.path + "/cache", limitBytes: 10 * Int64(Self.record.count) + 10)
    var keys: [CacheKey] = []
    for i in 0..<20 {
      let key = CacheKey(bytes: Array("file \(i)".utf8), language: .python)
      keys.append(key)
      try folder.store(key, Self.record)
      // Distinct, ordered last-use times without sleeping.
      let path = dir.path + "/cache/v1/" + key.hex.prefix(2) + "/" + key.hex
      var times = [timespec(tv_sec: 1_000_000 + i, tv_nsec: 0), timespec(tv_sec: 1_000_000 + i, tv_nsec: 0)]
      utimensat(AT_FDCWD, path, &times, 0)
    }
    #expect(try folder.fetch(keys[0]) == Self.record, "a hit makes the oldest the newest")
    #expect(try folder.fetch(CacheKey(bytes: [1, 2, 3], language: .c)) == nil)
    folder.finishRun()
    let kept = keys.filter { (try? folder.fetch($0)) != nil }
    #expect(kept.count == 9, "90% of a bound of ten records")
    #expect(kept.contains(keys[0]))
    #expect(kept.contains(keys[19]) && !kept.contains(keys[1]), "the least recently used went first")
  }

  /// A checksum proves a value arrived whole, not that its writer was honest: payloads changed anywhere
  /// and framed again with a correct checksum must still decode to a miss or to a well-formed index.
  @Test func reframedForgeriesNeverTrap() {
    let payload = Array(Self.record[20...])
    var generator = SystemRandomNumberGenerator()
    var decoded = 0
    for round in 0..<20_000 {
      var forged = payload
      let edits = 1 + round % 6
      for _ in 0..<edits {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: forged[Int.random(in: 0..<forged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
        case 1: forged.removeLast(min(forged.count - 1, Int.random(in: 1...8, using: &generator)))
        case 2: forged.insert(UInt8.random(in: 0...255, using: &generator), at: Int.random(in: 0...forged.count, using: &generator))
        default: forged[Int.random(in: 0..<forged.count, using: &generator)] = [0x00, 0x7F, 0x80, 0xFF].randomElement(using: &generator)!
        }
      }
      var framed = Array("IXC".utf8) + [1]
      for shift in stride(from: 0, to: 64, by: 8) { framed.append(UInt8(truncatingIfNeeded: UInt64(forged.count) >> UInt64(shift))) }
      let checksum = ContentHash.xxh64(forged)
      for shift in stride(from: 0, to: 64, by: 8) { framed.append(UInt8(truncatingIfNeeded: checksum >> UInt64(shift))) }
      framed += forged
      if let (index, _, _) = CacheRecord.decode(framed) {
        decoded += 1
        for (i, parent) in index.parents.enumerated() { #expect(parent >= -1 && parent < i) }
      }
    }
    #expect(decoded < 20_000, "most forgeries are refused")
  }
}
