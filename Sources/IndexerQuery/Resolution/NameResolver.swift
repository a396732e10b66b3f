import IndexerModel
import IndexerStore

/// Resolves a use of a name to its definition by the rules of the language of the file it is in, over
/// what the readers recorded; what the rules cannot reach is left to the name search (`nil` here).
///
/// One per question, or one per export (`SCIPExporter`): it keeps the files it read, at most
/// `ResolutionFiles.maximumCachedFiles` at a time.
public final class NameResolver {
  private let files: ResolutionFiles
  private lazy var python = PythonResolver(files: files)
  private lazy var swift = SwiftResolver(files: files)
  private lazy var script = JavaScriptResolver(files: files)
  private lazy var go = GoResolver(files: files)
  private lazy var c = CResolver(files: files)
  private lazy var java = JavaResolver(files: files)
  private lazy var rust = RustResolver(files: files)

  public init(source: any ResolutionSource) {
    files = ResolutionFiles(source: source)
  }

  /// Whether resolution has rules for the language of `path`; without, the front ends go straight to the
  /// name search and read nothing more than before.
  public static func resolves(_ path: String) -> Bool {
    switch Language(fileName: path) {
    case .python?, .swift?, .javascript?, .typescript?, .go?, .c?, .cpp?, .java?, .rust?: true
    default: false
    }
  }

  /// The definition of the use of `name` at `position` in `path`; nil when the rules reach none.
  public func resolve(name: String, path: String, at position: SourcePosition) throws(StoreError) -> ResolvedDefinition? {
    switch Language(fileName: path) {
    case .python?: try python.resolve(name: name, path: path, at: position)
    case .swift?: try swift.resolve(name: name, path: path, at: position)
    case .javascript?, .typescript?: try script.resolve(name: name, path: path, at: position)
    case .go?: try go.resolve(name: name, path: path, at: position)
    case .c?, .cpp?: try c.resolve(name: name, path: path, at: position)
    case .java?: try java.resolve(name: name, path: path, at: position)
    case .rust?: try rust.resolve(name: name, path: path, at: position)
    default: nil
    }
  }

  /// A file as resolution read it (outline and scopes), decoded once for the resolver and its caller.
  func file(_ path: String) throws(StoreError) -> FileIndex? {
    try files.file(path)
  }

  /// A guess by name for a member whose receiver could not be typed (Python's `self.x = …` attributes).
  func attribute(named name: String, in path: String) throws(StoreError) -> ResolvedDefinition? {
    Language(fileName: path) == .python ? try python.attribute(named: name, in: path) : nil
  }

  /// Whether the name at `position` is a member whose receiver the rules cannot type: its definition is
  /// unknown, not another one.
  func isUntypedMember(path: String, at position: SourcePosition) throws(StoreError) -> Bool {
    switch Language(fileName: path) {
    case .python?: try python.isUntypedMember(path: path, at: position)
    case .swift?: try swift.isUntypedMember(path: path, at: position)
    case .javascript?, .typescript?: try script.isUntypedMember(path: path, at: position)
    case .go?: try go.isUntypedMember(path: path, at: position)
    case .c?, .cpp?: try c.isUntypedMember(path: path, at: position)
    case .java?: try java.isUntypedMember(path: path, at: position)
    case .rust?: try rust.isUntypedMember(path: path, at: position)
    default: false
    }
  }
}
