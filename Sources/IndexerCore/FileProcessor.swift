import IndexerCache
import IndexerModel
import IndexerStore
import IndexerWorkspace

/// What reading one candidate file came to.
struct ProcessedFile: Sendable {
  enum Outcome: Sendable {
    /// Bytes equal the stored ones: only the stat is refreshed.
    case sameContent
    /// New file whose bytes equal those of a file that disappeared: a rename.
    case parsed(FileIndex, EncodedOutline, EncodedReferences, FileStatus)
    case skipped(FileStatus, String)
  }

  var candidate: IndexPlan.Candidate
  var hash: UInt64
  var bytesRead: Int
  var outcome: Outcome
  /// The extraction result came from the cache, not from a reader.
  var fromCache = false
}

/// Reads, hashes and (when the content is new) extracts one file. Pure but for the read: safe on any thread.
enum FileProcessor {
  /// nil when `shouldStop` interrupted the extraction.
  static func process(
    _ candidate: IndexPlan.Candidate, root: String, limits: IndexLimits, extraction: Extraction, cache: ExtractionCache? = nil,
    shouldStop: () -> Bool
  ) -> ProcessedFile? {
    let absolute = root + "/" + candidate.file.path
    let bytes: [UInt8]
    do {
      bytes = try FileReader.read(absolute, limit: Int(limits.maxFileSize) + 1, sizeHint: Int(candidate.file.stat.size))
    } catch {
      return ProcessedFile(candidate: candidate, hash: 0, bytesRead: 0, outcome: .skipped(.unreadable, error.description))
    }
    let hash = ContentHash.xxh64(bytes)
    if let stored = candidate.stored, stored.contentHash == hash, stored.status.survivesUnchangedStat {
      return ProcessedFile(candidate: candidate, hash: hash, bytesRead: bytes.count, outcome: .sameContent)
    }
    if bytes.count > limits.maxFileSize {
      // It grew past the limit between the walk's stat and this read.
      return ProcessedFile(
        candidate: candidate, hash: hash, bytesRead: bytes.count,
        outcome: .skipped(.tooLarge, "over --max-file-size \(limits.maxFileSize)"))
    }
    let isBinary = bytes.withUnsafeBytes { BinaryDetector.isBinary($0) }
    if isBinary {
      return ProcessedFile(
        candidate: candidate, hash: hash, bytesRead: bytes.count,
        outcome: .skipped(.binary, "a NUL byte in the first 8 KiB: binary, not source"))
    }
    var source = bytes
    var status = FileStatus.indexed
    if !isValidUTF8(bytes) {
      source = Array(String(decoding: bytes, as: UTF8.self).utf8)
      status = .lossyUTF8
    }
    // Keyed by the bytes as read: a lossy file's replacement is a function of them.
    let key = cache.map { _ in CacheKey(bytes: bytes, language: candidate.file.language) }
    if let cache, let key, let (index, outline, references) = cache.fetch(key) {
      return ProcessedFile(
        candidate: candidate, hash: hash, bytesRead: bytes.count, outcome: .parsed(index, outline, references, status), fromCache: true)
    }
    let outcome: ProcessedFile.Outcome
    switch extraction.extract(candidate.file.language, source, shouldStop: shouldStop) {
    case .extracted(let index, let outline, let references):
      if let cache, let key { cache.store(key, language: index.language, outline: outline, references: references) }
      outcome = .parsed(index, outline, references, status)
    case .crashed(let reason):
      outcome = .skipped(.extractorCrash, reason)
    case .cancelled:
      return nil
    case .timedOut(let seconds):
      outcome = .skipped(.extractorTimeout, "extraction ran past its \(seconds) s budget and was stopped")
    }
    return ProcessedFile(candidate: candidate, hash: hash, bytesRead: bytes.count, outcome: outcome)
  }

  private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    // Fast path: pure ASCII needs no validation.
    if !bytes.contains(where: { $0 >= 0x80 }) { return true }
    return String(validating: bytes, as: UTF8.self) != nil
  }
}
