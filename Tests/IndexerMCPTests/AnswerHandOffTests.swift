import Foundation
import MCP
import Testing

@testable import IndexerMCP

/// The transport writes each answer where the SDK put its placeholders, as the SDK's own encoding of the
/// whole result would have: the same text and the same structured value. Anything else passes untouched.
@Suite struct AnswerHandOffTests {
  static let answer = #"{"generation":3,"items":[{"name":"Th\"read","path":"a/b.py","note":"tab\t é 😀 \\ /"}],"complete":true}"#

  /// A tool response as the SDK's server encodes it (its encoder's settings).
  static func encoded(_ result: CallTool.Result, id: Int = 7) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return [UInt8](try encoder.encode(CallTool.response(id: .number(id), result: result)))
  }

  static func result(_ placeholders: (text: String, structured: String)) -> CallTool.Result {
    .init(content: [.text(text: placeholders.text, annotations: nil, _meta: nil)], structuredContent: .string(placeholders.structured), isError: false)
  }

  @Test func theAnswerIsWrittenAsTextAndAsStructuredContent() throws {
    let handOff = AnswerHandOff()
    let message = handOff.fill(try Self.encoded(Self.result(handOff.hold(Data(Self.answer.utf8)))))
    let response = try #require(try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any])
    #expect(response["id"] as? Int == 7)
    let result = try #require(response["result"] as? [String: Any])
    let content = try #require(result["content"] as? [[String: Any]])
    #expect(content.first?["text"] as? String == Self.answer)
    #expect(content.first?["type"] as? String == "text")
    let structured = try #require(result["structuredContent"] as? NSDictionary)
    let expected = try #require(try JSONSerialization.jsonObject(with: Data(Self.answer.utf8)) as? NSDictionary)
    #expect(structured == expected)
    #expect(result["isError"] as? Bool == false)
  }

  @Test func eachAnswerIsWrittenOnceAndOnlyTheNewestAreKept() throws {
    let handOff = AnswerHandOff()
    let first = handOff.hold(Data(#"{"n":0}"#.utf8))
    let second = try Self.encoded(Self.result(handOff.hold(Data(#"{"n":1}"#.utf8))), id: 2)
    let firstMessage = try Self.encoded(Self.result(first), id: 1)
    #expect(handOff.fill(firstMessage) != firstMessage)
    // Written once: the same placeholders again are left as they are.
    #expect(handOff.fill(firstMessage) == firstMessage)
    for k in 0..<AnswerHandOff.maximumHeld { _ = handOff.hold(Data("{\"k\":\(k)}".utf8)) }
    #expect(handOff.fill(second) == second, "an answer older than the newest \(AnswerHandOff.maximumHeld) is dropped")
  }

  @Test func messagesWithoutWholePlaceholdersPassUntouched() throws {
    let handOff = AnswerHandOff()
    let placeholders = handOff.hold(Data(Self.answer.utf8))
    let message = try Self.encoded(Self.result(placeholders))
    // Another server's placeholders, and every cut of this one's message: nothing is written, nothing traps.
    let other = try Self.encoded(Self.result(AnswerHandOff().hold(Data("{}".utf8))))
    #expect(handOff.fill(other) == other)
    for cut in 0..<message.count {
      let piece = Array(message[0..<cut])
      let placeholderWhole = String(decoding: piece, as: UTF8.self).contains("\"" + placeholders.text + "\"")
      #expect(placeholderWhole || handOff.fill(piece) == piece, "cut at \(cut)")
    }
    let plain = Array(#"{"jsonrpc":"2.0","method":"notifications/tools/list_changed"}"#.utf8)
    #expect(handOff.fill(plain) == plain)
  }
}
