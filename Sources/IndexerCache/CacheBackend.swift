/// Where cached records live: a folder, an HTTP server, a Redis server. Called from many extraction
/// threads at once.
public protocol CacheBackend: Sendable {
  /// The value stored under `key`, nil when there is none.
  func fetch(_ key: CacheKey) throws(CacheFailure) -> [UInt8]?
  /// The values of those keys that have one; what the pipeline asks once per batch.
  func fetchMany(_ keys: [CacheKey]) throws(CacheFailure) -> [CacheKey: [UInt8]]
  func store(_ key: CacheKey, _ value: [UInt8]) throws(CacheFailure)
  /// Housekeeping at the end of a run (a folder cache trims itself to its size bound).
  func finishRun()
  /// How the cache is named in warnings and reports.
  var label: String { get }
}

extension CacheBackend {
  public func finishRun() {}

  /// One key after another: right for a folder, where a lookup is a local file read.
  public func fetchMany(_ keys: [CacheKey]) throws(CacheFailure) -> [CacheKey: [UInt8]] {
    var values: [CacheKey: [UInt8]] = [:]
    for key in keys where values[key] == nil {
      if let value = try fetch(key) { values[key] = value }
    }
    return values
  }
}
