import Foundation
import IndexerQuery
import Synchronization

/// Tool answers passed from the tool handler to the transport around the SDK's type erasure. The SDK's
/// `Server` encodes every handler's result to JSON, decodes it back into its `Value` tree and encodes that
/// again; decoding a `Value` tries each scalar type by throwing and builds a data-URL regex for every
/// string, which was about 80% of a `find_symbol` call on python-stdlib (perf: 64% decoding, 16% encoding).
/// The handler returns two placeholder strings instead, and the transport writes the answer in their place:
/// as the text content's string and as `structuredContent`.
final class AnswerHandOff: Sendable {
  /// Answers not yet written: a response the SDK never sends (a cancelled call) must not pin its answer for
  /// the life of the server, so only the newest are kept.
  static let maximumHeld = 16

  private struct State {
    var next = 0
    var held: [Int: [UInt8]] = [:]
  }

  private let state = Mutex(State())
  /// Unique to this server, so no answer text or path can spell a placeholder by chance.
  private let prefix: [UInt8]

  init() {
    prefix = Array("indexer-answer-\(UInt64.random(in: 1...UInt64.max))-".utf8)
  }

  /// The placeholders to return for `json`: the text content's and `structuredContent`'s.
  func hold(_ json: Data) -> (text: String, structured: String) {
    let serial = state.withLock { state in
      let serial = state.next
      state.next += 1
      state.held[serial] = [UInt8](json)
      state.held[serial - Self.maximumHeld] = nil
      return serial
    }
    let base = String(decoding: prefix, as: UTF8.self) + String(serial)
    return (base + "-text", base + "-json")
  }

  /// `message` with each placeholder string (quotes included) replaced by its answer: as a JSON string
  /// for `-text`, as the JSON itself for `-json`. A message without placeholders comes back as it was.
  func fill(_ message: [UInt8]) -> [UInt8] {
    var quotedPrefix = [UInt8(ascii: "\"")]
    quotedPrefix += prefix
    guard let first = Self.find(quotedPrefix, in: message, from: 0) else { return message }
    var out: [UInt8] = []
    var copied = 0
    var at: Int? = first
    var filled = Set<Int>()
    while let start = at {
      guard let placeholder = placeholder(in: message, at: start + quotedPrefix.count),
        let answer = state.withLock({ $0.held[placeholder.serial] })
      else {
        at = Self.find(quotedPrefix, in: message, from: start + 1)
        continue
      }
      out += message[copied..<start]
      if placeholder.isText {
        JSONObject.appendQuoted(String(decoding: answer, as: UTF8.self), to: &out)
      } else {
        out += answer
      }
      filled.insert(placeholder.serial)
      copied = placeholder.end
      at = Self.find(quotedPrefix, in: message, from: copied)
    }
    out += message[copied...]
    state.withLock { state in
      for serial in filled { state.held[serial] = nil }
    }
    return out
  }

  /// The serial and form of the placeholder whose digits start at `offset`, and where its closing quote ends.
  private func placeholder(in message: [UInt8], at offset: Int) -> (serial: Int, isText: Bool, end: Int)? {
    var k = offset
    var serial = 0
    while k < message.count, message[k] >= UInt8(ascii: "0"), message[k] <= UInt8(ascii: "9"), k - offset < 18 {
      serial = serial * 10 + Int(message[k] - UInt8(ascii: "0"))
      k += 1
    }
    guard k > offset else { return nil }
    for (suffix, isText) in [(Array("-text\"".utf8), true), (Array("-json\"".utf8), false)]
    where message.count - k >= suffix.count && message[k..<k + suffix.count].elementsEqual(suffix) {
      return (serial, isText, k + suffix.count)
    }
    return nil
  }

  private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, start >= 0, bytes.count - start >= needle.count else { return nil }
    var k = start
    while k <= bytes.count - needle.count {
      guard let hit = bytes[k...(bytes.count - needle.count)].firstIndex(of: needle[0]) else { return nil }
      if bytes[hit..<hit + needle.count].elementsEqual(needle) { return hit }
      k = hit + 1
    }
    return nil
  }
}
