import IndexerExtraction
import IndexerModel
import Testing

@Suite struct JavaScriptExtractorTests {
  private func names(_ source: String) -> [String] {
    JavaScriptExtractor(language: .javascript).extract(source).symbols.map(\.qualifiedName)
  }

  @Test func templatesAndRegexesNeitherHideNorInventDefinitions() {
    let source = """
      const a = `${ { b: "}" } } function fake() {}`;
      const re = /function notReal() { }/;
      const half = total / 2; function after() {}
      """
    #expect(names(source) == ["a", "re", "half", "after"])
  }

  @Test func automaticSemicolonsEndStatements() {
    #expect(names("const x = 1\nfunction f() {}\nlet y = x\n  .map(z => z)\nclass C {}\n") == ["x", "f", "y", "C"])
  }

  @Test func arrowFunctionsBoundToNamesAreFunctions() {
    let index = JavaScriptExtractor().extract("export const f = (a) => a * 2;\nconst g = async x => x;\nconst n = 3;")
    #expect(index.symbols.map(\.kind) == [.function, .function, .constant])
  }

  /// Functions and classes inside a function are definitions (the function is their container); its plain
  /// locals are not (issue 9).
  @Test func functionBodiesYieldTheirFunctionsNotTheirLocals() {
    #expect(
      names("function outer() { const inner = () => {}; let n = 1; class Local {} }\nclass K { m() { let z = 1 } }")
        == ["outer", "outer.inner", "outer.Local", "K", "K.m"])
  }

  /// What people write: IIFE and UMD wrappers, member-assigned functions, prototypes, CommonJS exports, object
  /// literals, and several bindings in one statement, each on its own line.
  @Test func javascriptAsPeopleWriteIt() {
    let source = """
      (function (root, factory) {
        function inner(a) { return a; }
        var helper = function () {};
      })(this, function () {});
      res.render = function render(view) {};
      A.prototype.b = function () {};
      module.exports.x = () => 1;
      var obj = { method() {}, key: function () {}, value: 3 };
      var a = 1,
          b = 2;
      if (x == y) { z = 1; }
      """
    let index = JavaScriptExtractor().extract(source)
    let described = index.symbols.map { "\($0.kind.rawValue) \($0.qualifiedName) \($0.range.start.line)" }
    #expect(
      described == [
        "function inner 2", "function helper 3", "function res.render 5", "function render 5", "method A.b 6", "function module.exports.x 7",
        "variable obj 8", "method obj.method 8", "method obj.key 8", "property obj.value 8", "variable a 9", "variable b 10",
      ])
  }

  /// Definitions inside blocks and expressions, as ctags and a real parser (Benchmarks/referee.js) find them:
  /// control-flow and bare blocks, class expressions, comma-chained and returned assignments, arrow bodies
  /// with parameter lists, `let` without a value line by line; an IIFE inside a function keeps its locals out.
  @Test func blocksAndExpressions() {
    let source = """
      if (typeof window !== 'undefined') { window.thing = function () {}; var inIf = 1; } else { other = function () {}; }
      { var inBlock = { a: 1 }; }
      let Adder$1 = class Adder { add(x) { return x; } };
      exports.wrap = wrap, exports.mark = function (g) {};
      function ctx() { return this.delegate = { iterator: 1 }; }
      const plugins = ({ a, b }) => { const options = { method: 1 }; };
      let delimiters
      let transforms
      function factory() { var Sizzle = (function (w) { var local = 1; function find() {} })(w); }
      """
    let index = JavaScriptExtractor().extract(source)
    let described = index.symbols.map { "\($0.kind.rawValue) \($0.qualifiedName) \($0.range.start.line)" }
    #expect(
      described == [
        "function window.thing 1", "variable inIf 1", "function other 1", "variable inBlock 2", "property inBlock.a 2",
        "class Adder$1 3", "class Adder 3", "method Adder$1.add 3", "function exports.mark 4", "function ctx 5",
        "property ctx.this.delegate 5", "property ctx.this.delegate.iterator 5", "function plugins 6",
        "constant plugins.options 6", "property plugins.options.method 6", "variable delimiters 7", "variable transforms 8",
        "function factory 9", "function factory.find 9",
      ])
  }

  /// String keys are named by their value, as the language reads them (and ctags names them).
  @Test func stringKeysAreNamedByTheirValue() {
    let index = JavaScriptExtractor().extract("var m = {'\\xAD': 1, \"\\u00e9t\\u{1F600}\": 2, 'a\\'b': 3, '\\u{110000}': 4};")
    #expect(index.symbols.map(\.name) == ["m", "\u{AD}", "ét😀", "a'b", "\\u{110000}"])
  }

  /// A cast writes the type it casts to, and a union of named types is kept as its constituents in order
  /// (`|A|B`): member lookup tries each. `as const` and a union with a non-name part write no type.
  @Test func castsAndUnionsWriteBindingTypes() {
    let source = """
      type Shape = | Circle | ns.Square<T> | null;
      type Mixed = Circle | { side: number };
      function f(input: unknown, either: "none" | Circle | undefined) {
        const circle = input as Circle;
        const twice = (input as Shape) as ns.Square;
        const frozen = [1, 2] as const;
        const opaque = input as unknown;
      }
      """
    let scopes = JavaScriptExtractor(language: .typescript).extract(source).scopes
    let types = Dictionary(scopes.bindings.map { ($0.name, $0.typeName) }, uniquingKeysWith: { a, _ in a })
    #expect(types["Shape"] == "|Circle|ns.Square")
    #expect(types["Mixed"] == "")
    #expect(types["either"] == "Circle")
    #expect(types["circle"] == "Circle")
    #expect(types["twice"] == "ns.Square")
    #expect(types["frozen"] == "")
    #expect(types["opaque"] == "")
    // An object type written as a result or a variable's type is a scope of its members.
    let inline = JavaScriptExtractor(language: .typescript).extract(
      """
      function sizing(): { unit: string } | null { return null; }
      const spec: { limit: number } = { limit: 1 };
      const other: { a: number } | string = "";
      function limited(options: { max: number; label?: string }): number { return options.max; }
      """
    ).scopes
    let max = inline.bindings.first { $0.name == "max" }
    #expect(max.map { "@scope:\($0.scope)" } == inline.bindings.first { $0.name == "options" }?.typeName)
    let sizing = inline.bindings.first { $0.name == "sizing" }
    let spec = inline.bindings.first { $0.name == "spec" }
    let unit = inline.bindings.first { $0.name == "unit" }
    let limits = inline.bindings.filter { $0.name == "limit" }
    #expect(unit.map { "returns:@scope:\($0.scope)" } == sizing?.typeName)
    #expect(unit.map { inline.scopes[$0.scope].kind } == .type)
    #expect(limits.count == 2 && spec?.typeName == "@scope:\(limits[0].scope)")
    #expect(inline.bindings.first { $0.name == "other" }?.typeName == "")
    // Every cut of it reads without a trap and yields no type that is not in the text.
    let bytes = Array(source.utf8)
    for cut in 0...bytes.count {
      for binding in JavaScriptExtractor(language: .typescript).extract(Array(bytes[..<cut])).scopes.bindings {
        for part in binding.typeName.split(separator: "|") { #expect(source.contains(part.drop { $0 == "=" })) }
      }
    }
  }
}
