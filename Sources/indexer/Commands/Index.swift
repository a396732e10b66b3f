import ArgumentParser
import IndexerCore
import IndexerModel
import IndexerQuery
import IndexerService
import IndexerWorkspace

#if canImport(Glibc)
  import Glibc
#endif

extension IndexerCommand {
  /// `indexer index [PATH]`: build or refresh the index, reading only what changed.
  struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "index",
      abstract: "Build or refresh the index of a workspace.",
      discussion: """
        Files whose size, mtime and inode match the index are not read. Files whose stat changed are
        read and hashed, and parsed only when their content differs, so an index copied from another
        machine (CI) warm-starts. The index lives in PATH/.indexer/index.sqlite unless --db says otherwise.
        """
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Option(
      help: ArgumentHelp(
        "Index only part K of N of the tree (files by path hash, the same on every machine); `indexer merge` joins the parts.",
        valueName: "K/N"))
    var shard: String?

    @Flag(name: .shortAndLong, help: "No progress bar and no summary line.")
    var quiet = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
      if let shard, Shard(parsing: shard) == nil {
        throw ValidationError("--shard '\(shard)' is not K/N with 1 ≤ K ≤ N ≤ \(Shard.maxCount) (for example --shard 3/8)")
      }
    }

    func run() throws {
      var settings = workspace.settings
      settings.shard = shard.flatMap { Shard(parsing: $0) }
      try IndexRun(workspace: settings, quiet: quiet, json: output.json).run()
    }
  }
}

/// One `indexer index` with its options parsed, by ArgumentParser (`Index`) or by `FastPath`.
struct IndexRun {
  var workspace = WorkspaceSettings()
  var quiet = false
  var json = false

  func run() throws {
    let options = try workspace.indexOptions()
    let databasePath = options.databasePath
    let bar = ProgressBar(enabled: !quiet && !json && FileHandleOutput.isTerminal)
    let pipeline = IndexPipeline(options: options)
    defer { pipeline.shutdown() }
    let report = try pipeline.run { bar.update($0) }
    bar.finish()

    for warning in report.warnings {
      FileHandleOutput.standardError("indexer: warning: \(warning)\n")
    }
    for note in report.notes {
      FileHandleOutput.standardError("indexer: note: \(note.path): \(note.message)\n")
    }
    let leftOut = report.skipped.filter { $0.value > 0 }.sorted { $0.key.rawValue < $1.key.rawValue }
    if !leftOut.isEmpty {
      let total = leftOut.reduce(0) { $0 + $1.value }
      let parts = leftOut.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
      FileHandleOutput.standardError(
        "indexer: warning: \(total) file\(total == 1 ? "" : "s") left out (\(parts)) — `indexer stats` lists them\n")
    }
    if json {
      print(IndexerCommand.Index.json(report))
    } else if !quiet {
      print(
        "indexed \(report.files) files: \(report.parsed) parsed, \(report.hashed) hashed, \(report.unchanged) unchanged, "
          + "\(report.removed) removed; \(report.symbols) symbols in \(IndexerCommand.Index.seconds(report.seconds)) s → \(databasePath)")
      if let cache = report.cache, !cache.isEmpty {
        print(
          "cache: \(cache.hits) hits, \(cache.misses) misses\(cache.invalid > 0 ? " (\(cache.invalid) invalid values)" : ""), "
            + "\(cache.bytesFetched) bytes fetched, \(cache.bytesStored) stored")
      }
      if let shard = report.shard {
        print(
          "shard \(shard): \(report.otherShardsFiles) files of the tree belong to the other shards; "
            + "limits counted the whole tree, so each shard keeps what one full run keeps")
      }
    }
  }
}

extension IndexerCommand.Index {
  static func json(_ report: IndexReport) -> String {
    var skipped = JSONObject()
    for (status, count) in report.skipped.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where count > 0 {
      skipped.add(status.rawValue, count)
    }
    var o = JSONObject()
    o.add("files", report.files)
    o.add("parsed", report.parsed)
    o.add("fromCache", report.fromCache)
    o.add("hashed", report.hashed)
    o.add("unchanged", report.unchanged)
    o.add("removed", report.removed)
    o.add("renamed", report.renamed)
    o.add("skipped", raw: skipped.text)
    o.add("symbols", report.symbols)
    o.add("bytesRead", report.bytesRead)
    o.add("generation", report.generation)
    o.add("seconds", report.seconds)
    var phases = JSONObject()
    phases.add("walk", report.phases.walk)
    phases.add("plan", report.phases.plan)
    phases.add("extract", report.phases.extract)
    phases.add("commit", report.phases.commit)
    phases.add("finish", report.phases.finish)
    o.add("phases", raw: phases.text)
    if let cache = report.cache {
      var c = JSONObject()
      c.add("hits", cache.hits)
      c.add("misses", cache.misses)
      c.add("invalid", cache.invalid)
      c.add("bytesFetched", Int(cache.bytesFetched))
      c.add("bytesStored", Int(cache.bytesStored))
      c.add("failure", cache.failure)
      o.add("cache", raw: c.text)
    }
    if let shard = report.shard {
      var part = JSONObject()
      part.add("index", shard.index)
      part.add("count", shard.count)
      part.add("otherShardsFiles", report.otherShardsFiles)
      o.add("shard", raw: part.text)
    }
    return o.text
  }

  static func absolute(_ path: String) -> String {
    if let resolved = realpath(path, nil) {
      defer { free(resolved) }
      return String(cString: resolved)
    }
    return path
  }

  static func seconds(_ value: Double) -> String {
    let ms = Int((value * 1000).rounded())
    let frac = ms % 1000
    return "\(ms / 1000)." + String(repeating: "0", count: 3 - String(frac).count) + String(frac)
  }
}
