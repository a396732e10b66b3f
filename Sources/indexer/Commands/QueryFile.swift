import ArgumentParser
import IndexerModel
import IndexerQuery

#if canImport(Glibc)
  import Glibc
#endif

extension IndexerCommand {
  /// `indexer query file PATH`: the declaration tree of one file, decoded from its stored outline.
  struct QueryFile: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "file",
      abstract: "Print a file's outline: its declarations as a tree, with ranges and signatures.",
      discussion: "Exit status: 0 when the file is in the index, 1 when it is not, 2 on error."
    )

    @Argument(help: ArgumentHelp("The file, relative to the root or to the current folder.", valueName: "path"))
    var path: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let root = database.resolvedRoot()
      let relative = Self.relativePath(path, root: root)
      let engine = try QueryEngine(databasePath: database.resolvedDatabase())
      guard let outline = try engine.outline(path: relative) else {
        FileHandleOutput.standardError("indexer: \(relative) is not in the index — check the path (relative to \(root))\n")
        throw ExitCode(1)
      }
      var out = OutputBuffer()
      var depth: [Int] = []
      for (i, symbol) in outline.symbols.enumerated() {
        let parent = outline.parents[i]
        let level = parent >= 0 ? depth[parent] + 1 : 0
        depth.append(level)
        if output.json {
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
        let fromHere = DatabaseOptions.currentDirectory() + "/" + path
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
}
