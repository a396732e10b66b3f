import Foundation
import Logging
import MCP

#if canImport(Glibc)
  import Glibc
#endif

/// MCP over standard input and output without polling. The SDK's `StdioTransport` sets standard input
/// non-blocking and sleeps 10 ms whenever a read finds nothing, which put a 10 ms floor under every tool
/// call; here one thread of its own waits in a blocking `read(2)` and hands each line over as it arrives.
actor BlockingStdioTransport: Transport {
  nonisolated let logger = Logger(label: "indexer.mcp.stdio", factory: { _ in SwiftLogNoOpLogHandler() })
  private let input: Int32
  private let output: Int32
  private let messages: AsyncThrowingStream<Data, any Swift.Error>
  private let continuation: AsyncThrowingStream<Data, any Swift.Error>.Continuation
  private var reading = false
  /// Writes the tool answers the handler passed around the SDK into the responses that carry their placeholders.
  private let answers: AnswerHandOff?

  init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, answers: AnswerHandOff? = nil) {
    self.input = input
    self.output = output
    self.answers = answers
    (messages, continuation) = AsyncThrowingStream.makeStream(of: Data.self, throwing: (any Swift.Error).self)
  }

  func connect() async throws {
    guard !reading else { return }
    reading = true
    let input = input
    let continuation = continuation
    Thread.detachNewThread { Self.readLines(from: input, into: continuation) }
  }

  func disconnect() async {
    continuation.finish()
  }

  /// Writes the message and its newline whole (a short write goes on from where it stopped).
  func send(_ message: Data) async throws {
    var bytes = answers?.fill([UInt8](message)) ?? [UInt8](message)
    bytes.append(UInt8(ascii: "\n"))
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { write(output, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        throw MCPError.internalError("cannot write to standard output: \(String(cString: strerror(errno)))")
      }
      offset += written
    }
  }

  func receive() -> AsyncThrowingStream<Data, any Swift.Error> {
    messages
  }

  /// The reading thread: blocks in `read(2)`, yields every complete line, ends the stream at end of input.
  private static func readLines(from input: Int32, into continuation: AsyncThrowingStream<Data, any Swift.Error>.Continuation) {
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    var pending: [UInt8] = []
    while true {
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        break
      }
      if count == 0 { break }
      pending.append(contentsOf: buffer[0..<count])
      var start = 0
      while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
        if newline > start { continuation.yield(Data(pending[start..<newline])) }
        start = newline + 1
      }
      pending.removeFirst(start)
    }
    continuation.finish()
  }
}
