@testable import IndexerMCP
import IndexerModel
import MCP
import Testing

@Suite struct ToolArgumentsTests {
  @Test func valuesAreCheckedWithOneLineEach() throws {
    let a = ToolArguments(["name": "x", "limit": 5, "ratio": 2.0, "kind": "class", "bad": 1.5])
    #expect(try a.requiredString("name") == "x")
    #expect(try a.integer("limit", default: 1, range: 1...10) == 5)
    #expect(try a.integer("ratio", default: 1, range: 1...10) == 2)
    #expect(try a.integer("absent", default: 7, range: 1...10) == 7)
    #expect(try a.choice("kind", of: SymbolKind.self, allowed: SymbolKind.allCases) == .class)
    #expect(throws: ToolFailure.self) { try a.integer("bad", default: 1, range: 1...10) }
    #expect(throws: ToolFailure.self) { try a.integer("limit", default: 1, range: 6...10) }
    #expect(throws: ToolFailure.self) { try a.requiredString("absent") }
    #expect(throws: ToolFailure.self) { try a.string("limit") }
    #expect(throws: ToolFailure.self) { try a.refuseUnknown(except: ["name"]) }
  }

  @Test func pagesFitTheBudget() throws {
    let items = (0..<100).map { "item number \($0)" }
    let (kept, truncated) = try Page.fitting(items, maxChars: 500)
    #expect(truncated && kept.count < 100 && !kept.isEmpty)
    #expect(try IndexTools.encode(kept).count <= 500)
    let (all, cut) = try Page.fitting(items, maxChars: 100_000)
    #expect(all.count == 100 && !cut)
  }
}
