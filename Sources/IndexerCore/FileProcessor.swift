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

/// A file read and checked, waiting for its extraction result: from the cache, or from a reader.
struct PreparedFile: Sendable {
  var candidate: IndexPlan.Candidate
  var hash: UInt64
  var bytesRead: Int
  /// The bytes the reader gets (invalid UTF-8 replaced).
  var source: [UInt8]
  var status: FileStatus
  /// Set when a cache is in use: the bytes as read, with the walk's language.
  var key: CacheKey?
}

/// Reads, hashes and (when the content is new) extracts one file, in two steps so that a batch's cache
/// lookups can go out together between them. Pure but for the read: safe on any thread.
enum FileProcessor {
  enum Step: Sendable {
    case done(ProcessedFile)
    case extract(PreparedFile)
  }

  /// Reads and checks the file: done when its bytes are unchanged, too large, binary or unreadable.
  static func prepare(_ candidate: IndexPlan.Candidate, root: String, limits: IndexLimits, keyed: Bool) -> Step {
    let absolute = root + "/" + candidate.file.path
    let bytes: [UInt8]
    do {
      bytes = try FileReader.read(absolute, limit: Int(limits.maxFileSize) + 1, sizeHint: Int(candidate.file.stat.size))
    } catch {
      return .done(ProcessedFile(candidate: candidate, hash: 0, bytesRead: 0, outcome: .skipped(.unreadable, error.description)))
    }
    let hash = ContentHash.xxh64(bytes)
    if let stored = candidate.stored, stored.contentHash == hash, stored.status.survivesUnchangedStat {
      return .done(ProcessedFile(candidate: candidate, hash: hash, bytesRead: bytes.count, outcome: .sameContent))
    }
    if bytes.count > limits.maxFileSize {
      // It grew past the limit between the walk's stat and this read.
      return .done(
        ProcessedFile(
          candidate: candidate, hash: hash, bytesRead: bytes.count,
          outcome: .skipped(.tooLarge, "over --max-file-size \(limits.maxFileSize)")))
    }
    let isBinary = bytes.withUnsafeBytes { BinaryDetector.isBinary($0) }
    if isBinary {
      return .done(
        ProcessedFile(
          candidate: candidate, hash: hash, bytesRead: bytes.count,
          outcome: .skipped(.binary, "a NUL byte in the first 8 KiB: binary, not source")))
    }
    var source = bytes
    var status = FileStatus.indexed
    if !isValidUTF8(bytes) {
      source = Array(String(decoding: bytes, as: UTF8.self).utf8)
      status = .lossyUTF8
    }
    // Keyed by the bytes as read: a lossy file's replacement is a function of them.
    let key = keyed ? CacheKey(bytes: bytes, language: candidate.file.language) : nil
    return .extract(PreparedFile(candidate: candidate, hash: hash, bytesRead: bytes.count, source: source, status: status, key: key))
  }

  /// The cached record when `cachedValue` is a valid one, else the reader's result (stored in the cache
  /// when there is one). nil when `shouldStop` interrupted the extraction.
  static func finish(
    _ file: PreparedFile, cachedValue: [UInt8]?, extraction: Extraction, cache: ExtractionCache?, shouldStop: () -> Bool
  ) -> ProcessedFile? {
    if let cache, let (index, outline, references) = cache.accept(cachedValue) {
      return ProcessedFile(
        candidate: file.candidate, hash: file.hash, bytesRead: file.bytesRead,
        outcome: .parsed(index, outline, references, file.status), fromCache: true)
    }
    let outcome: ProcessedFile.Outcome
    switch extraction.extract(file.candidate.file.language, file.source, shouldStop: shouldStop) {
    case .extracted(let index, let outline, let references):
      if let cache, let key = file.key { cache.store(key, language: index.language, outline: outline, references: references) }
      outcome = .parsed(index, outline, references, file.status)
    case .crashed(let reason):
      outcome = .skipped(.extractorCrash, reason)
    case .cancelled:
      return nil
    case .timedOut(let seconds):
      outcome = .skipped(.extractorTimeout, "extraction ran past its \(seconds) s budget and was stopped")
    }
    return ProcessedFile(candidate: file.candidate, hash: file.hash, bytesRead: file.bytesRead, outcome: outcome)
  }

  private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    // Fast path: pure ASCII needs no validation.
    if !bytes.contains(where: { $0 >= 0x80 }) { return true }
    return String(validating: bytes, as: UTF8.self) != nil
  }
}
