import IndexerModel
@testable import IndexerQuery
import Testing

@Suite struct BoundNameFilterTests {
  private func bindings(_ names: [String]) -> [FileScopes.Binding] {
    names.map { FileScopes.Binding(name: $0, scope: 0, position: SourcePosition(line: 1, column: 1), kind: .local) }
  }

  /// A "no" skips the scan for a name, so a name the file binds must never get one.
  @Test func everyBoundNameMayBeBoundAndFewOthersAre() {
    let bound = (0..<5_000).map { "name_\($0)" } + ["x", "i", "ä", "task_struct", String(repeating: "long", count: 40)]
    let filter = BoundNameFilter(bindings(bound))
    #expect(bound.allSatisfy(filter.mayBind))
    let others = (0..<5_000).map { "other_\($0)" }
    let falsePositives = others.filter(filter.mayBind).count
    #expect(falsePositives < others.count / 10, "\(falsePositives) of \(others.count)")
  }

  @Test func aFileThatBindsNothingBindsNoName() {
    let filter = BoundNameFilter([])
    #expect(!filter.mayBind("x"))
    #expect(!filter.mayBind(""))
    #expect(filter.bytes == 8)
  }

  /// The memo makes a file's filter on the second request that asks about it, and forgets it with the generation.
  @Test func theMemoMakesAFilterOnTheSecondAsk() {
    let memo = ResolutionMemo()
    memo.enter(1)
    var made = 0
    let names = { () -> [FileScopes.Binding] in
      made += 1
      return self.bindings(["local"])
    }
    #expect(memo.boundNames(of: "a.c", names) == nil)
    #expect(memo.boundNames(of: "a.c", names)?.mayBind("local") == true)
    #expect(memo.boundNames(of: "a.c", names)?.mayBind("local") == true)
    #expect(made == 1)
    memo.enter(2)
    #expect(memo.boundNames(of: "a.c", names) == nil)
  }
}
