@testable import IndexerSCIP
import IndexerModel
import Testing

@Suite struct ProtobufWriterTests {
  @Test func scalarsFollowTheWireFormat() {
    var w = ProtobufWriter()
    w.int32(1, 150)  // the protobuf documentation's example: 08 96 01
    w.int32(2, 0)  // defaults are left off
    w.string(3, "")
    w.string(2, "testing")
    #expect(w.bytes == [0x08, 0x96, 0x01, 0x12, 0x07] + Array("testing".utf8))
    var negative = ProtobufWriter()
    negative.int32(1, -1)
    #expect(negative.bytes == [0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
  }

  @Test func packedRepeatedAndNestedMessages() {
    var w = ProtobufWriter()
    w.packedInt32(4, [3, 270, 86942])  // 22 06 03 8E 02 9E A7 05
    #expect(w.bytes == [0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05])
    var outer = ProtobufWriter()
    outer.message(3) { $0.int32(1, 150) }
    #expect(outer.bytes == [0x1A, 0x03, 0x08, 0x96, 0x01])
    var empty = ProtobufWriter()
    empty.repeatedString(3, "")
    #expect(empty.bytes == [0x1A, 0x00])
  }
}

@Suite struct SCIPSymbolTests {
  @Test func escapingFollowsTheGrammar() {
    #expect(SCIPSymbol.escape("run") == "run")
    #expect(SCIPSymbol.escape("a+b-$_9") == "a+b-$_9")
    #expect(SCIPSymbol.escape("operator ==") == "`operator ==`")
    #expect(SCIPSymbol.escape("we`ird") == "`we``ird`")
    #expect(SCIPSymbol.escape("Café") == "`Café`")
    #expect(SCIPSymbol.escape("") == "``")
    #expect(SCIPSymbol.pathDescriptors("Sources/App/main.swift") == "Sources/App/`main.swift`/")
  }

  @Test func keysFollowTheContainerAndUseTheFilesOwnNamespaces() {
    func symbol(_ name: String, _ kind: SymbolKind, _ container: String) -> Symbol {
      Symbol(name: name, kind: kind, container: container, range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 1)), signature: "")
    }
    var index = FileIndex(language: .cpp)
    let outer = index.append(symbol("outer", .namespace, ""), parent: -1)
    let box = index.append(symbol("Box", .class, "outer"), parent: outer)
    index.append(symbol("get", .method, "outer::Box"), parent: box)
    index.append(symbol("Box", .initializer, "outer::Box"), parent: outer)  // out of line, under the namespace
    index.append(symbol("helper", .function, "outer::detail"), parent: -1)
    let (keys, containers) = SCIPExporter.keys(path: "a.cpp", index: index)
    #expect(keys == [
      "indexer . . . `a.cpp`/outer/", "indexer . . . `a.cpp`/outer/Box#", "indexer . . . `a.cpp`/outer/Box#get().",
      "indexer . . . `a.cpp`/outer/Box#Box().", "indexer . . . `a.cpp`/outer/detail#helper().",
    ])
    #expect(containers == ["", "indexer . . . `a.cpp`/outer/", "indexer . . . `a.cpp`/outer/Box#", "indexer . . . `a.cpp`/outer/Box#",
      "indexer . . . `a.cpp`/outer/detail#"])
  }

  @Test func containersSplitAtDotsAndDoubleColonsOnly() {
    #expect(SCIPExporter.containerComponents("a::b.c:d") == ["a", "b", "c:d"])
    #expect(SCIPExporter.containerComponents("::x..y::") == ["x", "y"])
    #expect(SCIPExporter.containerComponents("") == [])
    #expect(SCIPExporter.containerComponents("Outer.Inner") == ["Outer", "Inner"])
  }

  @Test func deepContainersAreBounded() {
    var index = FileIndex(language: .python)
    let container = (0..<10_000).map { "c\($0)" }.joined(separator: ".")
    index.append(Symbol(name: "x", kind: .variable, container: container, range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 1)), signature: ""), parent: -1)
    let key = SCIPExporter.keys(path: "p.py", index: index, maxDepth: 32).symbols[0]
    #expect(key.components(separatedBy: "#").count == 33)
  }
}
