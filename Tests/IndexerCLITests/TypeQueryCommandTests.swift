import Foundation
import IndexerTestSupport
import Testing

/// `query subtypes` / `query supertypes` on `Fixtures/workspaces/types` (Python, Java, TypeScript, Rust, Swift,
/// C++, Go), through the real binary and a real index: heads, impls and extensions, resolved bases, trees.
@Suite struct TypeQueryCommandTests {
  static let workspace: TemporaryDirectory = {
    let ws = try! Fixtures.copy("workspaces/types")
    _ = try! IndexerProcess.run(["index", ws.path, "--quiet"])
    return ws
  }()

  private func query(_ args: [String]) throws -> IndexerRun {
    try IndexerProcess.run(["query"] + args + ["--root", Self.workspace.path])
  }

  @Test func subtypesFollowClassHeadsAndImpls() throws {
    #expect(try query(["subtypes", "Shape", "--depth", "2"]).lines == [
      "shapes.py:1:7  class  Shape",
      "  shapes.py:6:7  class  Square  at 6:14  scope",
      "    shapes.py:11:7  class  Cube  at 11:12  scope",
    ])
    #expect(try query(["subtypes", "Outline", "--depth", "2"]).lines == [
      "Shapes.java:1:11  interface  Outline",
      "  Shapes.java:2:16  class  Base  at 2:32  scope",
      "    Shapes.java:3:7  class  Circle  at 3:22  scope",
    ])
    // `impl Area for Tile` and `extension Label: Drawable` are where the conformance is written.
    #expect(try query(["subtypes", "Area"]).lines == ["shapes.rs:1:11  interface  Area", "  shapes.rs:3:15  extension  Tile  at 3:6  scope"])
    #expect(try query(["subtypes", "Drawable"]).lines == [
      "shapes.swift:1:10  protocol  Drawable",
      "  shapes.swift:3:13  class  Button  at 3:27  scope",
      "  shapes.swift:5:11  extension  Label  at 5:18  scope",
    ])
  }

  /// Go: no `implements` — method sets, by name. An embedding interface is a subtype where it embeds; a
  /// method whose name is not exported (`hidden`) cannot be had from another package (geo/).
  @Test func goInterfacesAreSatisfiedByMethodSets() throws {
    #expect(try query(["subtypes", "Sizer", "--depth", "2"]).lines == [
      "sizes.go:4:6  interface  Sizer",
      "  sizes.go:8:6  interface  Namer  at 9:2  scope",
      "    sizes.go:22:6  struct  Ball  name",
      "  sizes.go:22:6  struct  Ball  name",
      "  sizes.go:18:6  struct  Box  name",
      "  geo/plate.go:3:6  type  Plate  name",
    ])
    #expect(try query(["subtypes", "secret"]).lines == ["sizes.go:14:6  interface  secret", "  sizes.go:22:6  struct  Ball  name"])
    #expect(try query(["supertypes", "Plate"]).lines == ["geo/plate.go:3:6  type  Plate", "  sizes.go:4:6  interface  Sizer  name"])
    #expect(try query(["supertypes", "Ball"]).lines == [
      "sizes.go:22:6  struct  Ball",
      "  sizes.go:8:6  interface  Namer  name",
      "  sizes.go:4:6  interface  Sizer  name",
      "  sizes.go:14:6  interface  secret  name",
    ])
    // Box has only `Size`: Sizer, and not the interfaces that ask for more.
    #expect(try query(["supertypes", "Box"]).lines == ["sizes.go:18:6  struct  Box", "  sizes.go:4:6  interface  Sizer  name"])
  }

  @Test func supertypesResolveEachBaseWhereItIsWritten() throws {
    #expect(try query(["supertypes", "Root", "--depth", "3"]).lines == [
      "shapes.cpp:3:7  class  Root",
      "  shapes.cpp:2:8  struct  Branch  at 3:20  scope",
      "    shapes.cpp:1:8  struct  Node  at 2:24  scope",
    ])
    // A conformance in an extension counts; `Comparable` (the JDK's, not in the workspace) is left out.
    #expect(try query(["supertypes", "Label"]).lines == ["shapes.swift:4:8  struct  Label", "  shapes.swift:1:10  protocol  Drawable  at 5:18  scope"])
    #expect(try query(["supertypes", "--at", "Shapes.java:3:7"]).lines == ["Shapes.java:3:7  class  Circle", "  Shapes.java:2:16  class  Base  at 3:22  scope"])
    let json = try query(["supertypes", "Dog", "--depth", "2", "--json"]).jsonLines()
    #expect(json.first?["direction"] as? String == "supertypes")
    #expect(json.first?["count"] as? Int == 2)
  }

  @Test func aTypeWithoutLinksIsExitOne() throws {
    #expect(try query(["subtypes", "Cube"]).status == 1)
    #expect(try query(["supertypes", "Shape"]).status == 1)
    #expect(try query(["subtypes", "area"]).status == 1)  // a method is no type
  }
}
