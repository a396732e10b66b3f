import IndexerExtraction
import IndexerModel
@testable import IndexerQuery
import IndexerStore
import Testing

/// Java's scope, import, package and member rules through the real reader and the real resolver, over files
/// held in memory.
@Suite struct JavaResolverTests {
  typealias Workspace = NameResolverTests.Workspace

  @Test func localsShadowFieldsInTheirBlockAndAfterTheirDeclarator() throws {
    let ws = Workspace([
      "src/p/Counter.java": """
      package p;

      class Counter {
        int count;
        int run(int[] items, int limit) {
          int before = count;
          for (int i = 0; i < limit; i++) {
            int count = i;
            before += count;
          }
          for (int item : items) { before += item; }
          try (java.io.Reader r = open()) {
            r.read();
          } catch (java.io.IOException | RuntimeException e) {
            e.printStackTrace();
          }
          Object o = this;
          if (o instanceof Counter c) { return c.count + count; }
          java.util.function.IntUnaryOperator twice = x -> x * 2 + limit;
          return before + count;
        }
        java.io.Reader open() { return null; }
      }
      """
    ])
    let a = "src/p/Counter.java"
    #expect(try ws.resolve(a, line: 6, "count") == "\(a):4:7 scope")  // the field, before any local of that name
    #expect(try ws.resolve(a, line: 7, "limit") == "\(a):5:28 local")
    #expect(try ws.resolve(a, line: 9, "count") == "\(a):8:11 local")  // the block's own
    #expect(try ws.resolve(a, line: 9, "before") == "\(a):6:9 local")
    #expect(try ws.resolve(a, line: 11, "item", occurrence: 3) == "\(a):11:14 local")
    #expect(try ws.resolve(a, line: 13, "r") == "\(a):12:25 local")
    #expect(try ws.resolve(a, line: 12, "open") == "\(a):22:18 scope")
    #expect(try ws.resolve(a, line: 15, "e") == "\(a):14:53 local")
    #expect(try ws.resolve(a, line: 18, "c", occurrence: 3) == "\(a):18:30 local")  // the pattern variable
    #expect(try ws.resolve(a, line: 18, "count", occurrence: 1) == "\(a):4:7 member")  // `c.count`: the field
    #expect(try ws.resolve(a, line: 18, "count", occurrence: 2) == "\(a):4:7 scope")  // the block's local has ended
    #expect(try ws.resolve(a, line: 19, "x", occurrence: 2) == "\(a):19:49 local")  // the lambda's parameter
    #expect(try ws.resolve(a, line: 19, "limit") == "\(a):5:28 local")
  }

  @Test func importsPackagesInheritanceAndMembers() throws {
    let ws = Workspace([
      "src/main/java/shop/model/Item.java": """
      package shop.model;

      public class Item extends Entity implements Priced {
        public final String name;
        public Item(String name) { this.name = name; }
        public Item with(String other) { return new Item(other); }
        public static Item of(String name) { return new Item(name); }
        public static class Builder { public Item build() { return null; } }
      }
      """,
      "src/main/java/shop/model/Entity.java": """
      package shop.model;

      public abstract class Entity {
        protected long id;
        public long id() { return id; }
      }
      """,
      "src/main/java/shop/model/Priced.java": """
      package shop.model;

      public interface Priced { default int price() { return 0; } }
      """,
      "src/main/java/shop/Cart.java": """
      package shop;

      import shop.model.Item;
      import static shop.model.Item.of;
      import shop.model.*;

      public class Cart {
        private final java.util.List<Item> items = new java.util.ArrayList<>();
        int total(Item first) {
          Item made = of("x").with("y");
          var copy = first.with("z");
          Entity e = made;
          Item.Builder b = new Item.Builder();
          return copy.price() + (int) e.id() + (int) made.id + b.build().name.length() + Rates.base() + ((Item) e).price();
        }
      }
      """,
      "src/main/java/shop/Rates.java": """
      package shop;

      class Rates { static int base() { return 1; } }
      """,
      "src/test/java/shop/CartTest.java": """
      package shop;

      class CartTest { int check() { return Rates.base() + new Cart().total(null); } }
      """,
    ])
    let cart = "src/main/java/shop/Cart.java"
    let item = "src/main/java/shop/model/Item.java"
    let entity = "src/main/java/shop/model/Entity.java"
    #expect(try ws.resolve(cart, line: 3, "Item") == "\(item):3:14 import")  // the import itself names the class
    #expect(try ws.resolve(cart, line: 9, "Item") == "\(item):3:14 import")
    #expect(try ws.resolve(cart, line: 10, "of") == "\(item):7:22 import")  // a static import
    #expect(try ws.resolve(cart, line: 10, "with") == "\(item):6:15 member")  // through the call's declared result
    #expect(try ws.resolve(cart, line: 11, "with") == "\(item):6:15 member")
    #expect(try ws.resolve(cart, line: 12, "Entity") == "\(entity):3:23 import")  // the star import
    #expect(try ws.resolve(cart, line: 13, "Builder", occurrence: 2) == "\(item):8:23 member")
    #expect(try ws.resolve(cart, line: 14, "price", occurrence: 1) == "src/main/java/shop/model/Priced.java:3:39 member")  // `var` from a call
    #expect(try ws.resolve(cart, line: 14, "id", occurrence: 1) == "\(entity):5:15 member")  // a method: it is called
    #expect(try ws.resolve(cart, line: 14, "id", occurrence: 2) == "\(entity):4:18 member")  // the field: it is not
    #expect(try ws.resolve(cart, line: 14, "name") == "\(item):4:23 member")
    #expect(try ws.resolve(cart, line: 14, "base") == "src/main/java/shop/Rates.java:3:26 member")  // the same package
    #expect(try ws.resolve(cart, line: 14, "price", occurrence: 2) == "src/main/java/shop/model/Priced.java:3:39 member")  // a cast
    // The same package under another source root (tests beside main).
    #expect(try ws.resolve("src/test/java/shop/CartTest.java", line: 3, "Rates") == "src/main/java/shop/Rates.java:3:7 scope")
    #expect(try ws.resolve("src/test/java/shop/CartTest.java", line: 3, "total") == "\(cart):9:7 member")
  }

  @Test func overloadsByArgumentCountThisSuperAndAnonymousClasses() throws {
    let ws = Workspace([
      "a/Shapes.java": """
      package a;

      class Base { int size() { return 0; } int size(int scale) { return scale; } }
      class Shapes extends Base {
        int size(int a, int b) { return a + b; }
        int sum(int... xs) { return 0; }
        int all() {
          Runnable r = new Runnable() {
            public void run() { size(); }
          };
          return size(1, 2) + this.size(3) + super.size() + sum(1, 2, 3) + sum();
        }
      }
      """
    ])
    let a = "a/Shapes.java"
    #expect(try ws.resolve(a, line: 9, "size") == "\(a):3:18 scope")  // the anonymous class's base has none: the outer class's inherited one
    #expect(try ws.resolve(a, line: 11, "size", occurrence: 1) == "\(a):5:7 scope")
    #expect(try ws.resolve(a, line: 11, "size", occurrence: 2) == "\(a):3:43 member")
    #expect(try ws.resolve(a, line: 11, "size", occurrence: 3) == "\(a):3:18 member")
    #expect(try ws.resolve(a, line: 11, "sum", occurrence: 1) == "\(a):6:7 scope")
    #expect(try ws.resolve(a, line: 11, "sum", occurrence: 2) == "\(a):6:7 scope")
  }

  @Test func overloadsWithAsManyParametersByTheArgumentsTypes() throws {
    let ws = Workspace([
      "m/MathUtils.java": """
      package m;

      class MathUtils {
        static float min(float a, float b) { return a; }
        static double min(double a, double b) { return a; }
        static String join(String sep, Object... parts) { return sep; }
        static String join(char sep, int[] parts) { return ""; }
        static int size(java.util.List<String> xs) { return 0; }
        static int size(String s) { return 0; }
        static String label() { return ""; }
        void use(float x, double y, int[] counts, java.util.List<String> names) {
          min(x, x);
          min(y, 1.0);
          min(x, 2.5f);
          join(',', counts);
          join("-", x, y);
          size(names);
          size("abc");
          size(null);
          size(label());
        }
      }
      """
    ])
    let a = "m/MathUtils.java"
    #expect(try ws.resolve(a, line: 12, "min") == "\(a):4:16 scope")  // floats: the float one
    #expect(try ws.resolve(a, line: 13, "min") == "\(a):5:17 scope")  // a double: not the float one
    #expect(try ws.resolve(a, line: 14, "min") == "\(a):4:16 scope")  // `2.5f` is a float
    #expect(try ws.resolve(a, line: 15, "join") == "\(a):7:17 scope")  // a char and an int[]
    #expect(try ws.resolve(a, line: 16, "join") == "\(a):6:17 scope")  // a String, then varargs
    #expect(try ws.resolve(a, line: 17, "size") == "\(a):8:14 scope")  // the parameter's written type
    #expect(try ws.resolve(a, line: 18, "size") == "\(a):9:14 scope")  // a string literal
    #expect(try ws.resolve(a, line: 19, "size") == "\(a):8:14 scope")  // null fits both: the first declared
    #expect(try ws.resolve(a, line: 20, "size") == "\(a):9:14 scope")  // a JDK class, as the callee's result writes it
  }

  @Test func overloadsTakingClassesByTheArgumentsHierarchy() throws {
    let ws = Workspace([
      "g/Instruction.java": "package g;\n\nabstract class Instruction {}\n",
      "g/Load.java": "package g;\n\nabstract class Load extends Instruction implements Typed {}\n",
      "g/Typed.java": "package g;\n\ninterface Typed {}\n",
      "g/ALoad.java": "package g;\n\nclass ALoad extends Load {}\n",
      "h/Special.java": "package h;\n\npublic class Special extends g.Instruction {}\n",
      "h/Consts.java": "package h;\n\npublic interface Consts { Special S = null; }\n",
      "g/Code.java": """
      package g;

      class Code implements h.Consts {
        void append(Code other) {}
        void append(Instruction i) {}
        void append(Runnable r, int n) {}
        void append(Typed t, int n) {}
        void build(Code more, Load load) {
          append(new ALoad());
          append(more);
          append(load, 1);
          append((Instruction) load);
          append(this.make());
          append(S);
        }
        ALoad make() { return null; }
      }
      """,
    ])
    let a = "g/Code.java"
    #expect(try ws.resolve(a, line: 9, "append") == "\(a):5:8 scope")  // ALoad extends Load extends Instruction
    #expect(try ws.resolve(a, line: 10, "append") == "\(a):4:8 scope")
    #expect(try ws.resolve(a, line: 11, "append") == "\(a):7:8 scope")  // Load implements Typed, and no Runnable
    #expect(try ws.resolve(a, line: 12, "append") == "\(a):5:8 scope")  // a cast
    #expect(try ws.resolve(a, line: 13, "append") == "\(a):5:8 scope")  // a call's declared result
    // An inherited constant whose class only its own file names: looked up there.
    #expect(try ws.resolve(a, line: 14, "append") == "\(a):5:8 scope")
  }

  @Test func aTypeVariablesMembersAreItsBounds() throws {
    let ws = Workspace([
      "b/Filter.java": "package b;\n\ninterface Filter<T extends Filter<T>> { int shape(); }\n",
      "b/Other.java": "package b;\n\nclass Other<X> {}\n",
      "b/Wrapped.java": """
      package b;

      abstract class Wrapped<W extends Filter<W>, X> {
        private final W inner;
        private final X other;
        Wrapped(W inner, X other) { this.inner = inner; this.other = other; }
        int shape() { return inner.shape() + other.shape(); }
        int all(W[] filters, W[][] grid) { return filters[0].shape() + grid[1][2].shape() + filters.length; }
        <V extends Wrapped<W, X>> int twice(V v) { return v.shape(); }
        class Inner<E> extends Other<E> { X keep; }
      }
      """,
    ])
    let a = "b/Wrapped.java"
    #expect(try ws.resolve(a, line: 7, "shape", occurrence: 2) == "b/Filter.java:3:45 member")
    #expect(try ws.resolve(a, line: 7, "shape", occurrence: 3) == "nothing")  // `X` has no bound: unknown
    #expect(try ws.resolve(a, line: 9, "shape") == "\(a):7:7 member")
    // An element of an array whose type is written.
    #expect(try ws.resolve(a, line: 8, "shape", occurrence: 1) == "b/Filter.java:3:45 member")
    #expect(try ws.resolve(a, line: 8, "shape", occurrence: 2) == "b/Filter.java:3:45 member")
    #expect(try ws.resolve(a, line: 8, "length") == "nothing")
    // Inside a subclass, `X` is the enclosing class's parameter, not its base's.
    #expect(try ws.resolve(a, line: 10, "X", occurrence: 1) == "\(a):3:45 scope")
  }

  @Test func packageNamesGoToTheirPackageInfo() throws {
    let ws = Workspace([
      "src/org/x/util/package-info.java": "/** Utilities. */\npackage org.x.util;\n",
      "src/org/x/package-info.java": "package org.x;\n",
      "src/org/x/App.java": "package org.x;\n\nimport org.x.util.Strings;\n\nclass App { Object o = new org.x.util.Strings(); }\n",
      "src/org/x/util/Strings.java": "package org.x.util;\n\npublic class Strings {}\n",
    ])
    #expect(try ws.resolve("src/org/x/App.java", line: 1, "x") == "src/org/x/package-info.java:1:9 import")  // the package line
    #expect(try ws.resolve("src/org/x/App.java", line: 3, "x") == "src/org/x/package-info.java:1:9 import")
    #expect(try ws.resolve("src/org/x/App.java", line: 3, "util") == "src/org/x/util/package-info.java:2:9 import")
    #expect(try ws.resolve("src/org/x/App.java", line: 3, "Strings") == "src/org/x/util/Strings.java:3:14 import")
    #expect(try ws.resolve("src/org/x/App.java", line: 5, "util") == "src/org/x/util/package-info.java:2:9 import")  // in code
    #expect(try ws.resolve("src/org/x/App.java", line: 5, "Strings") == "src/org/x/util/Strings.java:3:14 scope")
  }

  /// Half-typed files give fewer answers, never a trap or a hang.
  @Test func truncatedFilesNeverTrap() throws {
    let text = """
      package p; import static q.R.*; import java.util.*;
      @A(x = {1, 2}) public sealed class T<K extends Comparable<K>> extends B<K> implements I permits U {
        enum E { X(1) { int f() { return 0; } }, Y; E(int v) {} }
        record P(int a, List<K>... b) { P { a = a; } }
        <V> V m(final K k, int[] xs) throws Exception {
          for (var x : xs) { switch (x) { case 1 -> { yield; } default: k.toString(); } }
          try (var r = new R()) { r.m(); } catch (A | B e) { e.get(); } finally { }
          Object o = (K) k; if (o instanceof T<?> t && t.m(null, null) != null) {}
          return ((V) new Object() { int z; }.z) + this.<V>m(k, xs).q[0].w;
        }
      }
      """
    let bytes = Array(text.utf8)
    for cut in 0...bytes.count {
      let prefix = String(decoding: bytes[0..<cut], as: UTF8.self)
      let ws = Workspace(["p/T.java": prefix, "p/B.java": "package p;\nclass B<K> { int q; }\n"])
      for name in ["k", "x", "r", "e", "t", "z", "m", "a", "q", "w", "K", "V", "get"] where prefix.contains(name) {
        let line = prefix.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(name) }! + 1
        _ = try ws.resolve("p/T.java", line: line, name)
      }
    }
  }

  /// Nesting deeper than any reader follows (blocks, lambdas, anonymous classes, nested types) is skipped,
  /// not followed onto the stack.
  @Test func deepNestingNeverExhaustsTheStack() throws {
    let depth = 5_000
    let blocks = "class D { void f() { " + String(repeating: "{ ", count: depth) + String(repeating: "} ", count: depth) + "} }"
    let lambdas = "class D { Object f = " + String(repeating: "x -> ", count: depth) + "1; }"
    let anonymous = "class D { Object f = " + String(repeating: "new Object() { Object g = ", count: depth) + "1" + String(repeating: "; }", count: depth) + "; }"
    let types = String(repeating: "class C { ", count: depth) + String(repeating: "} ", count: depth)
    let parens = "class D { int f = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + ".x; }"
    let elseIfs = "class D { void f(int x) { if (x == 0) f(x);" + String(repeating: " else if (x == 1) f(x);", count: 100_000) + " } }"
    let bare = "class D { void f(int x) { " + String(repeating: "if (x > 0) for (;;) while (true) do ", count: depth) + "f(x);" + " } }"
    for text in [blocks, lambdas, anonymous, types, parens, elseIfs, bare] {
      let ws = Workspace(["d/D.java": text])
      for name in ["f", "x", "g", "C"] where text.contains(name) { _ = try ws.resolve("d/D.java", line: 1, name) }
    }
  }
}
