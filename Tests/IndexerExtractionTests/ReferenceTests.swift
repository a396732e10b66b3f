import IndexerExtraction
import IndexerModel
import Testing

/// References are identifiers in code: never inside a string or a comment, never a keyword.
@Suite struct ReferenceTests {
  /// Per language: source where `needle` appears in code at the listed line:column positions, and also
  /// inside every kind of string and comment the language has, which must not count.
  static let cases: [(Language, String, [String])] = [
    (.c, "/* needle */ int needle; // needle\nchar *s = \"needle\"; char c = 'n';\n#define X needle\nint f() { return needle; }\n", ["1:18", "3:11", "4:18"]),
    (.cpp, "// needle\nauto s = \"needle\";\nint needle = 1; /* needle\n needle */ int g() { return needle; }\n", ["3:5", "4:29"]),
    (.go, "package p\n// needle\nvar s = `needle\nneedle`\nvar needle = \"needle\"\nfunc f() rune { return 'n' + needle }\n", ["5:5", "6:30"]),
    (.java, "class A { /** needle */ int needle; String s = \"needle\"; String t = \"\"\"\nneedle\n\"\"\"; int f() { return needle; } }\n", ["1:29", "3:23"]),
    (.rust, "/* /* needle */ needle */ fn needle() -> &'static str { r#\"needle\"# }\n// needle\nfn g() { needle(); }\n", ["1:30", "3:10"]),
    // A template's `${…}` is code: its names are references; its text is not.
    (.javascript, "const s = `needle ${needle}`; // needle\nconst r = /needle/g; let needle = 'needle';\n/* needle */ needle();\n", ["1:21", "2:26", "3:14"]),
    (.typescript, "let needle: string = \"needle\"; // needle\n/* needle */ export function f(): void { needle.trim(); }\n", ["1:5", "2:42"]),
    (.python, "needle = 'needle'  # needle\ns = \"\"\"needle\nneedle\"\"\"\nt = f\"{needle}\" + r'needle'\ndef f(): return needle\n", ["1:1", "5:17"]),
    (.swift, "let needle = \"needle\" // needle\n/* needle */ let s = \"\"\"\nneedle\n\"\"\"\nfunc f() -> String { needle }\n", ["1:5", "5:22"]),
  ]

  @Test(arguments: cases.indices)
  func referencesSkipStringsAndComments(_ i: Int) {
    let (language, source, expected) = Self.cases[i]
    let references = ExtractorRegistry.extractor(for: language).extract(source).references
    let found = references.positions(of: "needle").map { "\($0.line):\($0.column)" }
    #expect(found == expected, "\(language)")
  }

  @Test func keywordsAreNotReferencesButEveryOtherNameIs() {
    let references = CExtractor(language: .c).extract("static int count(struct list *l) { return l->size + count(l); }\n").references
    #expect(Set(references.names) == ["count", "list", "l", "size"])
    #expect(references.positions(of: "l").count == 3)
    #expect(references.count == 7)
  }
}
