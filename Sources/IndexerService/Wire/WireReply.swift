import IndexerQuery

/// The watcher's answer to one request: `{"ok":true, …}` with the field the request asked for, or
/// `{"ok":false,"error":"one line"}`. Symbols carry the fields of `query symbol --json`, so the CLI prints
/// the same whether the answer came from the watcher or from the database.
package struct WireReply: Codable, Sendable, Equatable {
  package var ok: Bool
  package var error: String?
  package var symbols: [SymbolRecord]?
  /// Present for a `file` request whose file is indexed.
  package var outline: FileOutlineRecord?
  package var service: ServiceReport?

  package static let success = WireReply(ok: true)

  package init(
    ok: Bool, error: String? = nil, symbols: [SymbolRecord]? = nil, outline: FileOutlineRecord? = nil,
    service: ServiceReport? = nil
  ) {
    self.ok = ok
    self.error = error
    self.symbols = symbols
    self.outline = outline
    self.service = service
  }

  package static func failure(_ message: String) -> WireReply { WireReply(ok: false, error: message) }
}

/// The watcher's own numbers for `indexer stats`: pid, watches, events, batches, latencies, memory, hot layer.
public struct ServiceReport: Codable, Sendable, Equatable {
  public var pid: Int
  public var watches: Int
  public var eventsSeen: Int
  public var batches: Int
  public var rescans: Int
  public var pendingPaths: Int
  /// True when inotify ran out of watches and the watcher polls instead.
  public var polling: Bool
  public var lastLatencyMs: Double?
  public var p50LatencyMs: Double?
  public var p95LatencyMs: Double?
  public var residentBytes: Int
  /// What SQLite has allocated (every connection's page cache among it); nil from a watcher that does not say.
  public var sqliteBytes: Int?
  public var hotLayer: HotLayerReport

  public struct HotLayerReport: Codable, Sendable, Equatable {
    public var hits: Int
    public var misses: Int
    public var evictions: Int
    public var bytes: Int
    public var entries: Int
    public var limit: Int
  }
}
