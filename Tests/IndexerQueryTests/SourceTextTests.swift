import IndexerModel
import IndexerQuery
import Testing

@Suite struct SourceTextTests {
  private let text = SourceText(bytes: Array("let greeting = \"h\u{e9}llo \u{1F600}\"; let made = Application(name: greeting)\r\nfunc run() {}\n".utf8))

  @Test func identifierUnderAndJustAfterTheCursor() {
    let line1 = "let greeting = \"h\u{e9}llo \u{1F600}\"; let made = "
    let column = line1.utf8.count + 1
    #expect(text.identifier(at: .init(line: 1, column: column))?.name == "Application")
    #expect(text.identifier(at: .init(line: 1, column: column + 5))?.start == .init(line: 1, column: column))
    // Just after the name (where the cursor sits after typing it).
    #expect(text.identifier(at: .init(line: 2, column: 9))?.name == "run")
    #expect(text.identifier(at: .init(line: 2, column: 10)) == nil)  // `(` after `run(`: nothing touches it but `(`
    #expect(text.identifier(at: .init(line: 1, column: 4))?.name == "let")  // the space just after `let`
    #expect(text.identifier(at: .init(line: 9, column: 1)) == nil)
    #expect(text.identifier(at: .init(line: 1, column: 10_000)) == nil)
  }

  @Test func utf16ColumnsRoundTrip() {
    let prefix = "let greeting = \"h\u{e9}llo \u{1F600}\"; let made = "
    let byteColumn = prefix.utf8.count + 1
    let units = text.utf16Offset(line: 1, byteColumn: byteColumn)
    #expect(units == prefix.utf16.count)
    #expect(units != byteColumn - 1)
    #expect(text.byteColumn(line: 1, utf16Offset: units) == byteColumn)
    // The carriage return is not part of the line; past the end clamps.
    #expect(text.line(1)?.last != UInt8(ascii: "\r"))
    #expect(text.byteColumn(line: 1, utf16Offset: 10_000) == text.line(1)!.count + 1)
  }

  @Test func nameStartFindsTheWholeWordOnly() {
    let source = SourceText(bytes: Array("public final class Applications {}\npublic final class Application {}\n".utf8))
    let range = SourceRange(start: .init(line: 2, column: 1), end: .init(line: 2, column: 33))
    #expect(source.nameStart("Application", in: range) == .init(line: 2, column: 20))
    let first = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 30))
    #expect(source.nameStart("Application", in: first) == nil)
  }

  /// Positions from a client or an older index are arbitrary: nothing may trap.
  @Test func arbitraryPositionsNeverTrap() {
    var generator = SystemRandomNumberGenerator()
    let inputs: [[UInt8]] = [[], [0x0A], [0xF0, 0x9F], Array("a\u{1F600}b\nc".utf8), (0..<200).map { _ in UInt8.random(in: 0...255, using: &generator) }]
    for bytes in inputs {
      let source = SourceText(bytes: bytes)
      for _ in 0..<500 {
        let line = Int.random(in: -3...5, using: &generator)
        let column = Int.random(in: -3...300, using: &generator)
        _ = source.identifier(at: .init(line: line, column: column))
        _ = source.utf16Offset(line: line, byteColumn: column)
        _ = source.byteColumn(line: line, utf16Offset: column)
        let end = SourcePosition(line: Int.random(in: -3...5, using: &generator), column: 1)
        _ = source.nameStart("b", in: SourceRange(start: .init(line: line, column: column), end: end))
        _ = source.text(lines: SourceRange(start: .init(line: line, column: column), end: end))
      }
    }
  }
}

@Suite struct OutlineTreeTests {
  private func symbol(_ name: String) -> Symbol {
    Symbol(name: name, kind: .class, container: "", range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 1)), signature: "")
  }

  @Test func nestsChildrenUnderTheirParents() {
    var index = FileIndex(language: .swift)
    let a = index.append(symbol("A"), parent: -1)
    index.append(symbol("a1"), parent: a)
    let b = index.append(symbol("B"), parent: a)
    index.append(symbol("b1"), parent: b)
    index.append(symbol("C"), parent: -1)
    let tree = index.tree()
    #expect(tree.map(\.symbol.name) == ["A", "C"])
    #expect(tree[0].children.map(\.symbol.name) == ["a1", "B"])
    #expect(tree[0].children[1].children.map(\.symbol.name) == ["b1"])
  }

  @Test func depthIsCappedAndBadParentsBecomeRoots() {
    var index = FileIndex(language: .swift)
    var parent = -1
    for i in 0..<10_000 { parent = index.append(symbol("n\(i)"), parent: parent) }
    index.append(symbol("forward"), parent: 100_000)
    let tree = index.tree(maxDepth: 8)
    var depth = 0
    var level = tree.first
    while let node = level, let next = node.children.first {
      depth += 1
      level = next
    }
    #expect(depth == 7)
    #expect(tree.map(\.symbol.name) == ["n0", "forward"])
    var count = 0
    var stack = tree
    while let node = stack.popLast() {
      count += 1
      stack += node.children
    }
    #expect(count == 10_001)
  }
}
