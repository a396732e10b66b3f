@testable import IndexerExtraction
import Testing

/// The table that replaced `Set`/`Dictionary` for keywords and interned names: it must find every span it
/// was given, by content, through growth and probe chains, and nothing else.
@Suite struct SpanTableTests {
  @Test func findsEveryInsertedSpanByContentAndNothingElse() {
    // Names in one buffer; looked up through copies, so only content can match.
    let words = (0..<5000).map { "name\($0)_\($0 % 7)" } + ["", "a", "é", "_"]
    let text = Array(words.joined(separator: " ").utf8)
    text.withUnsafeBufferPointer { buffer in
      var table = SpanTable(capacity: 4)  // grows many times
      var offset = 0
      for (i, word) in words.enumerated() {
        let bytes = UnsafeBufferPointer(rebasing: buffer[offset..<offset + word.utf8.count])
        #expect(table.value(of: bytes, hash: SpanTable.hash(bytes)) == nil)
        table.insert(bytes, hash: SpanTable.hash(bytes), value: Int32(i))
        offset += word.utf8.count + 1
      }
      #expect(table.count == words.count)
      for (i, word) in words.enumerated() {
        let copy = Array(word.utf8)
        copy.withUnsafeBufferPointer { bytes in
          #expect(table.value(of: bytes, hash: SpanTable.hash(bytes)) == Int32(i))
        }
      }
      for missing in ["name5000_2", "name1_", "b", "ée"] {
        Array(missing.utf8).withUnsafeBufferPointer { bytes in
          #expect(table.value(of: bytes, hash: SpanTable.hash(bytes)) == nil)
        }
      }
    }
  }

  @Test func keywordTablesHoldTheirWordsOnly() {
    for (word, isKeyword) in [("while", true), ("class", true), ("While", false), ("whilst", false), ("", false)] {
      Array(word.utf8).withUnsafeBufferPointer { bytes in
        #expect((Keywords.cpp.value(of: bytes, hash: SpanTable.hash(bytes)) != nil) == isKeyword, "\(word)")
      }
    }
    Array("class".utf8).withUnsafeBufferPointer { bytes in
      #expect(Keywords.c.value(of: bytes, hash: SpanTable.hash(bytes)) == nil)  // C++ only
      #expect(Keywords.typescript.value(of: bytes, hash: SpanTable.hash(bytes)) != nil)  // from JavaScript's list
    }
  }
}
