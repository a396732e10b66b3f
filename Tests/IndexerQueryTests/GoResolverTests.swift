import IndexerExtraction
import IndexerModel
@testable import IndexerQuery
import IndexerStore
import Testing

/// Go's scope, package and selector rules through the real reader and the real resolver, over files held
/// in memory.
@Suite struct GoResolverTests {
  typealias Workspace = NameResolverTests.Workspace

  @Test func shortDeclarationsAreSeenAfterTheirStatementAndBlocksShadow() throws {
    let ws = Workspace([
      "app/main.go": """
      package main

      var count = 1

      func run(items []int, limit int) int {
      	count := count + limit
      	if n := len(items); n > count {
      		count := n
      		return count
      	} else {
      		return n
      	}
      	for i, item := range items {
      		count += i + item
      	}
      	return count
      }
      """
    ])
    let a = "app/main.go"
    #expect(try ws.resolve(a, line: 6, "count", occurrence: 2) == "\(a):3:5 scope")  // `x := x`: the right side is the outer one
    #expect(try ws.resolve(a, line: 6, "limit") == "\(a):5:23 local")
    #expect(try ws.resolve(a, line: 7, "count") == "\(a):6:2 local")
    #expect(try ws.resolve(a, line: 9, "count") == "\(a):8:3 local")  // the block's own
    #expect(try ws.resolve(a, line: 11, "n") == "\(a):7:5 local")  // the `if`'s init reaches its `else`
    #expect(try ws.resolve(a, line: 14, "item") == "\(a):13:9 local")
    #expect(try ws.resolve(a, line: 16, "count") == "\(a):6:2 local")
  }

  @Test func packageLevelNamesAcrossFilesImportsAndSelectors() throws {
    let ws = Workspace([
      "shop/cart.go": """
      package shop

      import (
      	"strings"
      	fmtx "shop/format"
      )

      type Cart struct {
      	Items []Item
      	owner *Owner
      	Base
      }

      func NewCart() *Cart { return &Cart{owner: &Owner{}} }

      func (c *Cart) Total() int {
      	c.owner.Greet()
      	c.Reset()
      	return fmtx.Width(strings.TrimSpace(c.owner.Name))
      }

      func use() {
      	cart := NewCart()
      	cart.Total()
      	other := Cart{Items: nil}
      	other.Total()
      }
      """,
      "shop/owner.go": """
      package shop

      type Owner struct{ Name string }

      func (o *Owner) Greet() {}

      type Base struct{}

      func (b Base) Reset() {}
      """,
      "shop/format/width.go": """
      package format

      func Width(s string) int { return len(s) }
      """,
    ])
    let c = "shop/cart.go"
    #expect(try ws.resolve(c, line: 10, "Owner") == "shop/owner.go:3:6 scope")  // another file of the package
    #expect(try ws.resolve(c, line: 17, "Greet") == "shop/owner.go:5:17 member")  // a field's written type
    #expect(try ws.resolve(c, line: 18, "Reset") == "shop/owner.go:9:15 member")  // promoted from an embedded type
    #expect(try ws.resolve(c, line: 19, "Width") == "shop/format/width.go:3:6 member")  // an aliased import
    #expect(try ws.resolve(c, line: 19, "Name") == "shop/owner.go:3:20 member")
    #expect(try ws.resolve(c, line: 19, "fmtx") == "\(c):5:2 import")
    #expect(try ws.resolve(c, line: 24, "Total") == "\(c):16:16 member")  // a function's declared result
    #expect(try ws.resolve(c, line: 25, "Items") == "\(c):9:2 member")  // a composite literal's key
    #expect(try ws.resolve(c, line: 26, "Total") == "\(c):16:16 member")
    #expect(try ws.resolve(c, line: 14, "owner") == "\(c):10:2 member")
  }

  @Test func switchClausesAndFunctionLiteralsAreScopes() throws {
    let ws = Workspace([
      "p/p.go": """
      package p

      func f(v interface{}) func() int {
      	switch x := v.(type) {
      	case int:
      		y := x
      		return func() int { return y }
      	default:
      		y := 0
      		_ = x
      		return func() int { z := y; return z }
      	}
      }
      """
    ])
    let p = "p/p.go"
    #expect(try ws.resolve(p, line: 6, "x") == "\(p):4:9 local")
    #expect(try ws.resolve(p, line: 7, "y") == "\(p):6:3 local")
    #expect(try ws.resolve(p, line: 11, "y") == "\(p):9:3 local")  // its own clause's `y`
    #expect(try ws.resolve(p, line: 11, "z", occurrence: 2) == "\(p):11:23 local")
  }

  /// Of declarations in files built for different machines, the one built here (linux/amd64) comes first.
  @Test func filesBuiltForThisMachineRankFirst() throws {
    #expect(!GoResolver.builtHere("os/types_plan9.go") && GoResolver.builtHere("os/types_unix.go"))
    #expect(!GoResolver.builtHere("syscall/zerrors_linux_386.go") && GoResolver.builtHere("syscall/zerrors_linux_amd64.go"))
    #expect(!GoResolver.builtHere("net/fd_windows_test.go") && GoResolver.builtHere("net/fd_linux_test.go"))
    #expect(GoResolver.builtHere("go/types/api.go") && GoResolver.builtHere("strings/builder.go"))
    let ws = Workspace([
      "os/stat.go": "package os\n\nfunc stat() int { return HDRLEN }\n",
      "os/z_windows.go": "package os\n\nconst HDRLEN = 2\n",
      "os/z_linux.go": "package os\n\nconst HDRLEN = 1\n",
    ])
    #expect(try ws.resolve("os/stat.go", line: 3, "HDRLEN") == "os/z_linux.go:3:7 scope")
  }

  /// Half-typed files give fewer answers, never a trap or a hang.
  @Test func truncatedFilesNeverTrap() throws {
    let text = """
      package p
      import ( f "fmt"; "strings" )
      type T[K comparable] struct { A, B int; *Base; m map[K]func(x int) (y int) }
      func (t *T[K]) M(a ...int) (n int, err error) { if x := t.A; x > 0 { for i := range a { f.Println(i) } }
      switch v := any(t).(type) { case *T[K]: _ = v; default: go func() { defer recover() }() }; return T[K]{A: 1}.A, nil }
      var ( a, b = 1, "s"; c struct{ d int } )
      """
    let bytes = Array(text.utf8)
    for cut in 0...bytes.count {
      let prefix = String(decoding: bytes[0..<cut], as: UTF8.self)
      let ws = Workspace(["p/p.go": prefix, "p/q.go": "package p\ntype Base struct{ Z int }\n"])
      for name in ["A", "x", "i", "f", "v", "d", "K", "Println"] where prefix.contains(name) {
        let line = prefix.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(name) }! + 1
        _ = try ws.resolve("p/p.go", line: line, name)
      }
    }
  }
}
