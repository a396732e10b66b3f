import Testing

@testable import IndexerQuery

/// The path rules a ranked search orders by: code in a test folder or test file after the rest, and a
/// module or folder named with a leading underscore (not a package marker) after public ones.
@Suite struct SearchOrderPathTests {
  @Test(arguments: [
    ("kernel/fork.c", false),
    ("tools/testing/selftests/bpf/prog.c", true),
    ("Lib/test/test_os.py", true),
    ("src/Tests/Foo.swift", true),
    ("src/TESTDATA/x.go", true),
    ("pkg/contest/x.go", false),
    ("a/__tests__/b.js", true),
    ("lib/test_helpers.py", true),
    ("lib/mytest_helpers.py", false),
    ("src/TestFoo.java", true),
    ("src/TestFoo.kt", false),
    ("net/http/server_test.go", true),
    ("Sources/AppTests.swift", true),
    ("web/button.spec.tsx", true),
    ("web/button.tsx", false),
    ("test", false),
  ])
  func testPaths(_ path: String, _ expected: Bool) {
    #expect(SearchOrder.isTestPath(path) == expected, "\(path)")
  }

  @Test(arguments: [
    ("Lib/_pyio.py", true),
    ("Lib/asyncio/__init__.py", false),
    ("Lib/asyncio/__main__.py", false),
    ("Lib/_collections_abc.py", true),
    ("_private/mod.py", true),
    ("pkg/__init__/x.py", true),
    ("drivers/net/e1000_main.c", false),
    ("include/linux/__builtin.h", true),
    ("", false),
  ])
  func privatePaths(_ path: String, _ expected: Bool) {
    #expect(SearchOrder.isPrivatePath(path) == expected, "\(path)")
  }
}
