/// Where cached records live: a folder, an HTTP server, a Redis server. Called from many extraction
/// threads at once.
public protocol CacheBackend: Sendable {
  /// The value stored under `key`, nil when there is none.
  func fetch(_ key: CacheKey) throws(CacheFailure) -> [UInt8]?
  func store(_ key: CacheKey, _ value: [UInt8]) throws(CacheFailure)
  /// Housekeeping at the end of a run (a folder cache trims itself to its size bound).
  func finishRun()
  /// How the cache is named in warnings and reports.
  var label: String { get }
}

extension CacheBackend {
  public func finishRun() {}
}
