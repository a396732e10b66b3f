#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import Synchronization

/// LSP's base protocol on a pair of file descriptors: `Content-Length` headers, a blank line, a JSON body.
///
/// Reading never trusts the peer: a header block or a body past its limit is skipped and reported as
/// malformed, never buffered whole; a missing or unreadable `Content-Length` costs that one message.
final class MessageReader {
  enum Read {
    case message(Data)
    /// The framing was broken; what was read is dropped and reading goes on with the next header.
    case malformed(String)
    case endOfInput
  }

  static let headerLimit = 8 * 1024
  static let bodyLimit = 64 << 20

  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var position = 0

  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  func next() -> Read {
    var length: Int?
    var headerBytes = 0
    var sawHeader = false
    while true {
      let text: String
      switch readLine(limit: Self.headerLimit - headerBytes) {
      case .end: return sawHeader ? .malformed("input ended inside a message header") : .endOfInput
      case .tooLong: return .malformed("header block longer than \(Self.headerLimit) bytes")
      case .line(let line): text = line
      }
      headerBytes += text.utf8.count + 2
      if text.isEmpty {
        if !sawHeader { continue }  // stray blank lines between messages
        break
      }
      sawHeader = true
      if let colon = text.firstIndex(of: ":") {
        let name = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if name == "content-length" { length = Int(value) }
      }
    }
    guard let length, length >= 0 else { return .malformed("a message without a valid Content-Length header") }
    guard length <= Self.bodyLimit else {
      guard skip(length) else { return .endOfInput }
      return .malformed("a message of \(length) bytes, over the \(Self.bodyLimit)-byte limit")
    }
    guard let body = take(length) else { return .malformed("input ended inside a message body") }
    return .message(body)
  }

  private enum LineRead {
    case line(String)
    /// Longer than the limit; the rest of it was consumed.
    case tooLong
    case end
  }

  /// One CRLF- (or LF-) terminated line.
  private func readLine(limit: Int) -> LineRead {
    var line: [UInt8] = []
    var overflow = false
    while true {
      guard let byte = nextByte() else { return .end }
      if byte == UInt8(ascii: "\n") { break }
      if line.count >= max(0, limit) { overflow = true } else { line.append(byte) }
    }
    if line.last == UInt8(ascii: "\r") { line.removeLast() }
    return overflow ? .tooLong : .line(String(decoding: line, as: UTF8.self))
  }

  private func nextByte() -> UInt8? {
    if position >= buffer.count, !fill() { return nil }
    defer { position += 1 }
    return buffer[position]
  }

  private func take(_ count: Int) -> Data? {
    var data = Data(capacity: count)
    while data.count < count {
      if position >= buffer.count, !fill() { return nil }
      let n = min(count - data.count, buffer.count - position)
      data.append(contentsOf: buffer[position..<(position + n)])
      position += n
    }
    return data
  }

  private func skip(_ count: Int) -> Bool {
    var left = count
    while left > 0 {
      if position >= buffer.count, !fill() { return false }
      let n = min(left, buffer.count - position)
      position += n
      left -= n
    }
    return true
  }

  private func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else { return false }
      buffer = Array(chunk[0..<got])
      position = 0
      return true
    }
  }
}

/// Writes framed messages; shared by the request loop and the progress reporter, so one lock orders them.
final class MessageWriter: Sendable {
  private let descriptor: Int32
  private let lock = Mutex<Void>(())

  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  func send(_ body: Data) {
    body.withUnsafeBytes { send(raw: $0) }
  }

  /// A reply written from its bytes as they are: a 5 MB outline is not copied into a frame first.
  func send(_ body: [UInt8]) {
    body.withUnsafeBytes { send(raw: $0) }
  }

  private func send(raw body: UnsafeRawBufferPointer) {
    let header = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
    lock.withLock { _ in
      guard header.withUnsafeBytes({ writeAll($0) }) else { return }
      _ = writeAll(body)
    }
  }

  /// False when the client is gone (the read side will see the end).
  private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var offset = 0
    while offset < bytes.count {
      let wrote = write(descriptor, base + offset, bytes.count - offset)
      if wrote < 0 && errno == EINTR { continue }
      guard wrote > 0 else { return false }
      offset += wrote
    }
    return true
  }
}
