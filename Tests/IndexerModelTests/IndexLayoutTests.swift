import IndexerModel
import Testing

/// The on-disk layout's one owner: what `--db` elsewhere and the default location put beside a database.
@Suite struct IndexLayoutTests {
  @Test func theDefaultLocationKeepsItsCompanionsInTheIndexFolder() {
    let database = IndexLayout.defaultDatabase(root: "/w/repo/")
    #expect(database == "/w/repo/.indexer/index.sqlite")
    #expect(IndexLayout.defaultDatabase(root: "/w/repo") == database)
    #expect(IndexLayout.path(of: .lock, forDatabase: database) == "/w/repo/.indexer/lock")
    #expect(IndexLayout.path(of: .socket, forDatabase: database) == "/w/repo/.indexer/indexer.sock")
    #expect(IndexLayout.path(of: .log, forDatabase: database) == "/w/repo/.indexer/indexer.log")
    #expect(IndexLayout.path(of: .building, forDatabase: database) == "/w/repo/.indexer/building.sqlite")
    #expect(IndexLayout.path(of: .buildingRuns, forDatabase: database) == "/w/repo/.indexer/building-runs.sqlite")
  }

  @Test func aDatabaseElsewhereGetsSuffixedCompanionsSoTwoInOneFolderNeverShare() {
    let a = "/tmp/a.sqlite"
    let b = "/tmp/b.sqlite"
    for companion in IndexLayout.Companion.allCases {
      #expect(IndexLayout.path(of: companion, forDatabase: a) != IndexLayout.path(of: companion, forDatabase: b))
      #expect(IndexLayout.path(of: companion, forDatabase: a).hasPrefix(a + "."))
    }
    #expect(!IndexLayout.isDefaultLocation("/tmp/index.sqlite"))
    #expect(IndexLayout.isDefaultLocation("/x/.indexer/index.sqlite"))
  }
}
