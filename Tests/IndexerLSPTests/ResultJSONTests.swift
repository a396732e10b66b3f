import Foundation
import IndexerModel
@testable import IndexerLSP
import IndexerQuery
import Testing

/// The hand-written reply JSON decodes to exactly what Foundation's JSONEncoder makes of the same values.
@Suite struct ResultJSONTests {
  private func same<T: ResultJSON & Encodable>(_ value: T) throws {
    let fast = try JSONSerialization.jsonObject(with: Data(JSONBytes.response(id: .number(7), result: value)))
    let slow = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ResponseMessage(id: .number(7), result: value)))
    #expect(NSDictionary(dictionary: fast as! [String: Any]) == NSDictionary(dictionary: slow as! [String: Any]))
  }

  @Test func repliesMatchJSONEncoder() throws {
    let range = TextRange(start: Position(line: 1, character: 2), end: Position(line: 3, character: 4))
    let tricky = "q\"uo\\te\n\t\u{1}é😀"
    try same([Location(uri: "file:///a%20b/\(tricky)", range: range)])
    try same([SymbolInformation(name: tricky, kind: 5, location: Location(uri: "file:///x", range: range), containerName: nil),
      SymbolInformation(name: "n", kind: 12, location: Location(uri: "file:///y", range: range), containerName: "C.D")])
    let child = DocumentSymbol(name: "c", detail: nil, kind: 6, range: range, selectionRange: range, children: [])
    try same([DocumentSymbol(name: tricky, detail: "sig \"x\"", kind: 5, range: range, selectionRange: range, children: [child])])
    try same(Hover(contents: MarkupContent(value: "```swift\n\(tricky)\n```"), range: range))
    try same(Hover(contents: MarkupContent(value: "v"), range: nil))
    // Numbers are written digit by digit: zero, one digit, many, and the largest.
    for n in [0, 7, 9, 10, 99, 100, 1_234_567, Int.max, -1, Int.min] {
      try same([Location(uri: "file:///n", range: TextRange(start: Position(line: n, character: 0), end: Position(line: 1, character: n)))])
    }
    // More than 64 values reserve room first; the bytes are the same.
    try same((0..<300).map { Location(uri: "file:///many\($0)", range: TextRange(start: Position(line: $0, character: $0), end: Position(line: $0, character: $0 + 1))) })
    // The outline written from flat symbols is the same JSON as the nested `DocumentSymbol`s built from its tree,
    // nesting past the cap included (attached at the cap, as the tree does).
    var file = FileIndex(language: .swift)
    var parent = -1
    for depth in 0..<(DocumentOutline.maximumDepth + 3) {
      let start = SourcePosition(line: depth + 1, column: 1)
      parent = file.append(Symbol(name: "t\(depth)\(tricky)", kind: depth % 2 == 0 ? .struct : .method, container: "",
        range: SourceRange(start: start, end: start), signature: depth % 3 == 0 ? "" : "sig \(depth)"), parent: parent)
    }
    _ = file.append(Symbol(name: "top", kind: .function, container: "", range: SourceRange(start: SourcePosition(line: 99, column: 1), end: SourcePosition(line: 99, column: 1)), signature: "f()"), parent: -1)
    let rangeOf = { (symbol: Symbol) in TextRange(start: Position(line: symbol.range.start.line, character: 0), end: Position(line: symbol.range.start.line, character: 3)) }
    func nested(_ nodes: [OutlineNode]) -> [DocumentSymbol] {
      nodes.map { node in
        DocumentSymbol(name: node.symbol.name, detail: node.symbol.signature.isEmpty ? nil : node.symbol.signature, kind: node.symbol.kind.lspKind,
          range: rangeOf(node.symbol), selectionRange: rangeOf(node.symbol), children: nested(node.children))
      }
    }
    let (roots, children) = file.shape(maxDepth: DocumentOutline.maximumDepth)
    let outline = DocumentOutline(symbols: file.symbols, roots: roots, children: children, ranges: file.symbols.map { (rangeOf($0), rangeOf($0)) })
    let flat = try JSONSerialization.jsonObject(with: Data(JSONBytes.response(id: .number(1), result: outline)))
    let tree = try JSONSerialization.jsonObject(with: Data(JSONBytes.response(id: .number(1), result: nested(file.tree(maxDepth: DocumentOutline.maximumDepth)))))
    #expect(NSDictionary(dictionary: flat as! [String: Any]) == NSDictionary(dictionary: tree as! [String: Any]))
    #expect((((flat as! [String: Any])["result"]) as! [Any]).count == 2)
    // A reused buffer writes the same bytes as a fresh one, a short reply after a long one included.
    var buffer: [UInt8] = []
    let long = (0..<500).map { Location(uri: "file:///long\($0)", range: range) }
    for value in [long, [Location(uri: "file:///short", range: range)], long] {
      var sent: [UInt8] = []
      JSONBytes.response(id: .number(3), result: value, reusing: &buffer) { sent = $0 }
      #expect(sent == JSONBytes.response(id: .number(3), result: value))
    }
    #expect(buffer.capacity >= 500 * 40)  // the long reply's storage is kept for the next one
    let none: [Location]? = nil
    #expect(String(decoding: JSONBytes.response(id: .string("a\"b"), result: none), as: UTF8.self) == #"{"jsonrpc":"2.0","id":"a\"b","result":null}"#)
  }
}
