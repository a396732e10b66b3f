import IndexerQuery
import Testing

/// `git diff --unified=0` read into changed lines per file (the new side), as `impact` maps them.
@Suite struct ChangedLinesTests {
  @Test func hunksGiveTheNewSidesLines() {
    let diff = """
      diff --git a/calls.py b/calls.py
      index 1111111..2222222 100644
      --- a/calls.py
      +++ b/calls.py
      @@ -5 +5 @@ def leaf(x):
      -    return x + 1
      +    return x + 2
      @@ -9,0 +10,3 @@ def middle(x):
      +    a = 1
      +    b = 2
      +    c = 3
      @@ -20,2 +23,0 @@ class Runner:
      diff --git a/gone.py b/gone.py
      deleted file mode 100644
      --- a/gone.py
      +++ /dev/null
      @@ -1,2 +0,0 @@
      diff --git a/new.py b/new.py
      new file mode 100644
      --- /dev/null
      +++ b/new.py
      @@ -0,0 +1,2 @@
      +def made():
      +    pass
      """
    let changed = ChangedLines.parse(diff: diff)
    #expect(changed.files["calls.py"] == [5...5, 10...12, 23...23])
    #expect(changed.files["new.py"] == [1...2])
    #expect(changed.files["gone.py"] == nil)
    // Damage: no crash, nothing made up.
    #expect(ChangedLines.parse(diff: "+++ b/x.py\n@@ -1 +99999999999999999999,5 @@\n@@ junk\n").files["x.py"] == nil)
  }
}
