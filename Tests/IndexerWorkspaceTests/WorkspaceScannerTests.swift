import Foundation
import IndexerModel
import IndexerTestSupport
import IndexerWorkspace
import Testing

@Suite struct WorkspaceScannerTests {
  @Test func listsSourceFilesInPathByteOrderWithTheirStat() throws {
    let dir = try TemporaryDirectory()
    for path in ["b.py", "a/z.swift", "a.py", "a/b c/ü.py", "README.md", "Z.swift"] { try dir.write(path, "x = 1\n") }
    let scan = try WorkspaceScanner(root: dir.path).scan()
    #expect(scan.files.map(\.path) == ["Z.swift", "a.py", "a/b c/ü.py", "a/z.swift", "b.py"])
    #expect(scan.files.map(\.language) == [.swift, .python, .python, .swift, .python])
    let file = try #require(scan.files.first)
    let attributes = try FileManager.default.attributesOfItem(atPath: dir.path + "/Z.swift")
    #expect(file.stat.size == 6)
    #expect(file.stat.inode == (attributes[.systemFileNumber] as? NSNumber)?.uint64Value)
  }

  @Test func builtInFoldersAreNeverEntered() throws {
    let dir = try TemporaryDirectory()
    for folder in [".git", ".indexer", ".build", "node_modules", "src"] { try dir.write(folder + "/m.py", "x = 1\n") }
    #expect(try WorkspaceScanner(root: dir.path).scan().files.map(\.path) == ["src/m.py"])
  }

  @Test func nestedIgnoreFilesApplyBelowTheirFolder() throws {
    let dir = try TemporaryDirectory()
    try dir.write(".gitignore", "gen_*.py\n/top_only.py\n")
    try dir.write("pkg/.gitignore", "!gen_keep.py\nlocal/\n")
    try dir.write("pkg/.ignore", "secret.py\n")
    for path in ["gen_a.py", "top_only.py", "pkg/top_only.py", "pkg/gen_b.py", "pkg/gen_keep.py", "pkg/local/x.py", "pkg/secret.py", "ok.py"] {
      try dir.write(path, "x = 1\n")
    }
    let paths = try WorkspaceScanner(root: dir.path).scan().files.map(\.path)
    #expect(paths == ["ok.py", "pkg/gen_keep.py", "pkg/top_only.py"])
  }

  @Test func excludesApplyFromTheRoot() throws {
    let dir = try TemporaryDirectory()
    for path in ["a/x.py", "b/x.py", "b/y.swift"] { try dir.write(path, "x = 1\n") }
    let scan = try WorkspaceScanner(root: dir.path, options: WalkOptions(excludes: ["b/*.py"])).scan()
    #expect(scan.files.map(\.path) == ["a/x.py", "b/y.swift"])
  }

  @Test func missingRootsAndFilesAreTypedErrors() throws {
    let dir = try TemporaryDirectory()
    try dir.write("f.py", "")
    #expect(throws: WorkspaceError.rootNotFound(dir.path + "/none")) { try WorkspaceScanner(root: dir.path + "/none").scan() }
    #expect(throws: WorkspaceError.rootNotDirectory(dir.path + "/f.py")) { try WorkspaceScanner(root: dir.path + "/f.py").scan() }
  }

  @Test func symlinksInsideTheRootAreFollowedLoopsAreNoted() throws {
    let dir = try TemporaryDirectory()
    try dir.write("real/m.py", "x = 1\n")
    try FileManager.default.createSymbolicLink(atPath: dir.path + "/alias", withDestinationPath: "real")
    try FileManager.default.createSymbolicLink(atPath: dir.path + "/real/up", withDestinationPath: "..")
    try FileManager.default.createSymbolicLink(atPath: dir.path + "/dangling.py", withDestinationPath: "nowhere.py")
    let scan = try WorkspaceScanner(root: dir.path).scan()
    #expect(scan.files.map(\.path) == ["alias/m.py", "real/m.py"])
    #expect(scan.notes.map(\.path).sorted() == ["alias/up", "real/up"])
    #expect(scan.notes.allSatisfy { $0.message.contains("symlink loop") })
  }
}
