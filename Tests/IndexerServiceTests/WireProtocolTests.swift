import Foundation
import IndexerModel
import IndexerQuery
import IndexerStore
@testable import IndexerService
import Testing

/// The socket protocol as the server and `indexer query` both speak it: requests and replies survive a line
/// each way, and every malformed line is a one-line refusal, never a trap.
@Suite struct WireProtocolTests {
  static let requests: [WireRequest] = [
    .ping, .sync, .stats, .pending, .file(path: "Sources/App/main.swift"),
    .symbol(SymbolQuery(name: "Application")),
    .symbol(
      SymbolQuery(
        name: "app", mode: .fuzzy, ignoreCase: true, kinds: [.class, .function], languages: [.swift, .python],
        pathGlob: "Sources/*", limit: 5)),
    .symbol(SymbolQuery(name: "päth\"\n", mode: .prefix)),
  ]

  @Test func everyRequestSurvivesOneLine() throws {
    for request in Self.requests {
      let line = WireCoding.line(request)
      #expect(line.hasSuffix("\n") && line.dropLast().firstIndex(of: "\n") == nil, "one line: \(line)")
      #expect(try WireCoding.decode(WireRequest.self, from: line).get() == request)
    }
  }

  @Test func requestsUseTheDocumentedFieldNames() throws {
    let line = WireCoding.line(WireRequest.symbol(SymbolQuery(name: "x", mode: .prefix, kinds: [.method], pathGlob: "a/*", limit: 3)))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["op"] as? String == "symbol")
    #expect(object["mode"] as? String == "prefix")
    #expect(object["path"] as? String == "a/*")
    #expect(object["kinds"] as? [String] == ["method"])
    #expect(object["limit"] as? Int == 3)
    // What older clients and scripts send: only op and name.
    #expect(try WireCoding.decode(WireRequest.self, from: #"{"op":"symbol","name":"x"}"#).get() == .symbol(SymbolQuery(name: "x")))
  }

  @Test(arguments: [
    (#"{"op":"nope"}"#, "unknown op 'nope'"),
    (#"{"op":"symbol","name":"x","kinds":["klass"]}"#, "unknown kind 'klass'"),
    (#"{"op":"symbol","name":"x","languages":["cobol"]}"#, "unknown language 'cobol'"),
    (#"{"op":"symbol","name":"x","mode":"regex"}"#, "unknown mode 'regex'"),
    (#"{"op":"symbol"}"#, "missing \"name\""),
    (#"{"name":"x"}"#, "missing \"op\""),
    (#"{"op":"symbol","name":"x","limit":"ten"}"#, "wrong type for \"limit\""),
    (#"{"op":"file","path":7}"#, "wrong type for \"path\""),
    ("not json", "valid JSON"),
    ("[]", "expected a JSON object"),
  ])
  func malformedRequestsSayWhatIsWrong(line: String, expected: String) {
    switch WireCoding.decode(WireRequest.self, from: line) {
    case .success(let request): Issue.record("accepted \(line) as \(request)")
    case .failure(let failure):
      #expect(failure.message.contains(expected), "\(failure.message)")
      #expect(!failure.message.contains("\n"))
    }
  }

  /// Every prefix and every one-byte corruption of real lines: decoded or refused, never a trap.
  @Test func truncatedAndCorruptedLinesNeverTrap() {
    var lines = Self.requests.map { String(WireCoding.line($0).dropLast()) }
    lines.append(String(WireCoding.line(Self.reply).dropLast()))
    var accepted = 0
    for line in lines {
      let bytes = Array(line.utf8)
      for end in 0...bytes.count {
        let prefix = String(decoding: bytes[..<end], as: UTF8.self)
        if case .success = WireCoding.decode(WireRequest.self, from: prefix) { accepted += 1 }
        _ = WireCoding.decode(WireReply.self, from: prefix)
      }
      for index in bytes.indices {
        for replacement: UInt8 in [0x22, 0x7D, 0x00, 0xFF] {
          var corrupted = bytes
          corrupted[index] = replacement
          _ = WireCoding.decode(WireRequest.self, from: String(decoding: corrupted, as: UTF8.self))
          _ = WireCoding.decode(WireReply.self, from: String(decoding: corrupted, as: UTF8.self))
        }
      }
    }
    #expect(accepted == Self.requests.count, "only the whole lines decode as requests")
  }

  static let outline: FileIndex = {
    var index = FileIndex(language: .swift)
    let type = index.append(
      Symbol(
        name: "Box", kind: .struct, container: "",
        range: SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 9, column: 2)),
        signature: "public struct Box", access: .public), parent: -1)
    index.append(
      Symbol(
        name: "make", kind: .method, container: "Box",
        range: SourceRange(start: SourcePosition(line: 3, column: 3), end: SourcePosition(line: 5, column: 4)),
        signature: "static func make() -> Box", access: nil, isStatic: true), parent: type)
    return index
  }()

  static let reply = WireReply(
    ok: true, symbols: outline.symbols.map { SymbolRecord(SymbolMatch(symbol: $0, path: "Box.swift", language: .swift)) },
    outline: FileOutlineRecord(outline, path: "Box.swift"))

  @Test func repliesCarryDefinitionsAndOutlinesWhole() throws {
    let decoded = try WireCoding.decode(WireReply.self, from: WireCoding.line(Self.reply)).get()
    #expect(decoded == Self.reply)
    #expect(decoded.outline?.fileIndex == Self.outline)
    #expect(decoded.symbols?.compactMap(\.match).map(\.symbol) == Self.outline.symbols)
    let failure = try WireCoding.decode(WireReply.self, from: WireCoding.line(WireReply.failure("no index"))).get()
    #expect(failure.ok == false && failure.error == "no index")
  }

  @Test func outlinesWhoseParentsDoNotPointBackAreRefused() {
    var record = FileOutlineRecord(Self.outline, path: "Box.swift")
    record.parents = [-1, 1]
    #expect(record.fileIndex == nil, "a symbol cannot be its own parent")
    record.parents = [-2, 0]
    #expect(record.fileIndex == nil)
    record.parents = [-1]
    #expect(record.fileIndex == nil, "one parent per symbol")
    record.parents = [-1, 0]
    record.symbols[1].kind = "gadget"
    #expect(record.fileIndex == nil, "a kind this build does not know")
  }
}
