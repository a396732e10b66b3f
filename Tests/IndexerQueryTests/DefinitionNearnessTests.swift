import IndexerModel
@testable import IndexerQuery
import Testing

/// The one ranking of guesses by name, which go-to-definition and the SCIP export share.
@Suite struct DefinitionNearnessTests {
  private func near(_ candidate: String, container: String = "", language: Language = .rust) -> DefinitionNearness {
    DefinitionNearness(
      candidate: candidate, container: container, language: language, from: "nom/src/branch/mod.rs", enclosing: ["Parser", "Parser.parse"],
      asking: .rust)
  }

  @Test func theSameFileThenAnEnclosingContainerThenTheFolderThenTheLanguage() {
    #expect(near("nom/src/branch/mod.rs") < near("x/y.rs", container: "Parser"))
    #expect(near("x/y.rs", container: "Parser") < near("nom/src/branch/other.rs"))
    #expect(near("nom/src/branch/other.rs") < near("nom/src/internal.rs"))
    #expect(near("zzz/a.rs") < near("nom/src/internal.rs", language: .python))
  }

  @Test func amongTheRestTheMostSharedFoldersFirst() {
    // The same package before another one, though the other sorts first by path.
    #expect(near("nom/src/internal.rs") < near("clap/src/builder/value_parser.rs"))
    #expect(near("nom/src/bits/mod.rs") == near("nom/src/internal.rs"))
    #expect(!(near("clap/src/a.rs") < near("bytes/src/a.rs")))
  }

  @Test func sharedFoldersCountWholeFoldersOnly() {
    #expect(DefinitionNearness.sharedFolders("a/b/c.rs", "a/b/d/e.rs") == 2)
    #expect(DefinitionNearness.sharedFolders("a/b/c.rs", "a/bc/e.rs") == 1)
    #expect(DefinitionNearness.sharedFolders("a/b/c.rs", "a/b/x.rs") == 2)
    #expect(DefinitionNearness.sharedFolders("c.rs", "a/x.rs") == 0)
    #expect(DefinitionNearness.sharedFolders("x/c.rs", "y/x.rs") == 0)
  }
}
