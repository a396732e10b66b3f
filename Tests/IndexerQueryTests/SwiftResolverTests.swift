import IndexerExtraction
import IndexerModel
@testable import IndexerQuery
import IndexerStore
import Testing

/// Swift's scope and member rules through the real reader (swift-syntax) and the real resolver, over files
/// held in memory. Inputs stay small: debug builds of swift-syntax parse slowly.
@Suite struct SwiftResolverTests {
  typealias Workspace = NameResolverTests.Workspace

  @Test func localsParametersAndShadowing() throws {
    let ws = Workspace([
      "Sources/App/a.swift": """
      let count = 1
      func f(count: Int, label name: String) -> Int {
        let total = count + 1
        do {
          let total = total * 2
          print(total, name)
        }
        return total + count
      }
      """
    ])
    let a = "Sources/App/a.swift"
    #expect(try ws.resolve(a, line: 3, "count") == "\(a):2:8 local")  // the parameter hides the file's
    #expect(try ws.resolve(a, line: 6, "name") == "\(a):2:26 local")  // the internal name, not the label
    // `let total = total * 2`: the right side is the outer one; the inner one is seen after it.
    #expect(try ws.resolve(a, line: 5, "total", occurrence: 2) == "\(a):3:7 local")
    #expect(try ws.resolve(a, line: 6, "total") == "\(a):5:9 local")
    #expect(try ws.resolve(a, line: 8, "total") == "\(a):3:7 local")
  }

  @Test func ifLetGuardLetForAndClosures() throws {
    let ws = Workspace([
      "Sources/App/a.swift": """
      func g(value: Int?, items: [Int]) -> Int {
        if let value { return value }
        guard let v = value else { return 0 }
        for item in items where item > v { return item }
        let twice = items.map { n in n * 2 }
        return v + twice.count
      }
      """
    ])
    let a = "Sources/App/a.swift"
    #expect(try ws.resolve(a, line: 2, "value", occurrence: 2) == "\(a):2:10 local")
    #expect(try ws.resolve(a, line: 6, "v") == "\(a):3:13 local")  // guard let: seen after the guard
    #expect(try ws.resolve(a, line: 4, "item", occurrence: 3) == "\(a):4:7 local")
    #expect(try ws.resolve(a, line: 5, "n", occurrence: 2) == "\(a):5:27 local")
  }

  @Test func implicitSelfExtensionsInOtherFilesAndProtocolExtensions() throws {
    let ws = Workspace([
      "Sources/Lib/Parser.swift": """
      struct Parser: Named {
        var items: [String] = []
        func run() -> Int {
          return helper() + items.count + describe().count
        }
      }
      """,
      "Sources/Lib/Parser+Helpers.swift": """
      extension Parser {
        func helper() -> Int { self.items.count }
      }
      """,
      "Sources/Lib/Named.swift": """
      protocol Named {}
      extension Named {
        func describe() -> String { "" }
      }
      """,
    ])
    let p = "Sources/Lib/Parser.swift"
    #expect(try ws.resolve(p, line: 4, "helper") == "Sources/Lib/Parser+Helpers.swift:2:8 member")
    #expect(try ws.resolve(p, line: 4, "items") == "\(p):2:7 scope")
    #expect(try ws.resolve(p, line: 4, "describe") == "Sources/Lib/Named.swift:3:8 member")
    #expect(try ws.resolve("Sources/Lib/Parser+Helpers.swift", line: 2, "items") == "\(p):2:7 member")
    #expect(try ws.resolve(p, line: 1, "Named") == "Sources/Lib/Named.swift:1:10 scope")
  }

  @Test func receiversTypedByAnnotationConstructionAndResult() throws {
    let ws = Workspace([
      "Sources/Lib/Types.swift": """
      final class Engine {
        var speed = 0
        func start() -> Gauge { Gauge() }
      }
      struct Gauge { var level = 0 }
      """,
      "Sources/Lib/Use.swift": """
      func use(engine: Engine, other: Unknown) {
        let made = Engine()
        let gauge: Gauge? = nil
        _ = engine.speed + made.speed + gauge!.level + engine.start().level + other.speed
        _ = [engine].map { e in e.speed }
      }
      """,
    ])
    let u = "Sources/Lib/Use.swift"
    let t = "Sources/Lib/Types.swift"
    #expect(try ws.resolve(u, line: 4, "speed") == "\(t):2:7 member")
    #expect(try ws.resolve(u, line: 4, "speed", occurrence: 2) == "\(t):2:7 member")
    #expect(try ws.resolve(u, line: 4, "level") == "\(t):5:20 member")
    #expect(try ws.resolve(u, line: 4, "level", occurrence: 2) == "\(t):5:20 member")
    // The receiver's type is written but not in the workspace: not this `speed`, and not a guess either.
    #expect(try ws.resolve(u, line: 4, "speed", occurrence: 3) == "nothing")
    let resolver = NameResolver(source: ws)
    #expect(try !resolver.isUntypedMember(path: u, at: ws.position(u, line: 4, "speed", occurrence: 3)))
    #expect(try !resolver.isUntypedMember(path: u, at: ws.position(u, line: 4, "speed")))
    // A closure's parameter has no written type: its members are unknown, possibly this `speed`.
    #expect(try ws.resolve(u, line: 5, "speed") == "nothing")
    #expect(try resolver.isUntypedMember(path: u, at: ws.position(u, line: 5, "speed")))
  }

  @Test func overloadsByArgumentLabelsAndSuperclassMembers() throws {
    let ws = Workspace([
      "Sources/Lib/Buffer.swift": """
      class Base { func reset() {} }
      final class Buffer: Base {
        func append(_ x: Int) {}
        func append(copying other: Buffer) {}
        func fill() {
          self.append(copying: self)
          append(1)
          super.reset()
          reset()
        }
      }
      """
    ])
    let b = "Sources/Lib/Buffer.swift"
    #expect(try ws.resolve(b, line: 6, "append") == "\(b):4:8 member")
    #expect(try ws.resolve(b, line: 7, "append") == "\(b):3:8 scope")
    #expect(try ws.resolve(b, line: 8, "reset") == "\(b):1:19 member")
    #expect(try ws.resolve(b, line: 9, "reset") == "\(b):1:19 member")
  }

  @Test func moduleFilesAndImportedModules() throws {
    let ws = Workspace([
      "Sources/Core/Tool.swift": "public func tool() -> Int { 1 }\npublic struct Box { public var v = 0 }\n",
      "Sources/Other/Tool.swift": "func tool() -> Int { 2 }\n",
      "Sources/Other/Use.swift": "func use() -> Int { tool() }\n",
      "Tests/CoreTests/T.swift": "import Core\nfunc t() -> Int { tool() + Box().v }\n",
    ])
    // The module's own `tool` before another module's.
    #expect(try ws.resolve("Sources/Other/Use.swift", line: 1, "tool") == "Sources/Other/Tool.swift:1:6 scope")
    // A test target sees what it imports.
    #expect(try ws.resolve("Tests/CoreTests/T.swift", line: 2, "tool") == "Sources/Core/Tool.swift:1:13 import")
    #expect(try ws.resolve("Tests/CoreTests/T.swift", line: 2, "v") == "Sources/Core/Tool.swift:2:32 member")
  }

  @Test func modulesFollowSwiftPMLayout() {
    #expect(SwiftModules.module(of: "Sources/ArgumentParser/Parsing/Split.swift") == ("ArgumentParser", "Sources/ArgumentParser/"))
    #expect(SwiftModules.module(of: "Tests/UnitTests/A.swift") == ("UnitTests", "Tests/UnitTests/"))
    #expect(SwiftModules.module(of: "main.swift") == ("", ""))
    #expect(SwiftModules.folder(ofModule: "ArgumentParser", from: "Tests/UnitTests/A.swift") == "Sources/ArgumentParser/")
    #expect(SwiftModules.folder(ofModule: "Lib", from: "pkg/Tests/T/A.swift") == "pkg/Sources/Lib/")
    #expect(SwiftResolver.plainType("inout Foo<Int>?") == "Foo")
    #expect(SwiftResolver.plainType("(Int) -> Void") == "")
    #expect(SwiftResolver.plainType("Outer.Inner") == "Outer.Inner")
    #expect(SwiftResolver.plainType("[Int]?") == "Array")
    #expect(SwiftResolver.plainType("[String: Int]") == "Dictionary")
  }
}

extension SwiftResolverTests {
  /// Every prefix of a file that exercises each rule (a half-typed save) resolves every name without
  /// trapping or looping, and answers only places inside the workspace. Cycles (a type that names itself
  /// as its base, a typealias to itself) end by the step budget.
  @Test func everyCutResolvesWithoutTrapping() throws {
    let text = """
      import Lib
      typealias Loop = Loop
      class A: A, Loop {
        var x: A? = A()
        func m(_ y: Int, z: [A]) -> A {
          guard let w = x else { return self }
          for q in z where q.x != nil { _ = { (p: A) in p.m(1, z: []).x } }
          if case .some(let v) = w.x { return super.m(y, z: z).n(v) }
          return Lib.f().x!.m(0, z: z)
        }
      }
      """
    let bytes = Array(text.utf8)
    var resolved = 0
    for cut in stride(from: 0, through: bytes.count, by: 3) {
      let prefix = String(decoding: bytes[..<cut], as: UTF8.self)
      let ws = Workspace(["Sources/App/m.swift": prefix, "Sources/Lib/f.swift": "public func f() -> A { A() }\n"])
      let file = try #require(ws.files["Sources/App/m.swift"])
      let resolver = NameResolver(source: ws)
      for (name, positions) in zip(file.references.names, file.references.positions) {
        for position in positions {
          _ = try resolver.isUntypedMember(path: "Sources/App/m.swift", at: position)
          guard let found = try resolver.resolve(name: name, path: "Sources/App/m.swift", at: position) else { continue }
          resolved += 1
          #expect(ws.files[found.path] != nil, "cut \(cut): \(name) resolved outside the workspace")
          #expect(found.position.line >= 1 && found.position.column >= 1, "cut \(cut): \(name)")
        }
      }
    }
    #expect(resolved > bytes.count / 3)
  }
}
