/// One row of `list_files`: a file the index knows, how it fared and how many definitions it has.
public struct FileSummary: Sendable, Hashable {
  public var path: String
  public var language: Language
  public var status: FileStatus
  public var symbols: Int

  public init(path: String, language: Language, status: FileStatus, symbols: Int) {
    self.path = path
    self.language = language
    self.status = status
    self.symbols = symbols
  }
}
