import IndexerModel

/// Turns one file's bytes into its definitions and outline. One conforming type per language.
///
/// Extractors are pure: no I/O, no shared state, so the pipeline runs them on every core at once.
/// The bytes are valid UTF-8 (the pipeline decodes invalid input lossily before calling).
public protocol Extractor: Sendable {
  var language: Language { get }
  func extract(_ source: UnsafeBufferPointer<UInt8>) -> FileIndex
}

extension Extractor {
  public func extract(_ source: [UInt8]) -> FileIndex {
    source.withUnsafeBufferPointer { extract($0) }
  }

  public func extract(_ source: String) -> FileIndex {
    extract(Array(source.utf8))
  }
}
