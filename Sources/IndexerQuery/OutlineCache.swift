import IndexerModel

/// The outlines asked for last, kept for one index generation: an editor asks for the same file's outline
/// again and again (documentSymbol on every focus and after every save, breadcrumbs), and decoding a large
/// header's 18,000 definitions was a fifth of such a request.
struct OutlineCache {
  /// Definitions kept at most, over every file (a few hundred bytes each with their strings: ~10 MB).
  static let maximumSymbols = 50_000

  private var kept = GenerationCache<FileIndex>(maximumWeight: maximumSymbols) { $0.symbols.count }

  /// The outline of `path` as read at `generation`, if kept.
  func outline(of path: String, generation: Int64) -> FileIndex? {
    kept.value(for: path, generation: generation)
  }

  mutating func keep(_ outline: FileIndex, of path: String, generation: Int64) {
    kept.keep(outline, for: path, generation: generation)
  }
}
