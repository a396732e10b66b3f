import ArgumentParser
import IndexerCore

#if canImport(Glibc)
  import Glibc
#endif

/// Which index a reading command uses: `--db`, or the nearest `.indexer/` at or above `--root` or here.
struct DatabaseLocation {
  var database: String?
  var root: String?

  /// The root, found like git finds its repository: the nearest ancestor holding `.indexer/index.sqlite`.
  func resolvedRoot() -> String {
    if let root { return root }
    let cwd = Self.currentDirectory()
    var dir = cwd
    while true {
      if access(IndexOptions.defaultDatabasePath(root: dir), F_OK) == 0 { return dir }
      guard let slash = dir.lastIndex(of: "/"), dir != "/" else { return cwd }
      dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
    }
  }

  func resolvedDatabase() -> String {
    database ?? IndexOptions.defaultDatabasePath(root: resolvedRoot())
  }

  static func currentDirectory() -> String {
    guard let cwd = getcwd(nil, 0) else { return "." }
    defer { free(cwd) }
    return String(cString: cwd)
  }
}

/// `--db` and `--root` for the commands that read an existing index.
struct DatabaseOptions: ParsableArguments {
  @Option(name: .customLong("db"), help: ArgumentHelp("The index database (default: <root>/.indexer/index.sqlite).", valueName: "file"))
  var database: String?

  @Option(help: ArgumentHelp(
    "The workspace root (default: the nearest folder at or above the current one that has .indexer/).",
    valueName: "path"))
  var root: String?

  var location: DatabaseLocation { DatabaseLocation(database: database, root: root) }

  /// The location with the workspace given as a positional PATH (`stats PATH`, `export PATH`) or `--root`, as
  /// `index`, `check` and `watch` take it; both at once must agree.
  func location(path: String?) throws -> DatabaseLocation {
    guard let path else { return location }
    if let root, root != path { throw UsageError(userMessage: "give the workspace as PATH or --root, not both") }
    return DatabaseLocation(database: database, root: path)
  }
}

/// `--json` for every command that prints results.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print JSON (one object per line for queries) instead of text.")
  var json = false
}
