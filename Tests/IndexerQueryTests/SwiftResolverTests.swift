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

extension SwiftResolverTests {
  /// A label names the callee's parameter, as sourcekit-lsp answers it: the function, the initializer the
  /// labels select, or the type for its memberwise initializer (which has no declaration). A type's generic parameter is seen in
  /// its head.
  @Test func argumentLabelsAndGenericParametersInTheHead() throws {
    let ws = Workspace([
      "Sources/App/a.swift": """
      struct Point { var x: Int; var y: Int }
      struct Box<C>: Sequence where C: Collection {
        init(items: C) {}
        init(count: Int) {}
      }
      func draw(at point: Point, scale: Int) {}
      func use() {
        draw(at: Point(x: 1, y: 2), scale: 3)
        _ = Box(count: 2)
      }
      """
    ])
    let a = "Sources/App/a.swift"
    #expect(try ws.resolve(a, line: 8, "at") == "\(a):6:6 scope")
    #expect(try ws.resolve(a, line: 8, "scale") == "\(a):6:6 scope")
    #expect(try ws.resolve(a, line: 8, "y") == "\(a):1:8 scope")  // memberwise: the type, as sourcekit-lsp answers
    #expect(try ws.resolve(a, line: 9, "count") == "\(a):4:3 member")
    #expect(try ws.resolve(a, line: 2, "C", occurrence: 2) == "\(a):2:12 scope")
  }
}

extension SwiftResolverTests {
  /// A label in a declaration is the function's own; a property wrapper's arguments select its initializer;
  /// a literal types its variable; a test case reaches what the workspace adds to `XCTest`.
  @Test func declaredLabelsWrappersLiteralsAndTestCases() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      @propertyWrapper struct Option { init(name: String) {}; var wrappedValue: Int { 0 } }
      struct Command { @Option(name: "n") var count: Int }
      extension String { func wrapped(to width: Int) -> String { self } }
      let sample = "text"
      func use() -> String { sample.wrapped(to: 3) }
      """,
      "Sources/Helpers/h.swift": "extension XCTest { public func assertRuns(command: String) {} }\n",
      "Tests/LibTests/t.swift": """
      final class T: XCTestCase {
        func testIt() { assertRuns(command: "x") }
      }
      """,
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 3, "to") == "\(a):3:25 scope")
    #expect(try ws.resolve(a, line: 2, "name") == "\(a):1:34 member")
    #expect(try ws.resolve(a, line: 5, "wrapped") == "\(a):3:25 member")
    #expect(try ws.resolve(a, line: 5, "to") == "\(a):3:25 member")
    #expect(try ws.resolve("Tests/LibTests/t.swift", line: 2, "command") == "Sources/Helpers/h.swift:1:32 member")
  }
}

extension SwiftResolverTests {
  /// An implicit member (`.long`) takes its type from its context: the parameter it is passed to (of a
  /// function, an initializer or a property wrapper), an annotation, the function's result, the other side
  /// of `==`, or the subject of a `switch`.
  @Test func implicitMembersTakeTheirContextsType() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      enum Kind { case long, short; static func custom(_ s: String) -> Kind { .long } }
      enum Other { case long }
      struct Spec { init(kind: Kind, other: Other) {} }
      func make(_ k: Kind) -> Kind {
        let x: Kind = .short
        _ = Spec(kind: .custom("a"), other: .long)
        if k == .short { return .long }
        switch x {
        case .long: return make(.short)
        default: return .custom("b")
        }
      }
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 5, "short") == "\(a):1:24 member")
    #expect(try ws.resolve(a, line: 6, "custom") == "\(a):1:43 member")
    #expect(try ws.resolve(a, line: 6, "long") == "\(a):2:19 member")
    #expect(try ws.resolve(a, line: 7, "short") == "\(a):1:24 member")
    #expect(try ws.resolve(a, line: 7, "long") == "\(a):1:18 member")
    #expect(try ws.resolve(a, line: 9, "long") == "\(a):1:18 member")
    #expect(try ws.resolve(a, line: 9, "short") == "\(a):1:24 member")
    #expect(try ws.resolve(a, line: 10, "custom") == "\(a):1:43 member")
    #expect(try ws.resolve(a, line: 1, "long", occurrence: 2) == "\(a):1:18 member")
  }
}

extension SwiftResolverTests {
  /// A call may leave out only parameters with a default value: `@Option(name:)` is not the initializer
  /// that also needs `wrappedValue:`.
  @Test func labelsSkipOnlyDefaultedParameters() throws {
    #expect(SwiftResolver.accepts("wrappedValue:name?:help?:", "name:") == false)
    #expect(SwiftResolver.accepts("name?:help?:", "name:"))
    #expect(SwiftResolver.accepts("name?:help?:", ""))
    #expect(SwiftResolver.accepts("_:by?:", "_:by:"))
    #expect(SwiftResolver.accepts("_:by?:", "by:") == false)
    #expect(SwiftResolver.sameLabels("_:copying?:", "_:copying:"))
    #expect(SwiftResolver.sameLabels("_:copying:", "_:") == false)
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      @propertyWrapper struct Option<V> {
        init(wrappedValue: V, name: String = "") {}
        init(name: String = "") {}
        var wrappedValue: V { fatalError() }
      }
      struct Command { @Option(name: "n") var count: Int; @Option(name: "m") var more: Int = 1 }
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 6, "name") == "\(a):3:3 member")
    #expect(try ws.resolve(a, line: 6, "name", occurrence: 2) == "\(a):2:3 member")
  }
}

extension SwiftResolverTests {
  /// A guard's binding is seen by its later conditions; a bare `catch` binds `error`; an extension sees its
  /// type's generic parameters; a literal's members include what the workspace adds to its protocols.
  @Test func guardChainsCatchErrorExtensionGenericsAndLiterals() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      struct Box<Value> { var items: [Value] }
      extension Box where Value: Equatable {
        func first() throws -> Value? {
          guard let item = items.first, item != nil else { return nil }
          do { try check() } catch { print(error) }
          return "x".wrapped(to: 2) == "" ? item : nil
        }
        func check() throws {}
      }
      extension StringProtocol { func wrapped(to width: Int) -> String { "" } }
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 4, "item", occurrence: 3) == "\(a):4:15 local")  // the second is inside `items`
    #expect(try ws.resolve(a, line: 5, "error") == "\(a):5:24 local")
    #expect(try ws.resolve(a, line: 2, "Value") == "\(a):1:12 member")
    #expect(try ws.resolve(a, line: 6, "wrapped") == "\(a):10:33 member")
  }
}

extension SwiftResolverTests {
  /// A variable without an annotation takes the type its value's declarations write: a function's declared
  /// result, a property's annotation, another variable's type; `if let x` unwraps the outer `x`.
  @Test func variablesTypedByTheirValuesDeclarations() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      struct Entry { var value: Int }
      struct Store {
        var current: Entry?
        func entry(forKey key: String) -> Entry? { nil }
        func use() -> Int {
          guard let e = entry(forKey: "k") else { return 0 }
          let alias = e
          let c = self.current
          if let c { return c.value }
          return e.value + alias.value
        }
      }
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 10, "value") == "\(a):1:20 member")
    #expect(try ws.resolve(a, line: 10, "value", occurrence: 2) == "\(a):1:20 member")
    #expect(try ws.resolve(a, line: 9, "value") == "\(a):1:20 member")
  }
}

extension SwiftResolverTests {
  /// A loop variable is an element of the sequence, typed when the sequence's declaration writes `[T]`.
  @Test func loopVariablesTakeTheElementTypeOfTheirSequence() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      struct Arg { var kind: Int }
      struct Set2 { var args: [Arg]; var table: [String: Arg] }
      func scan(_ all: [Arg], set: Set2) -> Int {
        for a in all where a.kind > 0 { return a.kind }
        for b in set.args { return b.kind }
        for (k, v) in set.table { return v.kind }
        return 0
      }
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 4, "kind") == "\(a):1:18 member")
    #expect(try ws.resolve(a, line: 4, "kind", occurrence: 2) == "\(a):1:18 member")
    #expect(try ws.resolve(a, line: 5, "kind") == "\(a):1:18 member")
    #expect(try ws.resolve(a, line: 6, "kind") == "nothing")  // a dictionary's elements are pairs: not typed
    #expect(SwiftResolver.elementType("[Arg]?") == "Arg")
    #expect(SwiftResolver.elementType("Set<Arg>") == "Arg")
    #expect(SwiftResolver.elementType("[String: Arg]") == nil)
  }
}

extension SwiftResolverTests {
  /// Each test file's `private struct Player` is its own; an imported target laid out outside `Sources/`
  /// (`GRDB/…`) is found by a folder named as the module.
  @Test func privateTypesStayInTheirFileAndTargetsWithTheirOwnPath() throws {
    let ws = Workspace([
      "Lib/Core/Column.swift": "public struct Column { public var name = \"\" }\n",
      "Tests/LibTests/A.swift": "import Lib\nprivate struct Player { var id = 0 }\nfunc a(p: Player) -> Int { p.id }\n",
      "Tests/LibTests/B.swift": "import Lib\nprivate struct Player { var id = 1 }\nfunc b(p: Player) -> Int { p.id }\nlet c = Column()\n",
    ])
    #expect(try ws.resolve("Tests/LibTests/B.swift", line: 3, "id") == "Tests/LibTests/B.swift:2:29 member")
    #expect(try ws.resolve("Tests/LibTests/A.swift", line: 3, "id") == "Tests/LibTests/A.swift:2:29 member")
    #expect(try ws.resolve("Tests/LibTests/B.swift", line: 4, "Column") == "Lib/Core/Column.swift:1:15 import")
  }
}

extension SwiftResolverTests {
  /// A closure's parameters take the types of the function type its callee declares for it, trailing or
  /// labelled: `dbQueue.write { db in db.execute(…) }`.
  @Test func closureParametersTypedByTheCalleesFunctionType() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      final class Database { func execute(sql: String) {} }
      final class Queue {
        func write<T>(_ updates: @escaping (Database) throws -> T) rethrows -> T { fatalError() }
        func read(into: Int, body: (Int, Database) -> Void) {}
      }
      func use(queue: Queue) {
        queue.write { db in db.execute(sql: "x") }
        queue.read(into: 1, body: { n, db in db.execute(sql: "y") })
      }
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 7, "execute") == "\(a):1:29 member")
    #expect(try ws.resolve(a, line: 7, "sql") == "\(a):1:29 member")
    #expect(try ws.resolve(a, line: 8, "execute") == "\(a):1:29 member")
    #expect(SwiftResolver.functionParameterTypes("@escaping (Database, [Int: (A, B)]) throws -> T") == ["Database", "[Int: (A, B)]"])
    #expect(SwiftResolver.functionParameterTypes("Int") == nil)
  }
}

extension SwiftResolverTests {
  /// A value whose type is a generic parameter (`x: T`, a closure's `(A) -> Void` with `A` generic) is of no
  /// known type, even when the workspace declares a type named `T` or `A` elsewhere.
  @Test func genericParametersAreNoWorkspaceTypes() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      struct A { var name = "" }
      struct T { var name = "" }
      func check<T>(_ x: T) -> String { x.name }
      func assertParse<A>(_ type: A.Type, _ body: (A) -> Void) {}
      func use() { assertParse(A.self) { a in _ = a.name } }
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 3, "name") == "nothing")
    #expect(try ws.resolve(a, line: 5, "name") == "nothing")
  }
}

extension SwiftResolverTests {
  /// An implicit member in an array literal takes the element type of the array's context, or the
  /// context's own type for an option set written as an array.
  @Test func implicitMembersInArrayLiterals() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      enum Name { case short, long }
      struct Mode: OptionSet { let rawValue: Int; static let fast = Mode(rawValue: 1) }
      func names(_ all: [Name], mode: Mode) {}
      func use() {
        names([.short, .long], mode: [.fast])
        let list: [Name] = [.long]
      }
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 5, "short") == "\(a):1:18 member")
    #expect(try ws.resolve(a, line: 5, "long") == "\(a):1:25 member")
    #expect(try ws.resolve(a, line: 5, "fast") == "\(a):2:56 member")
    #expect(try ws.resolve(a, line: 6, "long") == "\(a):1:25 member")
  }
}

extension SwiftResolverTests {
  /// Where labels cannot tell a static member from an instance one, the receiver can: a type's name (or an
  /// implicit member) means the static one, a value the instance one.
  @Test func staticOrInstanceByTheReceiver() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      final class Watchdog {
        static var current: Watchdog? = nil
        static func allows(_ n: Int) -> Bool { current?.allows(n) ?? false }
        func allows(_ n: Int) -> Bool { true }
      }
      func use() -> Bool { Watchdog.allows(1) }
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 3, "allows", occurrence: 2) == "\(a):4:8 member")
    #expect(try ws.resolve(a, line: 6, "allows") == "\(a):3:15 member")
    #expect(SwiftResolver.receiverIsType("Foo.Bar") == true)
    #expect(SwiftResolver.receiverIsType("foo.bar") == false)
    #expect(SwiftResolver.receiverIsType("Foo()") == false)
    #expect(SwiftResolver.receiverIsType("self") == nil)
  }
}

extension SwiftResolverTests {
  /// A closure passed to an initializer takes its parameters' types from the initializer the call's labels
  /// select.
  @Test func closureParametersOfAnInitializersArgument() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      struct Values { func set(_ v: Int, origin: Int) {} }
      struct Definition {
        init(name: String) {}
        init(name: String, initial: @escaping (Int, inout Values) -> Void) {}
      }
      let d = Definition(name: "n", initial: { origin, values in values.set(1, origin: origin) })
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 6, "set") == "\(a):1:22 member")
    #expect(try ws.resolve(a, line: 6, "origin", occurrence: 2) == "\(a):1:22 member")  // the label: its function
    #expect(try ws.resolve(a, line: 6, "origin", occurrence: 3) == "\(a):6:42 local")  // the value: the closure's parameter
  }
}

extension SwiftResolverTests {
  /// A closure parameter's function type may be behind a typealias.
  @Test func closureParametersThroughATypealias() throws {
    let ws = Workspace([
      "Sources/Lib/a.swift": """
      struct Values { func set(_ v: Int) {} }
      struct Definition {
        typealias Initial = (Int, inout Values) -> Void
        init(initial: @escaping Initial) {}
      }
      let d = Definition(initial: { origin, values in values.set(origin) })
      """
    ])
    let a = "Sources/Lib/a.swift"
    #expect(try ws.resolve(a, line: 6, "set") == "\(a):1:22 member")
  }
}
