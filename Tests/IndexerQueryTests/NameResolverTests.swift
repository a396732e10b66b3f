import IndexerExtraction
import IndexerModel
@testable import IndexerQuery
import IndexerStore
import Testing

/// Python's scope rules through the real reader and the real resolver, over files held in memory (the
/// store's part, reading blobs, has its own tests; the binary's `query def` runs against the fixture).
@Suite struct NameResolverTests {
  /// Files extracted by their language's reader, answering as the index would.
  struct Workspace: ResolutionSource {
    var files: [String: FileIndex] = [:]
    var sources: [String: String] = [:]

    init(_ files: [String: String]) {
      for (path, text) in files {
        self.files[path] = ExtractorRegistry.extractor(for: Language(fileName: path) ?? .python).extract(Array(text.utf8))
        sources[path] = text
      }
    }

    func resolvable(path: String) throws(StoreError) -> FileIndex? { files[path] }
    func contains(path: String) throws(StoreError) -> Bool { files[path] != nil }
    func indexedPaths() throws(StoreError) -> Set<String>? { Set(files.keys) }
    func definitions(named name: String, language: Language, pathGlob: String?) throws(StoreError) -> [SymbolMatch] {
      files.keys.sorted().filter { path in pathGlob.map { Self.glob($0, matches: path) } ?? true }.flatMap { path in
        let index = files[path]!
        return index.language == language
          ? index.symbols.filter { $0.name == name }.map { SymbolMatch(symbol: $0, path: path, language: language) } : []
      }
    }

    /// SQLite's GLOB for the patterns resolution writes (`*` only): each piece in order.
    static func glob(_ pattern: String, matches path: String) -> Bool {
      var rest = Substring(path)
      let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
      for (i, piece) in pieces.enumerated() {
        if i == 0 {
          guard rest.hasPrefix(piece) else { return false }
          rest = rest.dropFirst(piece.count)
        } else if i == pieces.count - 1 {
          return piece.isEmpty || rest.hasSuffix(piece)
        } else if let range = rest.range(of: piece) {
          rest = rest[range.upperBound...]
        } else {
          return false
        }
      }
      return rest.isEmpty
    }

    /// The position of the `occurrence`-th `needle` (1-based) on `line` of `path`.
    func position(_ path: String, line: Int, _ needle: String, occurrence: Int = 1) -> SourcePosition {
      let text = sources[path]!.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
      var from = text.startIndex
      var column = 0
      for _ in 0..<occurrence {
        let range = text[from...].range(of: needle)!
        column = text.utf8.distance(from: text.startIndex, to: range.lowerBound) + 1
        from = range.upperBound
      }
      return SourcePosition(line: line, column: column)
    }

    /// Where the use of `needle` on `line` resolves to, as `path:line:column resolution`, or "nothing".
    func resolve(_ path: String, line: Int, _ needle: String, occurrence: Int = 1) throws -> String {
      let at = position(path, line: line, needle, occurrence: occurrence)
      guard let found = try NameResolver(source: self).resolve(name: needle, path: path, at: at) else { return "nothing" }
      return "\(found.path):\(found.position.line):\(found.position.column) \(found.resolution.rawValue)"
    }
  }

  @Test func globalSendsAssignmentsAndUsesToTheFile() throws {
    let ws = Workspace([
      "m.py": """
      counter = 0
      def bump():
          global counter
          counter += 1
          return counter
      def shadow():
          counter = 5
          return counter
      """
    ])
    // With `global`, the use means the file's name (or the function's own rebinding of it, one line up).
    #expect(try ws.resolve("m.py", line: 5, "counter") == "m.py:4:5 scope")
    #expect(try ws.resolve("m.py", line: 4, "counter") == "m.py:4:5 scope")
    // Without it, assignment makes a local that hides the file's.
    #expect(try ws.resolve("m.py", line: 8, "counter") == "m.py:7:5 local")
    // One variable: the function's rebinding under `global` is the file's `counter`, the other function's is not.
    let resolver = NameResolver(source: ws)
    let file = try #require(try resolver.resolve(name: "counter", path: "m.py", at: ws.position("m.py", line: 1, "counter")))
    let rebound = try #require(try resolver.resolve(name: "counter", path: "m.py", at: ws.position("m.py", line: 5, "counter")))
    let shadow = try #require(try resolver.resolve(name: "counter", path: "m.py", at: ws.position("m.py", line: 8, "counter")))
    #expect(rebound.sameTarget(as: file))
    #expect(!shadow.sameTarget(as: file))
  }

  @Test func nonlocalReachesTheEnclosingFunctionNotTheFile() throws {
    let ws = Workspace([
      "m.py": """
      total = 100
      def outer():
          total = 0
          def inner():
              nonlocal total
              total += 1
              return total
          return inner
      """
    ])
    let answer = try ws.resolve("m.py", line: 7, "total")
    #expect(answer == "m.py:6:9 local" || answer == "m.py:3:5 local", "\(answer)")
    #expect(try ws.resolve("m.py", line: 6, "total") == "m.py:6:9 local")
    #expect(!answer.hasPrefix("m.py:1:"))
  }

  @Test func classBodiesAreInvisibleFromMethods() throws {
    let ws = Workspace([
      "m.py": """
      size = "module"
      class Box:
          size = 3
          doubled = size * 2
          def get(self):
              return size, self.size
      """
    ])
    // Inside the class body the class's own `size`; inside a method the file's, and `self.size` the class's.
    #expect(try ws.resolve("m.py", line: 4, "size") == "m.py:3:5 scope")
    #expect(try ws.resolve("m.py", line: 6, "size") == "m.py:1:1 scope")
    #expect(try ws.resolve("m.py", line: 6, "size", occurrence: 2) == "m.py:3:5 member")
  }

  @Test func comprehensionAndLambdaVariablesStayInside() throws {
    let ws = Workspace([
      "m.py": """
      def f(n):
          squares = [n * n for n in range(3)]
          g = lambda n: n + 1
          return n, squares, g
      """
    ])
    #expect(try ws.resolve("m.py", line: 2, "n") == "m.py:2:26 local")
    #expect(try ws.resolve("m.py", line: 3, "n", occurrence: 2) == "m.py:3:16 local")
    #expect(try ws.resolve("m.py", line: 4, "n") == "m.py:1:7 local")
    #expect(try ws.resolve("m.py", line: 4, "squares") == "m.py:2:5 local")
  }

  /// The right side of `x = f(x)` sees the earlier `x`; a branch not taken on the use's path does not win.
  @Test func flowPrefersTheBindingOnTheUsesOwnPath() throws {
    let ws = Workspace([
      "m.py": """
      def f(x, flag):
          x = x + 1
          if flag:
              y = 1
          else:
              y = 2
              return y
          return x, y
      """
    ])
    #expect(try ws.resolve("m.py", line: 2, "x", occurrence: 2) == "m.py:1:7 local")
    #expect(try ws.resolve("m.py", line: 8, "x") == "m.py:2:5 local")
    #expect(try ws.resolve("m.py", line: 7, "y") == "m.py:6:9 local")
  }

  /// Only one branch of an `if` runs: a use in `elif`/`else` cannot see the `if` branch's assignment, but
  /// a use after the statement sees the last assignment that may have run, in whichever branch.
  @Test func branchesOfOneStatementDoNotSeeEachOther() throws {
    let ws = Workspace([
      "m.py": """
      def f(line, kind):
          if kind == 1:
              line = "one"
          elif kind == 2:
              print(line)
          else:
              line = "other"
          return line
      """
    ])
    #expect(try ws.resolve("m.py", line: 5, "line") == "m.py:1:7 local")
    #expect(try ws.resolve("m.py", line: 8, "line") == "m.py:7:9 local")
  }

  @Test func importsAreFollowedIntoPackagesAndRelativeModules() throws {
    let ws = Workspace([
      "app/main.py": """
      from pkg.shapes import Circle as Round
      from . import util
      import pkg.shapes
      def run():
          return Round(1), util.helper(), pkg.shapes.Circle
      """,
      "app/__init__.py": "",
      "app/util.py": "def helper():\n    return 1\n",
      "pkg/__init__.py": "",
      "pkg/shapes.py": "class Shape:\n    def area(self):\n        return 0\nclass Circle(Shape):\n    pass\n",
    ])
    #expect(try ws.resolve("app/main.py", line: 5, "Round") == "pkg/shapes.py:4:7 import")
    #expect(try ws.resolve("app/main.py", line: 5, "helper") == "app/util.py:1:5 member")
    #expect(try ws.resolve("app/main.py", line: 5, "Circle") == "pkg/shapes.py:4:7 member")
    // The module named in an import statement is its file.
    #expect(try ws.resolve("app/main.py", line: 1, "shapes") == "pkg/shapes.py:1:1 import")
  }

  /// `from pkg import name` takes what `pkg/__init__.py` defines, else the submodule, else what it imports;
  /// a package's `__init__.py` that imports from `.tasks` binds `tasks`; `from os.path import x` reaches
  /// through the name `os.py` binds.
  @Test func packagesSubmodulesAndModuleAttributes() throws {
    let ws = Workspace([
      "zone/__init__.py": "from . import _tzpath\nfrom .tasks import *\nall = tasks.names + _tzpath.paths\n",
      "zone/_tzpath.py": "paths = []\n",
      "zone/tasks.py": "names = []\n",
      "os.py": "import posixpath as path\n",
      "posixpath.py": "devnull = '/dev/null'\n",
      "use.py": "from os.path import devnull\nprint(devnull)\n",
    ])
    #expect(try ws.resolve("zone/__init__.py", line: 3, "tasks") == "zone/tasks.py:1:1 import")
    #expect(try ws.resolve("zone/__init__.py", line: 3, "names") == "zone/tasks.py:1:1 member")
    #expect(try ws.resolve("zone/__init__.py", line: 3, "_tzpath") == "zone/_tzpath.py:1:1 import")
    #expect(try ws.resolve("zone/__init__.py", line: 3, "paths") == "zone/_tzpath.py:1:1 member")
    #expect(try ws.resolve("use.py", line: 2, "devnull") == "posixpath.py:1:1 import")
    // `from .main import main` in a package's __init__.py rebinds `main` over the submodule.
    let rebound = Workspace([
      "unit/__init__.py": "from .main import main\n", "unit/main.py": "class TestProgram:\n    pass\nmain = TestProgram\n",
      "t.py": "import unit\nunit.main()\n",
    ])
    #expect(try rebound.resolve("t.py", line: 2, "main") == "unit/main.py:3:1 member")
    // A star import: a name no scope binds is looked up in the module.
    let star = Workspace(["a.py": "from b import *\nfield()\n", "b.py": "def field():\n    pass\n"])
    #expect(try star.resolve("a.py", line: 2, "field") == "b.py:1:5 import")
  }

  @Test func membersFollowReceiversTypesAndBases() throws {
    let ws = Workspace([
      "m.py": """
      class Base:
          def close(self):
              pass
      class Other:
          def close(self):
              pass
      class Reader(Base):
          def read(self):
              self.close()
              return self
      def use(r: Reader, o):
          r.read()
          Other().close()
          o.close()
          made = Reader()
          made.read()
      """
    ])
    #expect(try ws.resolve("m.py", line: 9, "close") == "m.py:2:9 member")
    #expect(try ws.resolve("m.py", line: 12, "read") == "m.py:8:9 member")
    #expect(try ws.resolve("m.py", line: 16, "read") == "m.py:8:9 member")
    // A class called in place is an instance of it.
    #expect(try ws.resolve("m.py", line: 13, "close") == "m.py:5:9 member")
    // A receiver known only by inference (an unannotated parameter) is left to the name search.
    #expect(try ws.resolve("m.py", line: 14, "close") == "nothing")
  }

  /// `super().m` looks in the bases of the class around the method, not in the class itself.
  @Test func superLooksInTheBases() throws {
    let ws = Workspace([
      "m.py": """
      class Base:
          def save(self):
              pass
      class Child(Base):
          def save(self):
              super().save()
              return (lambda: super().save())
      """
    ])
    #expect(try ws.resolve("m.py", line: 6, "save") == "m.py:2:9 member")
    #expect(try ws.resolve("m.py", line: 7, "save") == "m.py:2:9 member")
  }

  @Test func keywordArgumentsNameTheCalleesParameter() throws {
    let ws = Workspace([
      "m.py": """
      def draw(width, height=1):
          return width * height
      class Pen:
          def __init__(self, colour):
              self.colour = colour
      draw(3, height=4)
      Pen(colour="red")
      """
    ])
    #expect(try ws.resolve("m.py", line: 6, "height") == "m.py:1:17 member")
    #expect(try ws.resolve("m.py", line: 7, "colour") == "m.py:4:24 member")
  }

  /// A class that names itself as its base and modules that import each other in a ring must end.
  @Test func cyclesEnd() throws {
    let ws = Workspace([
      "a.py": "from b import thing\nclass Loop(Loop):\n    pass\nLoop().missing\nthing\n",
      "b.py": "from a import thing\n",
    ])
    #expect(try ws.resolve("a.py", line: 4, "missing") == "nothing")
    #expect(try ws.resolve("a.py", line: 5, "thing") != "")
  }

  /// What an editor saves mid-keystroke: every prefix of a file that uses every rule, every name in it
  /// resolved. Nothing may trap or loop, and every answer must point into a file of the workspace.
  @Test func everyCutResolvesWithoutTrapping() throws {
    let text = """
      import os.path as p
      from . import sibling
      class A(A.B, sibling.Base):
          x: "A" = 1
          def m(self, y=lambda q: [q for q in y]):
              global z
              nonlocal w
              self.x = (v := y)
              return self.m(y=1).x, super().m, p.join
      A(y=2).m
      """
    let bytes = Array(text.utf8)
    var resolved = 0
    for cut in 0...bytes.count {
      let prefix = String(decoding: bytes[..<cut], as: UTF8.self)
      let ws = Workspace(["pkg/m.py": prefix, "pkg/sibling.py": "class Base:\n    x = 1\n", "pkg/__init__.py": ""])
      let file = try #require(ws.files["pkg/m.py"])
      for (name, positions) in zip(file.references.names, file.references.positions) {
        for position in positions {
          guard let found = try NameResolver(source: ws).resolve(name: name, path: "pkg/m.py", at: position) else { continue }
          resolved += 1
          #expect(ws.files[found.path] != nil, "cut \(cut): \(name) resolved outside the workspace")
          #expect(found.position.line >= 1 && found.position.column >= 1, "cut \(cut): \(name)")
        }
      }
    }
    #expect(resolved > bytes.count)
  }
}
