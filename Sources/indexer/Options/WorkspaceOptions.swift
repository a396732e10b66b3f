import ArgumentParser
import IndexerCache
import IndexerCore
import IndexerModel
import IndexerWorkspace

#if canImport(Glibc)
  import Glibc
#endif

/// The workspace, its database, ignore flags and limits: shared by `index` and `watch`.
struct WorkspaceOptions: ParsableArguments {
  @Argument(help: ArgumentHelp("The workspace folder.", valueName: "path"))
  var path: String = "."

  @Option(name: .customLong("db"), help: ArgumentHelp("Keep the index here instead of PATH/.indexer/index.sqlite.", valueName: "file"))
  var database: String?

  @Option(name: .customLong("root"), help: ArgumentHelp("The workspace folder, instead of PATH (as query, stats and export take it).", valueName: "path"))
  var root: String?

  @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out paths matching this gitignore-style glob (repeatable).", valueName: "glob"))
  var excludes: [String] = []

  @Option(help: ArgumentHelp("Skip files larger than this (e.g. 1M, 512K).", valueName: "size"))
  var maxFileSize = ByteCount(bytes: IndexLimits.default.maxFileSize)

  @Option(help: ArgumentHelp("Index at most this many files, in path order.", valueName: "n"))
  var maxFiles = IndexLimits.default.maxFiles

  @Option(help: ArgumentHelp("Index at most this many bytes of source in all, in path order (e.g. 2G).", valueName: "size"))
  var maxTotalSize = ByteCount(bytes: IndexLimits.default.maxTotalSize)

  @Option(
    help: ArgumentHelp(
      "Stop extracting a file after this many seconds and quarantine it (status extractor-timeout).", valueName: "seconds"))
  var extractTimeout = 5.0

  @Option(
    help: ArgumentHelp(
      "Look up each file's extraction result here before reading it, and store it after: a folder, http://host:port/path (GET/PUT) or redis://host:port/db.",
      valueName: "where"))
  var cache: String?

  @Option(help: ArgumentHelp("Bound a folder --cache to this size, dropping the least recently used entries (e.g. 2G).", valueName: "size"))
  var cacheSize = ByteCount(bytes: 2 << 30)

  func validate() throws {
    if let root, path != ".", root != path { throw ValidationError("give the workspace as PATH or --root, not both") }
    guard maxFiles >= 0 else { throw ValidationError("--max-files must be zero or more") }
    guard extractTimeout > 0, extractTimeout <= 86_400 else {
      throw ValidationError("--extract-timeout must be more than 0 and at most 86400 seconds")
    }
  }

  /// The parsed values, for the code that runs with them (also reached without ArgumentParser).
  var settings: WorkspaceSettings {
    WorkspaceSettings(
      path: root ?? path, database: database, excludes: excludes, maxFileSize: maxFileSize.bytes, maxFiles: maxFiles,
      maxTotalSize: maxTotalSize.bytes, extractTimeout: extractTimeout, cache: cache, cacheSize: cacheSize.bytes)
  }

  func indexOptions() throws -> IndexOptions { try settings.indexOptions() }
}

/// What `WorkspaceOptions` parses, as plain values; the defaults are the options' defaults.
struct WorkspaceSettings {
  var path = "."
  var database: String?
  var excludes: [String] = []
  var maxFileSize = IndexLimits.default.maxFileSize
  var maxFiles = IndexLimits.default.maxFiles
  var maxTotalSize = IndexLimits.default.maxTotalSize
  var extractTimeout = 5.0
  var cache: String?
  var cacheSize: Int64 = 2 << 30
  var shard: Shard?

  /// `.indexer/` keeps itself out of `git status`, as pytest's and mypy's caches do: a `.gitignore` holding
  /// `*`, written once when missing (one the user wrote is left alone; a read-only folder is no error).
  static func ignoreFromGit(_ folder: String) {
    let fd = open(folder + "/.gitignore", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return }
    defer { close(fd) }
    let text = "# Written by indexer: the index is built, not versioned.\n*\n"
    _ = text.withCString { write(fd, $0, strlen($0)) }
  }

  /// Checks the folder, creates `.indexer/` when the default database is used, and builds the options.
  func indexOptions() throws -> IndexOptions {
    try WorkspaceScanner.validateRoot(path)
    let root = IndexerCommand.Index.absolute(path)
    let databasePath: String
    if let database {
      databasePath = database
    } else {
      databasePath = IndexOptions.defaultDatabasePath(root: root)
      let folder = root + "/" + IndexLayout.directoryName
      if mkdir(folder, 0o755) != 0 && errno != EEXIST {
        throw UsageError(
          userMessage: "cannot create \(folder): \(Errno.describe(errno)) — pass --db with a writable location")
      }
      Self.ignoreFromGit(folder)
    }
    var options = IndexOptions(
      root: root, databasePath: databasePath,
      limits: IndexLimits(maxFileSize: maxFileSize, maxFiles: maxFiles, maxTotalSize: maxTotalSize),
      walk: WalkOptions(excludes: excludes),
      isolation: try ExtractionWorker.isolation(timeoutSeconds: extractTimeout))
    options.shard = shard
    if let cache {
      do {
        options.cache = try ExtractionCache.open(cache, folderLimitBytes: cacheSize)
      } catch {
        throw UsageError(userMessage: "--cache \(cache): \(error.description)")
      }
    }
    return options
  }
}
