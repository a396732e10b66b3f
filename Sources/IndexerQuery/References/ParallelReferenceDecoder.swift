import Foundation
import IndexerModel
import IndexerStore
import Synchronization

/// Turns files' stored blobs into their occurrences of one name, on every core.
///
/// A common name (`task_struct`: 6,702 occurrences in 1,383 kernel files) spends its query decompressing
/// and walking reference blobs; files are claimed a few at a time by one worker per core, each with its own
/// zstd context kept for the whole query. `@unchecked Sendable`: worker `i` alone uses context `i`, and
/// `DispatchQueue.concurrentPerform` hands each index to exactly one thread.
final class ParallelReferenceDecoder: @unchecked Sendable {
  private let name: [UInt8]
  private let contexts: [Zstd.Decompressor]

  /// `first` is the caller's context (worker 0's); up to `workers - 1` more are made.
  init(name: [UInt8], workers: Int, first: Zstd.Decompressor) {
    self.name = name
    contexts = [first] + (1..<max(1, workers)).compactMap { _ in Zstd.Decompressor() }
  }

  /// Every occurrence in `files`, in their order. Each worker claims the next few files, reads their blobs
  /// through `read` (called by one thread at a time: it uses the one SQLite connection) and decodes them while
  /// the other workers read or decode theirs. The first damaged
  /// blob's error (in file order) is thrown.
  func matches(of files: [MentioningFile], read: (MentioningFile) throws(StoreError) -> StoredFileBlobs) throws(StoreError) -> [ReferenceMatch] {
    let workers = min(files.count, contexts.count)
    guard workers > 1 else {
      var found: [ReferenceMatch] = []
      for file in files { found += try matches(in: read(file), zstd: contexts[0]) }
      return found
    }
    let shared = Mutex((next: 0, results: [Result<[ReferenceMatch], StoreError>?](repeating: nil, count: files.count)))
    withoutActuallyEscaping(read) { read in
      decodeOnEveryCore(files, workers: workers, reader: SerializedReader(read), shared: shared)
    }
    var found: [ReferenceMatch] = []
    for result in shared.withLock({ $0.results }) { found += try result?.get() ?? [] }
    return found
  }

  private func decodeOnEveryCore(
    _ files: [MentioningFile], workers: Int, reader: SerializedReader,
    shared: borrowing Mutex<(next: Int, results: [Result<[ReferenceMatch], StoreError>?])>
  ) {
    let batch = Self.batchSize(files: files.count, workers: workers)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let zstd = contexts[worker]
      while true {
        let start = shared.withLock { state in
          defer { state.next += batch }
          return state.next
        }
        guard start < files.count else { return }
        let claimed = start..<min(start + batch, files.count)
        var results: [Result<[ReferenceMatch], StoreError>] = []
        results.reserveCapacity(claimed.count)
        do throws(StoreError) {
          for stored in try reader.read(files[claimed]) {
            do throws(StoreError) {
              results.append(.success(try matches(in: stored, zstd: zstd)))
            } catch {
              results.append(.failure(error))
            }
          }
        } catch {
          results = Array(repeating: .failure(error), count: claimed.count)
        }
        shared.withLock { state in
          for (i, result) in zip(claimed, results) { state.results[i] = result }
        }
      }
    }
  }

  /// Files are claimed a few at a time, and a claim's blobs read under one hold of the connection's lock:
  /// claimed one by one, the two workers of a 2-core machine waited on each other's reads (a `query refs`
  /// over 700 files made 1,100 futex calls), yet a claim must stay small enough to share the work evenly.
  static func batchSize(files: Int, workers: Int) -> Int {
    max(1, min(16, files / max(1, workers * 4)))
  }

  /// One file's occurrences: its reference blob says where, its outline which definition each one is (or
  /// which symbol holds it).
  private func matches(in stored: StoredFileBlobs, zstd: Zstd.Decompressor) throws(StoreError) -> [ReferenceMatch] {
    let file = stored.file
    guard let (positions, outline) = try stored.occurrences(of: name, zstd: zstd) else { return [] }
    var resolver = ReferenceResolver(outline: outline, name: name, positions: positions)
    return positions.map { position in
      let (definition, container, enclosing) = resolver.resolve(position)
      return ReferenceMatch(
        path: file.path, language: file.language, position: position, definition: definition, container: container,
        containerKind: enclosing?.kind, containerStart: enclosing?.range.start)
    }
  }
}

/// The caller's blob reader, called by one worker at a time (it runs statements on the one connection).
/// `@unchecked Sendable`: the lock is what makes sharing it sound.
private final class SerializedReader: @unchecked Sendable {
  private let lock = NSLock()
  private let body: (MentioningFile) throws(StoreError) -> StoredFileBlobs

  init(_ body: @escaping (MentioningFile) throws(StoreError) -> StoredFileBlobs) { self.body = body }

  func read(_ files: ArraySlice<MentioningFile>) throws(StoreError) -> [StoredFileBlobs] {
    lock.lock()
    defer { lock.unlock() }
    var stored: [StoredFileBlobs] = []
    stored.reserveCapacity(files.count)
    for file in files { stored.append(try body(file)) }
    return stored
  }
}
