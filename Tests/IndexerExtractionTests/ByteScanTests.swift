@testable import IndexerExtraction
import Testing

/// The byte-level shortcuts the C-family tokenizer takes through comments and names must answer exactly what
/// the byte-at-a-time loops they replaced answered, at every position and at the ends of the input.
@Suite struct ByteScanTests {
  @Test func nameBytesAreLettersDigitsUnderscoreAndUTF8() {
    for value in 0...255 {
      let b = UInt8(value)
      let expected = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b >= 0x80
      #expect(isNameByte(b) == expected, "byte \(value)")
    }
  }

  @Test func blockCommentCloseAndLineBreaksMatchAByteLoopAtEveryStart() {
    let samples = ["/* a */ b", "/*\n*\n**/x", "/* never closed\n", "/**/", "/*/", "*", "x */", "\n\n*/\n", "", "/* é\r\n */"]
    for text in samples {
      let bytes = Array(text.utf8)
      bytes.withUnsafeBufferPointer { buffer in
        for from in 0...bytes.count + 1 {
          var close = bytes.count
          var k = max(from, 0)
          while k + 1 < bytes.count {
            if bytes[k] == UInt8(ascii: "*") && bytes[k + 1] == UInt8(ascii: "/") {
              close = k
              break
            }
            k += 1
          }
          #expect(ByteScan.blockCommentClose(in: buffer, from: from) == close, "\(text) from \(from)")
          for to in from...bytes.count + 1 {
            let range = min(from, bytes.count)..<min(max(to, from), bytes.count)
            let breaks = range.filter { bytes[$0] == 0x0A }
            let found = ByteScan.lineBreaks(in: buffer, from: from, to: to)
            #expect(found.count == breaks.count && found.lastEnd == breaks.last.map { $0 + 1 }, "\(text) \(from)..<\(to)")
          }
          let newline = bytes.indices.first { $0 >= from && bytes[$0] == 0x0A } ?? bytes.count
          #expect(ByteScan.first(0x0A, in: buffer, from: from) == newline)
        }
      }
    }
  }

  @Test func commentsKeepEveryLaterTokenOnItsLineAndColumn() {
    let source = "a /* one\n two\n */ b // c\n\t/**/ d /*\n*/e"
    let tokens = Array(source.utf8).withUnsafeBufferPointer { CFamilyTokenizer().tokenize($0) }
    let names = tokens.filter { $0.kind == .name }.map { "\($0.line):\($0.column)" }
    #expect(names == ["1:1", "3:5", "4:7", "5:3"])
    // A block comment holding a line break ends a Go statement: it gives a newline token; `/**/` does not.
    #expect(tokens.map(\.kind) == [.name, .newline, .name, .newline, .name, .newline, .name])
  }
}
