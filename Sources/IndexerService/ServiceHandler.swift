#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import IndexerModel
import IndexerQuery
import IndexerStore
import Synchronization

/// Answers socket requests. Shared by every client thread; each thread has its own read connection.
final class ServiceHandler: Sendable {
  let root: String
  let databasePath: String
  let hotLayer: CachedQueries
  let statistics: ServiceStatistics
  /// The generation of the last commit: hot-layer keys include it, so answers never outlive a batch.
  let generation = Atomic<Int64>(0)
  private let waiters = Mutex<[String: SyncWaiter]>([:])
  private let cookieCounter = Atomic<Int>(0)
  static let cookiePrefix = ".indexer-cookie-"

  init(root: String, databasePath: String, hotCacheBytes: Int, statistics: ServiceStatistics) {
    self.root = root
    self.databasePath = databasePath
    self.hotLayer = CachedQueries(limitBytes: hotCacheBytes)
    self.statistics = statistics
  }

  /// Serves one client until it hangs up; a bad or oversized request gets an error reply, never a crash.
  func serve(_ client: UnixSocket) {
    var buffer: [UInt8] = []
    var engine: QueryEngine?
    while true {
      let line: String?
      do {
        line = try client.readLine(limit: WireCoding.requestLimit, buffer: &buffer)
      } catch {
        let reason = error.code == EAGAIN || error.code == EWOULDBLOCK ? "no request in time; closing" : "request too long or unreadable: \(error)"
        try? client.send(WireCoding.line(WireReply.failure(reason)))
        return
      }
      guard let line else { return }
      if line.isEmpty { continue }
      let reply: WireReply
      switch WireCoding.decode(WireRequest.self, from: line) {
      case .success(let request): reply = answer(request, engine: &engine)
      case .failure(let failure):
        reply = .failure("malformed request (\(failure.message)): expected one JSON object with an \"op\" per line")
      }
      do { try client.send(WireCoding.line(reply)) } catch { return }
    }
  }

  private func answer(_ request: WireRequest, engine: inout QueryEngine?) -> WireReply {
    do {
      switch request {
      case .ping:
        return .success
      case .sync:
        return try sync()
      case .symbol(let query):
        let engine = try engineFor(&engine)
        // What is pending is asked first: a path it does not list is in the answer.
        let pending = statistics.pending()
        let readAt = generation.load(ordering: .acquiring)
        let matches = try hotLayer.symbols(query, generation: readAt, engine: engine)
        var reply = WireReply(ok: true, symbols: matches.map(SymbolRecord.init), pending: pending)
        reply.generation = readAt
        return reply
      case .file(let path):
        let engine = try engineFor(&engine)
        let outline = try hotLayer.outline(path: path, generation: generation.load(ordering: .acquiring), engine: engine)
        return WireReply(ok: true, outline: outline.map { FileOutlineRecord($0, path: path) })
      case .pending:
        return WireReply(ok: true, pending: statistics.pending())
      case .stats:
        let c = hotLayer.counters
        let hot = ServiceReport.HotLayerReport(
          hits: c.hits, misses: c.misses, evictions: c.evictions, bytes: c.bytes, entries: c.entries, limit: c.limit)
        return WireReply(ok: true, service: statistics.report(hotLayer: hot))
      }
    } catch let error as StoreError {
      return .failure(error.description)
    } catch {
      return .failure("\(error)")
    }
  }

  private func engineFor(_ engine: inout QueryEngine?) throws(StoreError) -> QueryEngine {
    if let engine { return engine }
    let opened = try QueryEngine(databasePath: databasePath)
    engine = opened
    return opened
  }

  /// Creates a cookie file in the root and waits until the batch that saw it has committed: every change
  /// made before the request is then in the index (Watchman's cookies).
  private func sync() throws -> WireReply {
    let name = Self.cookiePrefix + "\(getpid())-\(cookieCounter.add(1, ordering: .relaxed).newValue)"
    let waiter = SyncWaiter()
    waiters.withLock { $0[name] = waiter }
    defer { waiters.withLock { $0[name] = nil } }
    let fd = open(root + "/" + name, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      return .failure("cannot create a sync cookie in \(root): \(String(cString: strerror(errno)))")
    }
    close(fd)
    guard waiter.semaphore.wait(timeout: .now() + 30) == .success else {
      unlink(root + "/" + name)
      return .failure("the watcher did not confirm the sync within 30 s")
    }
    if let failure = waiter.failure.withLock({ $0 }) { return .failure(failure) }
    return .success
  }

  /// Called by the loop after a batch with these cookies committed.
  func cookiesCommitted(_ names: [String]) {
    for name in names {
      unlink(root + "/" + name)
      waiters.withLock { $0[name] }?.semaphore.signal()
    }
  }

  /// Called when the batch that carried these cookies could not commit, even as a rescan: the clients
  /// get an error, never a success that would vouch for stale answers.
  func cookiesFailed(_ names: [String], reason: String) {
    for name in names {
      unlink(root + "/" + name)
      guard let waiter = waiters.withLock({ $0[name] }) else { continue }
      waiter.failure.withLock { $0 = reason }
      waiter.semaphore.signal()
    }
  }
}

/// One `--sync` client waiting for its cookie's batch: signalled when it committed, with `failure` set when it could not.
private final class SyncWaiter: Sendable {
  let semaphore = DispatchSemaphore(value: 0)
  let failure = Mutex<String?>(nil)
}
