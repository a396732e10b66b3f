import IndexerModel
import IndexerStore
import Synchronization

/// The cache as a run uses it: look up a file's record before extracting it, store it after. Counts what
/// happened; on the first failure (a server down, slow, refusing) it warns once through the run's report
/// and stops asking for the rest of the run, so a cache can make a run faster but never fail it.
public final class ExtractionCache: Sendable {
  public let backend: any CacheBackend
  private let counters = Mutex(CacheCounters())
  private let down = Atomic<Bool>(false)

  public init(backend: any CacheBackend) {
    self.backend = backend
  }

  /// `--cache` as given: `http://…`, `redis://…`, or a folder (created if missing).
  public static func open(_ location: String, folderLimitBytes: Int64, timeoutSeconds: Double = 2) throws(CacheFailure) -> ExtractionCache {
    let backend: any CacheBackend
    if location.hasPrefix("http://") || location.hasPrefix("https://") {
      backend = try HTTPCache(url: location, timeoutSeconds: timeoutSeconds)
    } else if location.hasPrefix("redis://") {
      backend = try RedisCache(url: location, timeoutSeconds: timeoutSeconds)
    } else if location.contains("://") {
      throw CacheFailure("\(location): unknown cache scheme — use a folder, http://host:port/path or redis://host:port/db")
    } else {
      backend = try FolderCache(path: location, limitBytes: folderLimitBytes)
    }
    return ExtractionCache(backend: backend)
  }

  /// The stored values of the keys that have one (all at once: one round trip per group on Redis, several
  /// requests in flight over HTTP); empty when the cache is down. Absent keys count as misses here.
  public func fetchMany(_ keys: [CacheKey]) -> [CacheKey: [UInt8]] {
    guard !keys.isEmpty, !down.load(ordering: .relaxed) else { return [:] }
    let unique = Array(Set(keys))
    do {
      let values = try backend.fetchMany(unique)
      let absent = keys.count { values[$0] == nil }
      counters.withLock { $0.misses += absent }
      return values
    } catch {
      fail(error)
      return [:]
    }
  }

  /// The record in a fetched value, counted as a hit; a value that is not a valid record counts as an
  /// invalid miss and gives nil, as does no value (already counted by `fetchMany`).
  public func accept(_ value: [UInt8]?) -> (FileIndex, EncodedOutline, EncodedReferences)? {
    guard let value else { return nil }
    guard let record = CacheRecord.decode(value) else {
      counters.withLock {
        $0.misses += 1
        $0.invalid += 1
      }
      return nil
    }
    counters.withLock {
      $0.hits += 1
      $0.bytesFetched += Int64(value.count)
    }
    return record
  }

  /// One lookup (`fetchMany` and `accept` for a single key).
  public func fetch(_ key: CacheKey) -> (FileIndex, EncodedOutline, EncodedReferences)? {
    accept(fetchMany([key])[key])
  }

  public func store(_ key: CacheKey, language: Language, outline: EncodedOutline, references: EncodedReferences) {
    guard !down.load(ordering: .relaxed) else { return }
    let value = CacheRecord.encode(language: language, outline: outline, references: references)
    do {
      try backend.store(key, value)
      counters.withLock { $0.bytesStored += Int64(value.count) }
    } catch {
      fail(error)
    }
  }

  private func fail(_ failure: CacheFailure) {
    guard !down.exchange(true, ordering: .relaxed) else { return }
    counters.withLock { $0.failure = "the cache \(backend.label) stopped answering (\(failure.description)); the rest of the run extracted locally" }
  }

  /// What happened since the last call, and the cache answering again for the next run (the watcher's
  /// next batch tries it again); a folder cache trims itself here.
  public func takeCounters() -> CacheCounters {
    backend.finishRun()
    down.store(false, ordering: .relaxed)
    return counters.withLock { taken in
      defer { taken = CacheCounters() }
      return taken
    }
  }
}

/// One run's (or batch's) use of the cache.
public struct CacheCounters: Sendable, Equatable {
  public var hits = 0
  public var misses = 0
  /// Values found under a key that were not a valid record of this version (counted as misses too).
  public var invalid = 0
  public var bytesFetched: Int64 = 0
  public var bytesStored: Int64 = 0
  /// The warning, when the cache failed during the run.
  public var failure: String?

  public init() {}

  public var isEmpty: Bool { hits == 0 && misses == 0 && bytesStored == 0 && failure == nil }

  /// The `meta` counters `indexer stats` adds up over every run.
  public var metaIncrements: [String: Int64] {
    [
      "cache_hits": Int64(hits), "cache_misses": Int64(misses), "cache_invalid": Int64(invalid),
      "cache_bytes_fetched": bytesFetched, "cache_bytes_stored": bytesStored, "cache_failures": failure == nil ? 0 : 1,
    ]
  }
}
