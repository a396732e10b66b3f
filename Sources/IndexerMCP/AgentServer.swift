import Foundation
import IndexerModel
import IndexerService
import MCP

/// `indexer mcp`: a Model Context Protocol server on stdio (modelcontextprotocol/swift-sdk), whose tools
/// answer from the index; kept fresh like `indexer lsp` (a running watcher, or the watch service in-process).
public enum AgentServer {
  public struct Configuration: Sendable {
    public var root: String
    public var databasePath: String
    /// nil: only read the index (`--no-watch`).
    public var service: ServiceOptions?

    public init(root: String, databasePath: String, service: ServiceOptions?) {
      self.root = root
      self.databasePath = databasePath
      self.service = service
    }
  }

  /// Serves until the client closes stdin.
  public static func run(_ configuration: Configuration) async throws {
    let service = try configuration.service.map { try EmbeddedService(options: $0) }
    service?.start()
    defer { service?.shutdown() }
    let answers = AnswerHandOff()
    let tools = IndexTools(root: configuration.root, databasePath: configuration.databasePath, service: service)
    let server = Server(
      name: "indexer", version: IndexerVersion.current,
      instructions: "A code index of \(configuration.root), always current: find definitions, references, outlines and "
        + "source of symbols without reading files one by one.",
      capabilities: .init(tools: .init(listChanged: false)))
    await server.withMethodHandler(ListTools.self) { _ in
      .init(tools: ToolCatalog.tools)
    }
    await server.withMethodHandler(CallTool.self) { params in
      do {
        let json = try await tools.call(params.name, ToolArguments(params.arguments))
        // The transport writes the answer in place of these, as the text and as `structuredContent`.
        let placeholders = answers.hold(json)
        return .init(
          content: [.text(text: placeholders.text, annotations: nil, _meta: nil)],
          structuredContent: .string(placeholders.structured), isError: false)
      } catch let failure as ToolFailure {
        return .init(content: [.text(text: failure.message, annotations: nil, _meta: nil)], isError: true)
      }
    }
    try await server.start(transport: BlockingStdioTransport(answers: answers))
    await server.waitUntilCompleted()
  }
}
