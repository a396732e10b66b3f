import Foundation
import IndexerModel
import Synchronization

/// Turns a batch of files' stored blobs into their occurrences of one name, on every core.
///
/// A common name (`task_struct`: 6,702 occurrences in 1,383 kernel files) spends its query decompressing
/// and walking reference blobs; a batch is claimed file by file by one worker per core, each with its own
/// zstd context kept for the whole query. `@unchecked Sendable`: worker `i` alone uses context `i`, and
/// `DispatchQueue.concurrentPerform` hands each index to exactly one thread.
final class ReferenceBatchDecoder: @unchecked Sendable {
  private let name: [UInt8]
  private let contexts: [Zstd.Decompressor]

  /// `first` is the caller's context (worker 0's); up to `workers - 1` more are made.
  init(name: [UInt8], workers: Int, first: Zstd.Decompressor) {
    self.name = name
    contexts = [first] + (1..<max(1, workers)).compactMap { _ in Zstd.Decompressor() }
  }

  /// Each file's occurrences, in the batch's order; the first damaged blob's error, if any.
  func matches(in batch: [StoredFileBlobs]) throws(StoreError) -> [[ReferenceMatch]] {
    let workers = min(batch.count, contexts.count)
    guard workers > 1 else {
      return try batch.map { stored throws(StoreError) in try matches(in: stored, zstd: contexts[0]) }
    }
    // Claimed one at a time: blobs differ in size by orders of magnitude, and a fixed split left one core
    // waiting for the other.
    let shared = Mutex((next: 0, results: [Result<[ReferenceMatch], StoreError>?](repeating: nil, count: batch.count)))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let zstd = contexts[worker]
      while true {
        let i = shared.withLock { state in
          defer { state.next += 1 }
          return state.next
        }
        guard i < batch.count else { return }
        let result: Result<[ReferenceMatch], StoreError>
        do throws(StoreError) { result = .success(try matches(in: batch[i], zstd: zstd)) } catch { result = .failure(error) }
        shared.withLock { $0.results[i] = result }
      }
    }
    return try shared.withLock { $0.results }.map { result throws(StoreError) in try result?.get() ?? [] }
  }

  /// One file's occurrences: its reference blob says where, its outline which definition each one is (or
  /// which symbol holds it).
  private func matches(in stored: StoredFileBlobs, zstd: Zstd.Decompressor) throws(StoreError) -> [ReferenceMatch] {
    let file = stored.file
    guard let raw = zstd.decompress(stored.refs) else { throw .corruptBlob(path: file.path) }
    let found: [SourcePosition]?
    do { found = try ReferenceCodec.positions(of: name, in: raw) } catch { throw .corruptBlob(path: file.path) }
    guard let positions = found, !positions.isEmpty else { return [] }  // only the hash matched
    let rawOutline = stored.outline.isEmpty ? [OutlineCodec.version, 0] : zstd.decompress(stored.outline)
    guard let rawOutline, let outline = try? OutlineSkeleton(rawOutline, language: file.language) else {
      throw .corruptBlob(path: file.path)
    }
    var resolver = ReferenceResolver(outline: outline, name: name, positions: positions)
    return positions.map { position in
      let (definition, container) = resolver.resolve(position)
      return ReferenceMatch(path: file.path, language: file.language, position: position, definition: definition, container: container)
    }
  }
}

/// A file's stored blobs, read on the connection's thread and decoded on any.
struct StoredFileBlobs: Sendable {
  var file: MentioningFile
  var refs: [UInt8]
  var outline: [UInt8]
}
