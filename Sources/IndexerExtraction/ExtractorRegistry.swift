import IndexerModel

/// The one place that says which extractor reads which language; adding a language is one line here.
public enum ExtractorRegistry {
  /// One file's outline, references and scopes, read by its language's extractor (what a worker runs, and
  /// what an in-process pipeline is handed).
  @Sendable public static func extract(_ language: Language, _ bytes: [UInt8]) -> FileIndex {
    extractor(for: language).extract(bytes)
  }

  public static func extractor(for language: Language) -> any Extractor {
    switch language {
    case .swift: SwiftExtractor()
    case .python: PythonExtractor()
    case .go: GoExtractor()
    case .java: JavaExtractor()
    case .rust: RustExtractor()
    case .javascript: JavaScriptExtractor(language: .javascript)
    case .typescript: JavaScriptExtractor(language: .typescript)
    case .c: CExtractor(language: .c)
    case .cpp: CExtractor(language: .cpp)
    }
  }
}
