import ArgumentParser
import IndexerModel
import IndexerQuery
import IndexerService

#if canImport(Glibc)
  import Glibc
#endif

/// A `query file` request as plain values, whichever parser produced it (see `FastPath`).
struct FileQueryRun {
  var path: String
  var location = DatabaseLocation()
  var json = false
  var sync = false

  func run() throws {
    let root = location.resolvedRoot()
    let relative = Self.relativePath(path, root: root)
    let source = WatcherOrDatabase(databasePath: location.resolvedDatabase(), sync: sync)
    guard let outline = try source.outline(path: relative) else {
      FileHandleOutput.standardError("indexer: \(relative) is not in the index — check the path (relative to \(root))\n")
      throw ExitCode(1)
    }
    var out = OutputBuffer()
    var depth: [Int] = []
    for (i, symbol) in outline.symbols.enumerated() {
      let parent = outline.parents[i]
      let level = parent >= 0 ? depth[parent] + 1 : 0
      depth.append(level)
      if json {
        out.line(SymbolFormatter.json(symbol, path: relative, language: outline.language) { $0.add("depth", level) })
      } else {
        let r = symbol.range
        out.line(
          String(repeating: "  ", count: level)
            + "\(symbol.kind.rawValue) \(symbol.name)  \(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)  \(symbol.signature)")
      }
    }
    out.flush()
  }

  /// A path as the index stores it: relative to the root, whether the user gave it from the root, from here, or absolute.
  static func relativePath(_ path: String, root: String) -> String {
    let rootReal = IndexerCommand.Index.absolute(root)
    var candidate = path
    if !path.hasPrefix("/") {
      let fromHere = DatabaseLocation.currentDirectory() + "/" + path
      if access(fromHere, F_OK) == 0 { candidate = fromHere } else { return Self.normalized(path) }
    }
    let real = IndexerCommand.Index.absolute(candidate)
    if real.hasPrefix(rootReal + "/") { return String(real.dropFirst(rootReal.count + 1)) }
    return Self.normalized(path)
  }

  private static func normalized(_ path: String) -> String {
    path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
  }
}
