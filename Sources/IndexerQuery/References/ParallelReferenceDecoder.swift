import Foundation
import IndexerModel
import IndexerStore
import Synchronization

/// Turns files' stored blobs into their occurrences of one name, on every core.
///
/// A common name (`task_struct`: 6,702 occurrences in 1,383 kernel files) spends its query decompressing
/// and walking reference blobs; files are claimed one by one by one worker per core, each with its own
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

  /// Every occurrence in `files`, in their order. Each worker claims the next file, reads its blobs through
  /// `read` (called by one thread at a time: it uses the one SQLite connection) and decodes them while the
  /// other workers read or decode theirs, so no core waits for a batch to be read. The first damaged
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
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let zstd = contexts[worker]
      while true {
        let i = shared.withLock { state in
          defer { state.next += 1 }
          return state.next
        }
        guard i < files.count else { return }
        let result: Result<[ReferenceMatch], StoreError>
        do throws(StoreError) {
          let stored = try reader.read(files[i])
          result = .success(try matches(in: stored, zstd: zstd))
        } catch {
          result = .failure(error)
        }
        shared.withLock { $0.results[i] = result }
      }
    }
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

  func read(_ file: MentioningFile) throws(StoreError) -> StoredFileBlobs {
    lock.lock()
    defer { lock.unlock() }
    return try body(file)
  }
}
