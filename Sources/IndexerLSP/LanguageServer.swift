#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import IndexerModel
import IndexerQuery
import IndexerService
import Synchronization

/// `indexer lsp`: a language server on stdin/stdout over the index, kept fresh by a watcher (the running
/// `indexer watch`, or the same service on a thread of this process).
///
/// One thread reads and frames messages (and notes cancellations as they arrive); the caller's thread
/// answers requests in order. Nothing a client sends can stop it but `exit` or the end of input.
public final class LanguageServer {
  /// How the server finds its workspace: `root` when the command line gave one, else the client's.
  public struct Configuration: Sendable {
    public var root: String?
    /// The watch service's options for a root (database location, limits, ignore flags).
    public var serviceOptions: @Sendable (_ root: String) throws -> ServiceOptions
    /// false: only read the index, never start a watcher (`--no-watch`).
    public var watch: Bool

    public init(root: String?, watch: Bool, serviceOptions: @escaping @Sendable (_ root: String) throws -> ServiceOptions) {
      self.root = root
      self.watch = watch
      self.serviceOptions = serviceOptions
    }
  }

  static let workspaceSymbolLimit = 100
  /// Linux's F_SETPIPE_SZ (not in Swift's Glibc module), and the size asked for: the default unprivileged
  /// maximum (`/proc/sys/fs/pipe-max-size`).
  static let setPipeSize: Int32 = 1031
  static let replyPipeBytes: Int32 = 1 << 20

  private let configuration: Configuration
  private let writer = MessageWriter(descriptor: 1)
  private let cancelled = CancelledRequests()
  private let encoder = JSONEncoder()
  private let decoder = JSONDecoder()

  private var session: Session?
  /// Set between `initialize` and the first document when there was no project to index: the whole disk or
  /// the home folder is never indexed, so the root comes from the first file the client opens.
  private var awaitingRoot: AwaitingRoot?
  private var initializedNotified = false
  private var shutdownRequested = false
  /// The storage every reply is written into, kept between requests (`JSONBytes.response(…reusing:)`).
  private var replyBuffer: [UInt8] = []

  /// What `initialize` negotiated, kept until a root is known.
  private struct AwaitingRoot {
    var unit: PositionEncoding.Unit
    var progress: ProgressReporter
  }

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  /// Serves until `exit` or the end of input; returns the process exit status LSP asks for (0 after
  /// `shutdown`, 1 otherwise).
  public func run() -> Int32 {
    // A larger pipe to the client (when stdout is one): a 5 MB documentSymbol reply then crosses in a few
    // writes instead of eighty 64 KB ones, each waiting for the client to drain the last. Fails harmlessly
    // on anything else, or past the system's limit.
    _ = fcntl(1, Self.setPipeSize, Self.replyPipeBytes)
    let queue = MessageQueue()
    let cancelled = self.cancelled
    let thread = Thread {
      let reader = MessageReader(descriptor: 0)
      while true {
        let read = reader.next()
        if case .message(let data) = read, let note = try? JSONDecoder().decode(IncomingMessage.self, from: data),
          note.method == "$/cancelRequest", let params = try? JSONDecoder().decode(Params<CancelParams>.self, from: data)
        {
          cancelled.insert(params.params.id)
          continue
        }
        queue.push(read)
        if case .endOfInput = read { return }
      }
    }
    thread.name = "indexer-lsp-reader"
    thread.start()
    defer { session?.service?.shutdown() }
    while true {
      switch queue.pop() {
      case .endOfInput:
        return shutdownRequested ? 0 : 1
      case .malformed(let reason):
        send(ErrorMessage(id: nil, error: ResponseError(code: ResponseError.parseError, message: reason)))
      case .message(let data):
        if let status = handle(data) { return status }
      }
    }
  }

  /// Answers one message; a status when it was `exit`.
  private func handle(_ data: Data) -> Int32? {
    guard let message = try? decoder.decode(IncomingMessage.self, from: data) else {
      send(ErrorMessage(id: nil, error: ResponseError(code: ResponseError.parseError, message: "not a JSON-RPC message")))
      return nil
    }
    guard let method = message.method else {
      // A response to one of our requests: only the progress token's matters.
      if message.id == ProgressReporter.createRequestID { session?.progress.acknowledged() }
      return nil
    }
    guard let id = message.id else {
      if method == "exit" { return shutdownRequested ? 0 : 1 }
      if method == "initialized" {
        initializedNotified = true
        session?.startWatching()
      }
      if method == "textDocument/didOpen", session == nil, let awaiting = awaitingRoot,
        let params = try? decoder.decode(Params<DidOpenParams>.self, from: data).params
      {
        takeRoot(fromDocument: params.textDocument.uri, awaiting)
      }
      return nil  // other notifications (text sync included) are accepted and ignored
    }
    if cancelled.remove(id) {
      send(ErrorMessage(id: id, error: ResponseError(code: ResponseError.requestCancelled, message: "cancelled")))
      return nil
    }
    do {
      try answer(id: id, method: method, data: data)
    } catch let error as ResponseError {
      send(ErrorMessage(id: id, error: error))
    } catch let error as StoreError {
      send(ErrorMessage(id: id, error: ResponseError(code: ResponseError.internalError, message: error.description)))
    } catch {
      send(ErrorMessage(id: id, error: ResponseError(code: ResponseError.invalidParams, message: "invalid params for \(method): \(error)")))
    }
    return nil
  }

  private func answer(id: RequestID, method: String, data: Data) throws {
    if method == "initialize" {
      let params = try decoder.decode(Params<InitializeParams>.self, from: data).params
      try initialize(id: id, params)
      return
    }
    guard let session else {
      guard awaitingRoot != nil else { throw ResponseError(code: ResponseError.serverNotInitialized, message: "initialize first") }
      // No project yet: nothing is indexed, so every question has no answer (not an error an editor shows).
      if method == "shutdown" { shutdownRequested = true }
      send(ResponseMessage<Bool>(id: id, result: nil))
      return
    }
    switch method {
    case "shutdown":
      shutdownRequested = true
      session.service?.shutdown()
      send(ResponseMessage<Bool>(id: id, result: nil))
    case "workspace/symbol":
      let params = try decoder.decode(Params<WorkspaceSymbolParams>.self, from: data).params
      reply(id, try session.workspaceSymbols(params.query, limit: Self.workspaceSymbolLimit))
    case "textDocument/definition":
      let params = try decoder.decode(Params<TextDocumentPositionParams>.self, from: data).params
      reply(id, try session.definition(params))
    case "textDocument/references":
      let params = try decoder.decode(Params<ReferenceParams>.self, from: data).params
      reply(id, try session.references(params))
    case "textDocument/documentSymbol":
      let params = try decoder.decode(Params<DocumentSymbolParams>.self, from: data).params
      reply(id, try session.documentSymbols(params.textDocument.uri))
    case "textDocument/documentHighlight":
      let params = try decoder.decode(Params<TextDocumentPositionParams>.self, from: data).params
      reply(id, try session.documentHighlights(params))
    case "textDocument/prepareCallHierarchy":
      let params = try decoder.decode(Params<TextDocumentPositionParams>.self, from: data).params
      reply(id, try session.prepareCallHierarchy(params))
    case "callHierarchy/incomingCalls":
      let params = try decoder.decode(Params<CallHierarchyCallsParams>.self, from: data).params
      reply(id, try session.incomingCalls(params.item))
    case "callHierarchy/outgoingCalls":
      let params = try decoder.decode(Params<CallHierarchyCallsParams>.self, from: data).params
      reply(id, try session.outgoingCalls(params.item))
    case "textDocument/prepareTypeHierarchy":
      let params = try decoder.decode(Params<TextDocumentPositionParams>.self, from: data).params
      reply(id, try session.prepareTypeHierarchy(params))
    case "typeHierarchy/supertypes":
      let params = try decoder.decode(Params<CallHierarchyCallsParams>.self, from: data).params
      reply(id, try session.typeHierarchy(params.item, supertypes: true))
    case "typeHierarchy/subtypes":
      let params = try decoder.decode(Params<CallHierarchyCallsParams>.self, from: data).params
      reply(id, try session.typeHierarchy(params.item, supertypes: false))
    case "textDocument/implementation":
      let params = try decoder.decode(Params<TextDocumentPositionParams>.self, from: data).params
      reply(id, try session.implementation(params))
    case "textDocument/hover":
      let params = try decoder.decode(Params<TextDocumentPositionParams>.self, from: data).params
      reply(id, try session.hover(params))
    default:
      throw ResponseError(code: ResponseError.methodNotFound, message: "method not found: \(method)")
    }
  }

  private func initialize(id: RequestID, _ params: InitializeParams) throws {
    guard session == nil && awaitingRoot == nil else {
      throw ResponseError(code: ResponseError.invalidRequest, message: "initialize was already called")
    }
    let unit = PositionEncoding.negotiate(params.capabilities?.general?.positionEncodings)
    let writer = self.writer
    let progress = ProgressReporter(enabled: params.capabilities?.window?.workDoneProgress == true) { writer.send($0) }
    var capabilities = InitializeResult.ServerCapabilities(positionEncoding: unit.rawValue)
    let root = try resolveRoot(params)
    switch root {
    case .found(let root):
      session = try makeSession(root: root, unit: unit, progress: progress)
    case .tooBroad:
      // Answer now and wait: the first document opened names the project (so ask for open notices).
      awaitingRoot = AwaitingRoot(unit: unit, progress: progress)
      capabilities.textDocumentSync.openClose = true
    }
    send(ResponseMessage(id: id, result: InitializeResult(capabilities: capabilities, serverInfo: .init(version: IndexerVersion.current))))
    if case .tooBroad(let folder) = root {
      log("indexer: \(folder) is not a project (it is / or your home folder); waiting for the first file opened to find its project")
    }
  }

  /// The first document's project becomes the root; a document in no project leaves the server waiting.
  private func takeRoot(fromDocument uri: String, _ awaiting: AwaitingRoot) {
    guard uri.hasPrefix("file://"), let path = FileURI.percentDecoded(Substring(uri.dropFirst(7))), path.hasPrefix("/") else { return }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    guard let root = ProjectRoot.nearest(from: folder).flatMap(Self.realPath), !ProjectRoot.isTooBroad(root) else {
      log("indexer: \(path) is in no project (no \(ProjectRoot.markers.prefix(4).joined(separator: ", ")), … above it); open a file inside a project, or start the server with --root")
      return
    }
    do {
      session = try makeSession(root: root, unit: awaiting.unit, progress: awaiting.progress)
      awaitingRoot = nil
      log("indexer: indexing \(root), the project of \(path)")
      if initializedNotified { session?.startWatching() }
    } catch {
      log("indexer: cannot use \(root) as the workspace: \(error)")
    }
  }

  /// A line the user may need: `window/logMessage` (editors show it in their LSP log).
  private func log(_ message: String, type: Int = 3) {
    writer.send(ProgressReporter.encode(OutgoingNotification(method: "window/logMessage", params: LogMessageParams(type: type, message: message))))
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private func makeSession(root: String, unit: PositionEncoding.Unit, progress: ProgressReporter) throws -> Session {
    let options: ServiceOptions
    do {
      options = try configuration.serviceOptions(root)
    } catch {
      throw ResponseError(code: ResponseError.invalidParams, message: "cannot use \(root) as the workspace: \(error)")
    }
    let writer = self.writer
    var service: EmbeddedService?
    if configuration.watch {
      service = try? EmbeddedService(options: options) { state in
        progress.stateChanged(state)
        if case .stopped(let reason) = state, reason != "stopped" {
          writer.send(ProgressReporter.encode(OutgoingNotification(
            method: "window/logMessage", params: LogMessageParams(type: 2, message: "indexer: the index is not being kept fresh: \(reason)"))))
        }
      }
    }
    return Session(
      root: options.index.root, databasePath: options.index.databasePath, unit: unit, service: service, progress: progress)
  }

  private enum RootChoice {
    case found(String)
    /// `/` or the home folder, which are never indexed: the root comes from the first document.
    case tooBroad(String)
  }

  /// The command line's root, else the client's first workspace folder, root URI or root path, else the
  /// project around the folder the server started in.
  private func resolveRoot(_ params: InitializeParams) throws -> RootChoice {
    let candidate: String
    if let root = configuration.root {
      candidate = root
    } else if let uri = params.workspaceFolders?.first?.uri ?? params.rootUri {
      guard uri.hasPrefix("file://"), let path = FileURI.percentDecoded(Substring(uri.dropFirst(7))), path.hasPrefix("/") else {
        throw ResponseError(code: ResponseError.invalidParams, message: "the workspace \(uri) is not a local file:// folder")
      }
      candidate = path
    } else if let path = params.rootPath {
      candidate = path
    } else {
      // No workspace from the client: the project around the folder the server started in.
      let here = FileManager.default.currentDirectoryPath
      candidate = ProjectRoot.nearest(from: here) ?? here
    }
    guard let root = Self.realPath(candidate) else {
      throw ResponseError(code: ResponseError.invalidParams, message: "the workspace folder \(candidate) does not exist")
    }
    // Indexing the whole disk or a home folder is never what an editor meant (it would also write /.indexer/).
    if configuration.root == nil, ProjectRoot.isTooBroad(root) { return .tooBroad(root) }
    return .found(root)
  }

  /// A result that writes its own JSON (`ResultJSON`): the replies that carry many values.
  private func reply(_ id: RequestID, _ result: (some ResultJSON)?) {
    JSONBytes.response(id: id, result: result, reusing: &replyBuffer) { writer.send($0) }
  }

  private func send(_ message: some Encodable) {
    guard let data = try? encoder.encode(message) else { return }
    writer.send(data)
  }

}

/// Messages between the reader thread and the request loop.
private final class MessageQueue: Sendable {
  private let items = Mutex<[MessageReader.Read]>([])
  private let available = DispatchSemaphore(value: 0)

  func push(_ item: MessageReader.Read) {
    items.withLock { $0.append(item) }
    available.signal()
  }

  func pop() -> MessageReader.Read {
    available.wait()
    return items.withLock { $0.removeFirst() }
  }
}

/// Ids of requests the client cancelled before they were answered (noted by the reader thread).
private final class CancelledRequests: Sendable {
  private let ids = Mutex<Set<RequestID>>([])

  func insert(_ id: RequestID) {
    ids.withLock { ids in
      if ids.count >= 1024 { ids.removeAll() }  // cancellations of requests already answered
      ids.insert(id)
    }
  }

  /// Whether `id` was cancelled; forgets it either way.
  func remove(_ id: RequestID) -> Bool {
    ids.withLock { $0.remove(id) != nil }
  }
}
