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
  package var pending: PendingReport?
  /// The generation a `symbol` answer was read at (with `pending` asked just before it).
  package var generation: Int64?

  package static let success = WireReply(ok: true)

  package init(
    ok: Bool, error: String? = nil, symbols: [SymbolRecord]? = nil, outline: FileOutlineRecord? = nil,
    service: ServiceReport? = nil, pending: PendingReport? = nil
  ) {
    self.ok = ok
    self.error = error
    self.symbols = symbols
    self.outline = outline
    self.service = service
    self.pending = pending
  }

  package static func failure(_ message: String) -> WireReply { WireReply(ok: false, error: message) }
}

/// Paths the watcher has seen change but not yet committed (the batch being written among them): an answer
/// read now may be behind on exactly these. `count` counts them all; `paths` lists the first `listed`.
public struct PendingReport: Codable, Sendable, Equatable {
  public static let listed = 100
  public var paths: [String]
  public var count: Int
  /// A rescan is owed (events were lost, or ignore rules changed): any path may be behind.
  public var rescan: Bool

  public init(paths: [String], count: Int, rescan: Bool) {
    self.paths = paths
    self.count = count
    self.rescan = rescan
  }

  /// Nothing is known to be behind.
  public var isEmpty: Bool { count == 0 && !rescan }

  /// `{"paths":[…],"count":N,"rescan":B}`, the shape every front end writes; `null` for no report.
  public static func json(_ report: PendingReport?) -> String {
    guard let report else { return "null" }
    var o = JSONObject()
    o.add("paths", raw: JSONObject.array(report.paths.map(JSONObject.quote)))
    o.add("count", report.count)
    o.add("rescan", report.rescan)
    return o.text
  }
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
