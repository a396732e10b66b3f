import Foundation
@testable import IndexerLSP
import Testing

/// The base protocol's framing against what a broken or hostile client can send: nothing may trap, and a
/// good message after a bad one still arrives.
@Suite struct MessageFramingTests {
  /// Feeds `bytes` through a pipe (as stdin would) and collects everything the reader makes of them.
  private func read(_ bytes: [UInt8]) -> [MessageReader.Read] {
    var ends: [Int32] = [0, 0]
    _ = pipe(&ends)
    let (readEnd, writeEnd) = (ends[0], ends[1])
    let writer = Thread {
      var offset = 0
      while offset < bytes.count {
        let n = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress! + offset, min(4096, $0.count - offset)) }
        if n <= 0 { break }
        offset += n
      }
      close(writeEnd)
    }
    writer.start()
    let reader = MessageReader(descriptor: readEnd)
    var reads: [MessageReader.Read] = []
    while true {
      let next = reader.next()
      reads.append(next)
      if case .endOfInput = next { break }
    }
    close(readEnd)
    return reads
  }

  private func frame(_ body: String) -> [UInt8] {
    Array("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
  }

  private func bodies(_ reads: [MessageReader.Read]) -> [String] {
    reads.compactMap { if case .message(let data) = $0 { String(decoding: data, as: UTF8.self) } else { nil } }
  }

  private func malformedCount(_ reads: [MessageReader.Read]) -> Int {
    reads.filter { if case .malformed = $0 { true } else { false } }.count
  }

  @Test func framesAndHeadersInAnyCase() {
    let reads = read(frame(#"{"a":1}"#) + Array("content-length:7\nContent-Type: x\n\n{\"b\":2}".utf8) + frame("{}"))
    #expect(bodies(reads) == [#"{"a":1}"#, #"{"b":2}"#, "{}"])
  }

  @Test func aBadHeaderCostsOneMessage() {
    let bad = Array("X-Nothing: 1\r\n\r\n".utf8) + Array("Content-Length: -5\r\n\r\n".utf8) + Array("Content-Length: many\r\n\r\n".utf8)
    let reads = read(bad + frame(#"{"ok":true}"#))
    #expect(malformedCount(reads) == 3)
    #expect(bodies(reads) == [#"{"ok":true}"#])
  }

  @Test func oversizedBodiesAndHeadersAreSkippedNotBuffered() {
    let huge = Array("Content-Length: \(MessageReader.bodyLimit + 1)\r\n\r\n".utf8) + [UInt8](repeating: 0x41, count: MessageReader.bodyLimit + 1)
    let longHeader = Array("X: ".utf8) + [UInt8](repeating: 0x42, count: MessageReader.headerLimit * 2) + Array("\r\n\r\n".utf8)
    let reads = read(huge + longHeader + frame("{}"))
    #expect(malformedCount(reads) >= 2)
    #expect(bodies(reads) == ["{}"])
  }

  @Test func truncationAtEveryByteNeverTraps() {
    let stream = frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize"}"#) + frame(#"{"id":2}"#)
    for cut in 0...stream.count {
      let reads = read(Array(stream[0..<cut]))
      guard case .endOfInput = reads.last else {
        Issue.record("the reader did not end at cut \(cut)")
        return
      }
      #expect(bodies(reads).count <= 2)
    }
  }

  @Test func randomBytesNeverTrap() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let length = Int.random(in: 0..<2000, using: &generator)
      var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if Bool.random(using: &generator) { bytes.insert(contentsOf: Array("Content-Length: 10\r\n\r\n".utf8), at: 0) }
      let reads = read(bytes)
      #expect({ if case .endOfInput = reads.last { true } else { false } }())
    }
  }
}

@Suite struct DocumentURITests {
  @Test func pathsRoundTripThroughURIs() {
    let uris = DocumentURI(root: "/tmp/ws dir")
    let uri = uris.uri(forRelativePath: "Sources/Ünïcode/Café #1.swift")
    #expect(uri == "file:///tmp/ws%20dir/Sources/%C3%9Cn%C3%AFcode/Caf%C3%A9%20%231.swift")
    #expect(uris.relativePath(uri) == "Sources/Ünïcode/Café #1.swift")
    #expect(uris.relativePath("file://localhost/tmp/ws%20dir/a.swift") == "a.swift")
    #expect(uris.relativePath("file:///tmp/other/a.swift") == nil)
    #expect(uris.relativePath("file:///tmp/ws%20dir") == nil)
    #expect(uris.relativePath("untitled:Untitled-1") == nil)
    #expect(uris.relativePath("file:///tmp/ws%20dir/../etc/passwd") == nil)
    #expect(uris.relativePath("file:///tmp/ws%20dir/a/%2E%2E/%2E%2E/x") == nil)
    #expect(uris.relativePath("file:///tmp/ws%20dir/%zz") == nil)
    #expect(uris.relativePath("file:///tmp/ws%20dir/%FF%FE") == nil)  // not UTF-8
  }
}
