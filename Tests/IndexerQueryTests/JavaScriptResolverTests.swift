import IndexerExtraction
import IndexerModel
@testable import IndexerQuery
import IndexerStore
import Testing

/// JavaScript's and TypeScript's scope, import and member rules through the real reader and the real
/// resolver, over files held in memory.
@Suite struct JavaScriptResolverTests {
  typealias Workspace = NameResolverTests.Workspace

  @Test func varHoistsToTheFunctionLetAndConstStayInTheirBlock() throws {
    let ws = Workspace([
      "a.js": """
      let x = 1;
      function f(x) {
        if (x) {
          var hoisted = x;
          let inner = 2;
          const x = inner;
        }
        return hoisted + x + inner;
      }
      """
    ])
    #expect(try ws.resolve("a.js", line: 3, "x") == "a.js:2:12 local")  // the parameter hides the file's `x`
    #expect(try ws.resolve("a.js", line: 8, "hoisted") == "a.js:4:9 local")  // `var` is the function's
    #expect(try ws.resolve("a.js", line: 8, "x") == "a.js:2:12 local")  // the block's `const x` is not seen here
    #expect(try ws.resolve("a.js", line: 6, "inner") == "a.js:5:9 local")
    #expect(try ws.resolve("a.js", line: 8, "inner") == "nothing")  // out of its block: no binding, a name search
  }

  @Test func functionDeclarationsAreSeenBeforeTheyStand() throws {
    let ws = Workspace([
      "a.js": """
      function outer() {
        return later() + helper;
        function later() { return 1; }
      }
      const helper = 2;
      """
    ])
    #expect(try ws.resolve("a.js", line: 2, "later") == "a.js:3:12 local")
    #expect(try ws.resolve("a.js", line: 2, "helper") == "a.js:5:7 scope")
  }

  @Test func destructuringBindsTheNamesNotTheKeys() throws {
    let ws = Workspace([
      "a.js": """
      const { depth, nested: renamed, ...rest } = options();
      const [first, , third = depth] = list();
      function g({ a, b: [c] }, ...others) { return a + c + others + renamed + rest + first + third; }
      """
    ])
    #expect(try ws.resolve("a.js", line: 2, "depth") == "a.js:1:9 scope")
    #expect(try ws.resolve("a.js", line: 3, "a", occurrence: 2) == "a.js:3:14 local")
    #expect(try ws.resolve("a.js", line: 3, "c", occurrence: 3) == "a.js:3:21 local")
    #expect(try ws.resolve("a.js", line: 3, "others", occurrence: 2) == "a.js:3:30 local")
    #expect(try ws.resolve("a.js", line: 3, "renamed") == "a.js:1:24 scope")
    #expect(try ws.resolve("a.js", line: 3, "rest") == "a.js:1:36 scope")
    #expect(try ws.resolve("a.js", line: 3, "third", occurrence: 1) == "a.js:2:17 scope")
    // `nested:` is a key of the value, not a binding: nothing here defines it.
    #expect(try ws.resolve("a.js", line: 1, "nested") == "nothing")
  }

  @Test func forCatchAndArrowParametersAreScopedToTheirStatement() throws {
    let ws = Workspace([
      "a.js": """
      const item = 0;
      for (const item of items) { use(item); }
      try { run(); } catch (err) { use(err, item); }
      const twice = values.map(item => item * 2);
      const sum = (a, b) => a + b + item;
      """
    ])
    #expect(try ws.resolve("a.js", line: 2, "item", occurrence: 3) == "a.js:2:12 scope")  // a top-level loop: not in a function
    #expect(try ws.resolve("a.js", line: 3, "err", occurrence: 2) == "a.js:3:23 scope")
    #expect(try ws.resolve("a.js", line: 3, "item") == "a.js:1:7 scope")
    #expect(try ws.resolve("a.js", line: 4, "item", occurrence: 2) == "a.js:4:26 local")
    #expect(try ws.resolve("a.js", line: 5, "b", occurrence: 2) == "a.js:5:17 local")
    #expect(try ws.resolve("a.js", line: 5, "item") == "a.js:1:7 scope")
  }

  @Test func importsFollowRelativePathsIndexFilesAndReExports() throws {
    let ws = Workspace([
      "src/app.ts": """
      import { Store, helper as assist } from './store';
      import * as util from './util';
      import Default from './store/index';
      import { deep } from './barrel';
      assist(util.sum(1, 2), new Default(), deep, Store);
      """,
      "src/store/index.ts": """
      export class Store {}
      export function helper(n: number) { return n; }
      export default Store;
      """,
      "src/util.ts": "export function sum(a: number, b: number) { return a + b; }",
      "src/barrel.ts": "export * from './deep/leaf';",
      "src/deep/leaf.ts": "const x = 1;\nexport { x as deep };",
    ])
    let app = "src/app.ts"
    #expect(try ws.resolve(app, line: 5, "assist") == "src/store/index.ts:2:17 import")
    #expect(try ws.resolve(app, line: 1, "helper") == "src/store/index.ts:2:17 import")  // the name taken
    #expect(try ws.resolve(app, line: 5, "sum") == "src/util.ts:1:17 member")
    #expect(try ws.resolve(app, line: 5, "Default") == "src/store/index.ts:1:14 import")  // `export default Store`
    #expect(try ws.resolve(app, line: 5, "deep") == "src/deep/leaf.ts:1:7 import")  // through `export *` and a rename, to what is renamed
    #expect(try ws.resolve(app, line: 5, "Store") == "src/store/index.ts:1:14 import")
  }

  @Test func commonJSRequireAndExports() throws {
    let ws = Workspace([
      "main.js": """
      const lib = require('./lib');
      const { parse } = require('./lib');
      const Widget = require('./widget');
      lib.count(parse('1'));
      new Widget().draw();
      """,
      "lib.js": """
      function count(x) { return x ? 1 : 0; }
      exports.parse = function (s) { return Number(s); };
      module.exports.count = count;
      """,
      "widget.js": """
      class Widget {
        draw() {}
      }
      module.exports = Widget;
      """,
    ])
    #expect(try ws.resolve("main.js", line: 4, "count") == "lib.js:1:10 member")  // `module.exports.count = count`: the function
    #expect(try ws.resolve("main.js", line: 4, "parse") == "lib.js:2:9 import")
    #expect(try ws.resolve("main.js", line: 5, "Widget") == "widget.js:1:7 import")
    #expect(try ws.resolve("main.js", line: 5, "draw") == "widget.js:2:3 member")
    #expect(try ws.resolve("widget.js", line: 4, "module") == "widget.js:4:18 scope")  // where module.exports is assigned
  }

  /// Babel's CommonJS output: exports declared `void 0` first and assigned their declaration later; keys of
  /// objects nothing names, and properties made by assignment, are their own definitions.
  @Test func commonJSExportsAssignedLaterKeysAndExpandos() throws {
    let ws = Workspace([
      "gen.js": """
      exports.PLACEHOLDERS = void 0;
      const PLACEHOLDERS = ["Identifier"];
      exports.PLACEHOLDERS = PLACEHOLDERS;
      module.exports.extra = 1;
      configure({ loose: true, plugins: [] });
      process.env.MODE = "server";
      """
    ])
    #expect(try ws.resolve("gen.js", line: 1, "PLACEHOLDERS") == "gen.js:2:7 scope")
    #expect(try ws.resolve("gen.js", line: 3, "PLACEHOLDERS", occurrence: 2) == "gen.js:2:7 scope")
    #expect(try ws.resolve("gen.js", line: 5, "loose") == "gen.js:5:13 scope")
    #expect(try ws.resolve("gen.js", line: 6, "MODE") == "gen.js:6:13 member")
    #expect(try ws.resolve("gen.js", line: 4, "exports") == "gen.js:1:1 scope")  // `module.exports`: the module
  }

  @Test func membersThroughThisSuperAnnotationsAndConstructions() throws {
    let ws = Workspace([
      "a.ts": """
      class Base {
        save(): void {}
      }
      interface Named { name: string; }
      class Cache<T> extends Base implements Named {
        name = "c";
        private items: T[] = [];
        constructor(private readonly backend: Base) {
          super();
          this.count = 0;
        }
        add(item: T): Cache<T> {
          this.save();
          super.save();
          this.backend.save();
          const fn = () => this.items;
          return this;
        }
        other(n: Named) { return n.name; }
      }
      function make(): Cache<number> { return new Cache(new Base()); }
      const made = make();
      made.add(1).save();
      const literal = { depth: 2, nested: { flag: true } };
      literal.nested.flag;
      """
    ])
    #expect(try ws.resolve("a.ts", line: 13, "save") == "a.ts:2:3 member")  // through the base class
    #expect(try ws.resolve("a.ts", line: 14, "save") == "a.ts:2:3 member")
    #expect(try ws.resolve("a.ts", line: 15, "backend") == "a.ts:8:32 member")  // a parameter property
    #expect(try ws.resolve("a.ts", line: 15, "save") == "a.ts:2:3 member")
    #expect(try ws.resolve("a.ts", line: 16, "items") == "a.ts:7:11 member")  // an arrow keeps `this`
    #expect(try ws.resolve("a.ts", line: 19, "name") == "a.ts:4:19 member")  // an annotated parameter
    #expect(try ws.resolve("a.ts", line: 23, "add") == "a.ts:12:3 member")  // a function's written result
    #expect(try ws.resolve("a.ts", line: 23, "save") == "a.ts:2:3 member")  // a method's written result
    #expect(try ws.resolve("a.ts", line: 25, "flag") == "a.ts:24:39 member")  // an object literal's keys
    #expect(try ws.resolve("a.ts", line: 10, "count") == "a.ts:10:10 member")  // set through `this`, declared nowhere else
  }

  @Test func typeParametersAndTypesShareTheScopes() throws {
    let ws = Workspace([
      "a.ts": """
      type Pair<K> = { key: K; value: Entry };
      interface Entry { id: number }
      function first<T>(items: T[]): T { return items[0]; }
      enum Color { Red, Green }
      namespace Shapes { export const side = 1; export function area() { return side; } }
      const c: Color = Color.Green;
      Shapes.area();
      type Partial2<T> = { [K in keyof T]?: T[K] };
      type Unbox<T> = T extends Array<infer Item> ? Item : T;
      """
    ])
    #expect(try ws.resolve("a.ts", line: 8, "K", occurrence: 2) == "a.ts:8:23 scope")  // a mapped type's key
    #expect(try ws.resolve("a.ts", line: 9, "Item", occurrence: 2) == "a.ts:9:39 scope")  // `infer Item`
    #expect(try ws.resolve("a.ts", line: 1, "K", occurrence: 2) == "a.ts:1:11 scope")
    #expect(try ws.resolve("a.ts", line: 1, "Entry") == "a.ts:2:11 scope")  // an interface declared further down
    #expect(try ws.resolve("a.ts", line: 3, "T", occurrence: 2) == "a.ts:3:16 local")
    #expect(try ws.resolve("a.ts", line: 6, "Green") == "a.ts:4:19 member")
    #expect(try ws.resolve("a.ts", line: 5, "side", occurrence: 2) == "a.ts:5:33 scope")
    #expect(try ws.resolve("a.ts", line: 7, "area") == "a.ts:5:59 member")
  }

  /// Half-typed and damaged files give fewer answers, never a trap or a hang.
  @Test func truncatedFilesNeverTrap() throws {
    let text = """
      import { a as b } from './x';
      export default class K<T> extends B<{ x: T }> implements I {
        #p = 1; static { init(); } get v(): number { return this.#p; }
        m({ k: [q = (r) => ({ s: r })] }, ...t) { for (const [u, v] of w) { try {} catch { } } }
      }
      module.exports = { a, b: function () { return this.a; } };
      const f = async <T,>(x: T): Promise<T> => x, g = function* () { yield* f(1); };
      label: { break label; } `tpl ${ a + `in ${b}` }` /re[/]/g.test(s);
      """
    let bytes = Array(text.utf8)
    for language in ["a.ts", "a.js"] {
      for cut in 0...bytes.count {
        let prefix = String(decoding: bytes[0..<cut], as: UTF8.self)
        let ws = Workspace([language: prefix, "x.ts": "export const a = 1;"])
        for name in ["b", "a", "r", "u", "init", "x", "f"] where prefix.contains(name) {
          let line = prefix.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(name) }! + 1
          _ = try ws.resolve(language, line: line, name)
        }
      }
    }
  }
}
