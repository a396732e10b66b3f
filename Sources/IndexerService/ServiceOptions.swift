import IndexerCore
import IndexerModel
import IndexerStore

/// How `indexer watch` batches, polls and caches.
public struct ServiceOptions: Sendable {
  public var index: IndexOptions
  public var settleMilliseconds: Int
  public var maxLatencyMilliseconds: Int
  public var maxBatch: Int
  /// Seconds between rescans when inotify cannot watch the whole tree (out of watches).
  public var pollIntervalSeconds: Double
  public var hotCacheBytes: Int
  /// How long a connected client may take to send its request before the service hangs up.
  public var clientTimeoutSeconds: Double
  /// Whether log lines go to standard error as well as to the log file: not inside an editor's or an agent's
  /// server, whose client shows every stderr line as an error (they go to `.indexer/indexer.log` alone).
  public var logsToStandardError = true

  public init(
    index: IndexOptions, settleMilliseconds: Int = 30, maxLatencyMilliseconds: Int = 1000, maxBatch: Int = 2000,
    pollIntervalSeconds: Double = 2, hotCacheBytes: Int = 64 << 20, clientTimeoutSeconds: Double = 60
  ) {
    self.clientTimeoutSeconds = clientTimeoutSeconds
    self.index = index
    self.settleMilliseconds = settleMilliseconds
    self.maxLatencyMilliseconds = maxLatencyMilliseconds
    self.maxBatch = maxBatch
    self.pollIntervalSeconds = pollIntervalSeconds
    self.hotCacheBytes = hotCacheBytes
  }

  /// Where the service keeps its files: beside the default database in `.indexer/`, or `<db>.sock` etc.
  public var socketPath: String { ServiceClient.socketPath(forDatabase: index.databasePath) }
  public var logPath: String { IndexLayout.path(of: .log, forDatabase: index.databasePath) }
}
