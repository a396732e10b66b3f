import Foundation
import IndexerTestSupport
import Testing

@Suite struct ExportCommandTests {
  @Test func ctagsExportIsASortedExtendedTagsFile() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    let tags = ws.path + "/.indexer/tags"
    let run = try IndexerProcess.run(["export", "--format", "ctags", "--output", tags, "--root", ws.path])
    #expect(run.status == 0)
    let lines = try String(contentsOfFile: tags, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = lines.prefix { $0.hasPrefix("!_TAG_") }
    #expect(header.contains { $0.hasPrefix("!_TAG_FILE_SORTED\t1\t") })
    #expect(header.contains { $0.hasPrefix("!_TAG_FILE_FORMAT\t2\t") })
    let entries = Array(lines.dropFirst(header.count))
    #expect(entries.count == 27, "one line per definition")
    let names = entries.map { $0.prefix { $0 != "\t" } }
    #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "sorted by name bytes, as readtags requires")
    #expect(entries.contains(
      "Role\tSources/App/Models/User Model.swift\t5;\"\tkind:enum\tline:5\tlanguage:swift\tstruct:UserModel\tsignature:enum Role: String\tend:7"))
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/readtags") {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/readtags")
      process.arguments = ["-t", tags, "commander"]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      process.waitUntilExit()
      let found = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(found.hasPrefix("commander\tSources/App/Ünïcode/Café.swift\t3"))
    }
  }

  @Test func jsonExportMatchesQueryJSON() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    let export = try IndexerProcess.run(["export", "--format", "json", "--root", ws.path])
    let query = try IndexerProcess.run(["query", "symbol", "", "--prefix", "--json", "--root", ws.path])
    #expect(export.status == 0)
    // The query's answer ends with its summary line, which the export (a dump, not an answer) does not have.
    #expect(export.lines == Array(query.lines.dropLast()))
    #expect(try query.summary()?["count"] as? Int == export.lines.count)
  }

  /// `-o -` is standard output, as `ctags -f -` is: a 12 MB file named "-" was once committed by mistake from it.
  @Test func dashOutputIsStandardOutputNotAFileNamedDash() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    let plain = try IndexerProcess.run(["export", "--format", "ctags", "--root", ws.path], in: ws.path)
    let dash = try IndexerProcess.run(["export", "--format", "ctags", "-o", "-", "--root", ws.path], in: ws.path)
    #expect(dash.status == 0)
    #expect(dash.stdout.hasPrefix("!_TAG_FILE_FORMAT"))
    #expect(dash.stdout == plain.stdout)
    #expect(!FileManager.default.fileExists(atPath: ws.path + "/-"), "no file named '-' is written")
  }

  @Test func anUnwritableOutputIsOneLine() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    let run = try IndexerProcess.run(["export", "-o", ws.path + "/no/such/dir/tags", "--root", ws.path])
    #expect(run.status == 2)
    #expect(run.stderr.contains("cannot write"))
  }
}
