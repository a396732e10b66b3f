import Foundation

// The parts of the Language Server Protocol 3.17 that `indexer lsp` speaks, as Codable values.

/// A request id: JSON-RPC allows a number or a string, and the reply must echo it as it came.
enum RequestID: Codable, Hashable, Sendable {
  case number(Int)
  case string(String)

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let number = try? container.decode(Int.self) {
      self = .number(number)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .number(let n): try container.encode(n)
    case .string(let s): try container.encode(s)
    }
  }
}

/// What every incoming message is read as first: a request (id + method), a notification (method) or a
/// response to one of ours (id, no method).
struct IncomingMessage: Decodable {
  var id: RequestID?
  var method: String?
}

/// The `params` of a message, decoded once the method says which type they are.
struct Params<P: Decodable>: Decodable {
  var params: P
}

struct ResponseMessage<Result: Encodable>: Encodable {
  var id: RequestID
  /// Encoded as `null` when nil: every response carries `result` or `error`.
  var result: Result?

  enum CodingKeys: String, CodingKey { case jsonrpc, id, result }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode("2.0", forKey: .jsonrpc)
    try c.encode(id, forKey: .id)
    if let result { try c.encode(result, forKey: .result) } else { try c.encodeNil(forKey: .result) }
  }
}

struct ResponseError: Encodable, Error {
  var code: Int
  var message: String

  static let parseError = -32700
  static let invalidRequest = -32600
  static let methodNotFound = -32601
  static let invalidParams = -32602
  static let internalError = -32603
  static let serverNotInitialized = -32002
  static let requestCancelled = -32800
}

struct ErrorMessage: Encodable {
  /// nil (encoded as null) when the request's id could not be read.
  var id: RequestID?
  var error: ResponseError

  enum CodingKeys: String, CodingKey { case jsonrpc, id, error }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode("2.0", forKey: .jsonrpc)
    if let id { try c.encode(id, forKey: .id) } else { try c.encodeNil(forKey: .id) }
    try c.encode(error, forKey: .error)
  }
}

struct OutgoingRequest<P: Encodable>: Encodable {
  var jsonrpc = "2.0"
  var id: RequestID
  var method: String
  var params: P
}

struct OutgoingNotification<P: Encodable>: Encodable {
  var jsonrpc = "2.0"
  var method: String
  var params: P
}

// MARK: Positions

struct Position: Codable, Hashable {
  var line: Int
  var character: Int
}

struct TextRange: Codable, Hashable {
  var start: Position
  var end: Position
}

struct Location: Codable, Hashable {
  var uri: String
  var range: TextRange
}

struct TextDocumentIdentifier: Decodable {
  var uri: String
}

struct TextDocumentPositionParams: Decodable {
  var textDocument: TextDocumentIdentifier
  var position: Position
}

struct ReferenceParams: Decodable {
  struct Context: Decodable { var includeDeclaration: Bool }
  var textDocument: TextDocumentIdentifier
  var position: Position
  var context: Context?
}

struct DocumentSymbolParams: Decodable {
  var textDocument: TextDocumentIdentifier
}

struct WorkspaceSymbolParams: Decodable {
  var query: String
}

struct CancelParams: Decodable {
  var id: RequestID
}

// MARK: Initialize

struct InitializeParams: Decodable {
  struct WorkspaceFolder: Decodable {
    var uri: String
  }
  struct Capabilities: Decodable {
    struct General: Decodable { var positionEncodings: [String]? }
    struct Window: Decodable { var workDoneProgress: Bool? }
    var general: General?
    var window: Window?
  }
  var rootUri: String?
  var rootPath: String?
  var workspaceFolders: [WorkspaceFolder]?
  var capabilities: Capabilities?
}

/// `textDocument/didOpen`: only its document's URI matters (a server waiting for its root takes it from there).
struct DidOpenParams: Decodable {
  struct Document: Decodable { var uri: String }
  var textDocument: Document
}

struct InitializeResult: Encodable {
  struct ServerCapabilities: Encodable {
    struct TextDocumentSync: Encodable {
      /// Open/close and changes are accepted and ignored: the index follows the files on disk.
      var openClose = false
      var change = 0
    }
    var positionEncoding: String
    var textDocumentSync = TextDocumentSync()
    var workspaceSymbolProvider = true
    var definitionProvider = true
    var referencesProvider = true
    var documentSymbolProvider = true
    var hoverProvider = true
    var callHierarchyProvider = true
    var documentHighlightProvider = true
    var typeHierarchyProvider = true
    var implementationProvider = true
  }
  struct ServerInfo: Encodable {
    var name = "indexer"
    var version: String
  }
  var capabilities: ServerCapabilities
  var serverInfo: ServerInfo
}

// MARK: Results

struct SymbolInformation: Encodable {
  var name: String
  var kind: Int
  var location: Location
  var containerName: String?
}

/// Encodes its children itself: the tree is depth-capped when built (`FileIndex.tree`).
struct DocumentSymbol: Encodable {
  var name: String
  var detail: String?
  var kind: Int
  var range: TextRange
  var selectionRange: TextRange
  var children: [DocumentSymbol]
}

/// One use of the name under the cursor in the same file (kind Text: read and write are not told apart).
struct DocumentHighlight: Hashable {
  var range: TextRange
}

struct MarkupContent: Encodable {
  var kind = "markdown"
  var value: String
}

struct Hover: Encodable {
  var contents: MarkupContent
  var range: TextRange?
}

// MARK: Progress

struct WorkDoneProgressCreateParams: Encodable {
  var token: String
}

struct ProgressParams<Value: Encodable>: Encodable {
  var token: String
  var value: Value
}

struct WorkDoneProgressBegin: Encodable {
  var kind = "begin"
  var title: String
  var message: String?
}

struct WorkDoneProgressEnd: Encodable {
  var kind = "end"
  var message: String?
}

struct LogMessageParams: Encodable {
  /// 1 error, 2 warning, 3 info, 4 log.
  var type: Int
  var message: String
}
