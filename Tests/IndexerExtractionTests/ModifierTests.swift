import IndexerExtraction
import IndexerModel
import Testing

/// Access and `static` are filled wherever the source spells them (issue 9), and left empty where it does not.
@Suite struct ModifierTests {
  private func described(_ language: Language, _ source: String) -> [String] {
    ExtractorRegistry.extractor(for: language).extract(source).symbols.map {
      "\($0.name) \($0.access?.rawValue ?? "-")\($0.isStatic ? " static" : "")"
    }
  }

  @Test func java() {
    let source = "public class A {\n  private static int n;\n  protected void m() {}\n  int plain;\n  public static final int X = 1, Y = 2;\n}\n"
    #expect(described(.java, source) == ["A public", "n private static", "m protected", "plain -", "X public static", "Y public static"])
  }

  @Test func typescript() {
    let source = "class A {\n  private x = 1;\n  static make() {}\n  protected y: number;\n  #secret = 2;\n  plain() {}\n}\n"
    #expect(described(.typescript, source) == ["A -", "x private", "make - static", "y protected", "secret private", "plain -"])
  }

  @Test func rust() {
    let source = "pub struct S { pub a: u8, b: u8 }\npub(crate) fn f() {}\nfn g() {}\n"
    #expect(described(.rust, source) == ["S public", "a public", "b -", "f internal", "g -"])
  }

  @Test func cStatic() {
    #expect(described(.c, "static int counter;\nint shared;\nstatic void helper(void) {}\n") == ["counter - static", "shared -", "helper - static"])
  }

  /// C++ access comes from the labels in a class body; before any label nothing is spelled.
  @Test func cppAccessLabels() {
    let source = "class A {\n  int hidden;\n public:\n  A();\n  void run();\n protected:\n  int kept;\n private:\n  static int count;\n};\n"
    #expect(described(.cpp, source) == ["A -", "hidden -", "A public", "run public", "kept protected", "count private static"])
  }
}
