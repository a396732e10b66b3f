import IndexerExtraction
import IndexerModel
@testable import IndexerQuery
import IndexerStore
import Testing

/// C's and C++'s scope, linkage and member rules through the real reader and the real resolver, over files
/// held in memory.
@Suite struct CResolverTests {
  typealias Workspace = NameResolverTests.Workspace

  @Test func blocksShadowAndFileScopeStaticStaysInItsFile() throws {
    let ws = Workspace([
      "src/a.c": """
      #include "util.h"
      static int count = 1;
      int total(int n) {
        int sum = count;
        for (int i = 0; i < n; i++) {
          int count = i;
          sum += count;
        }
        if (n & LIMIT) { sum += n; }
        return sum + helper(count);
      }
      """,
      "src/b.c": "static int helper(int x) { return x; }\n",
      "src/util.c": "int helper(int x) { return x + 1; }\n",
      "src/util.h": "#define LIMIT 4\nint helper(int x);\n",
    ])
    let a = "src/a.c"
    #expect(try ws.resolve(a, line: 4, "count") == "\(a):2:12 scope")
    #expect(try ws.resolve(a, line: 5, "i", occurrence: 2) == "\(a):5:12 local")
    #expect(try ws.resolve(a, line: 7, "count") == "\(a):6:9 local")  // the block's own
    #expect(try ws.resolve(a, line: 10, "count") == "\(a):2:12 scope")  // the block's is gone
    // `if (n & LIMIT)` declares nothing: LIMIT is the header's macro.
    #expect(try ws.resolve(a, line: 9, "LIMIT") == "src/util.h:1:9 scope")
    // The definition, not the prototype; never another file's `static`.
    #expect(try ws.resolve(a, line: 10, "helper") == "src/util.c:1:5 scope")
    // Going to a prototype goes on to its definition.
    #expect(try ws.resolve("src/util.h", line: 2, "helper") == "src/util.c:1:5 scope")
  }

  /// Linux's `jiffies`: declared `extern` in a header a file includes, directly or deep, and defined by a
  /// linker script, while a header nobody here includes defines a macro of that name. An `extern` with a definition still goes on
  /// to it; a macro seen through an include still beats another file's `extern`.
  @Test func anExternInAnIncludedHeaderBeatsAMacroFromOneNotIncluded() throws {
    let ws = Workspace([
      "include/linux/jiffies.h": "extern unsigned long volatile __jiffy_arch_data jiffies;\nextern int hz_rate;\n",
      "include/linux/raid/pq.h": "#define jiffies 0\n#define hz_rate 100\n#define current get_current()\n",
      "kernel/time.c": "#include <linux/jiffies.h>\nint hz_rate = 250;\nunsigned long now(void) { return jiffies + hz_rate; }\n",
      "kernel/exit.c": "#include <linux/raid/pq.h>\nint f(void) { return current; }\n",
      "tools/test.c": "extern int current;\n",
      // The extern's header reached three includes deep, past the two levels ranking follows.
      "include/linux/a.h": "#include <linux/b.h>\n", "include/linux/b.h": "#include <linux/c.h>\n",
      "include/linux/c.h": "#include <linux/jiffies.h>\n",
      "kernel/deep.c": "#include <linux/a.h>\nunsigned long later(void) { return jiffies; }\n",
    ])
    #expect(try ws.resolve("kernel/deep.c", line: 2, "jiffies") == "include/linux/jiffies.h:1:49 scope")
    #expect(try ws.resolve("kernel/time.c", line: 3, "jiffies") == "include/linux/jiffies.h:1:49 scope")
    #expect(try ws.resolve("kernel/time.c", line: 3, "hz_rate") == "kernel/time.c:2:5 scope")
    #expect(try ws.resolve("include/linux/jiffies.h", line: 1, "jiffies") == "include/linux/jiffies.h:1:49 scope")
    #expect(try ws.resolve("kernel/exit.c", line: 2, "current") == "include/linux/raid/pq.h:3:9 scope")
  }

  /// A type defined in several headers: the one a file includes, directly or two levels deep, before a nearer
  /// one it does not include; among those it includes, the nearest, even when only a deep include reaches it.
  @Test func theIncludedDefinitionWinsHoweverDeepTheIncludeIs() throws {
    let body = "struct task_struct { int pid; };\n"
    let ws = Workspace([
      "include/linux/sched.h": body,
      "include/linux/mm.h": "#include <linux/sched.h>\n",
      "kernel/task.h": body,
      "kernel/local.h": "#include \"task.h\"\n",
      "tools/bpf/strobemeta.h": body,
      "kernel/fork.c": "#include <linux/mm.h>\nint f(struct task_struct *t) { return 0; }\n",
      "kernel/near.c": "#include <linux/sched.h>\n#include \"local.h\"\nint g(struct task_struct *t) { return 0; }\n",
      "kernel/none.c": "int h(struct task_struct *t) { return 0; }\n",
    ])
    #expect(try ws.resolve("kernel/fork.c", line: 2, "task_struct") == "include/linux/sched.h:1:8 scope")
    #expect(try ws.resolve("kernel/near.c", line: 3, "task_struct") == "kernel/task.h:1:8 scope")
    #expect(try ws.resolve("kernel/none.c", line: 1, "task_struct") == "kernel/task.h:1:8 scope", "none included: the nearest")
  }

  @Test func tagsTypedefsMembersAndLabels() throws {
    let ws = Workspace([
      "list.h": """
      struct node { int value; struct node *next; };
      typedef struct node node_t;
      typedef struct { node_t *head; int count; } list_t;
      extern int lists;
      """,
      "list.c": """
      #include "list.h"
      #define node_value(n) ((n)->value)
      int lists = 0;
      int sum(list_t *list, node_t nodes[]) {
        struct node *n = list->head;
        int total = nodes[0].value + n->next->value + node_value(n);
        if (!n) goto out;
        total += list->count;
      out:
        return total + lists;
      }
      struct node first = { .value = 1, .next = 0 };
      typedef struct state state;
      struct state { int depth; };
      int depth(state *s) { return s->depth; }
      """,
    ])
    let c = "list.c"
    #expect(try ws.resolve(c, line: 5, "node") == "list.h:1:8 scope")  // `struct node`: the tag
    #expect(try ws.resolve(c, line: 4, "node_t") == "list.h:2:21 scope")  // the typedef, not the tag
    #expect(try ws.resolve(c, line: 5, "head") == "list.h:3:26 member")  // an anonymous struct's field
    #expect(try ws.resolve(c, line: 6, "value") == "list.h:1:19 member")  // through an array of a typedef
    #expect(try ws.resolve(c, line: 6, "next") == "list.h:1:39 member")
    #expect(try ws.resolve(c, line: 6, "value", occurrence: 2) == "list.h:1:19 member")
    #expect(try ws.resolve(c, line: 6, "node_value") == "\(c):2:9 scope")  // a macro defined before the use
    #expect(try ws.resolve(c, line: 2, "value") == "nothing")  // a macro's body means nothing until it is expanded
    #expect(try ws.resolve(c, line: 7, "out") == "\(c):9:1 local")  // a label, seen before it
    #expect(try ws.resolve(c, line: 10, "lists") == "\(c):3:5 scope")  // the definition, not the `extern`
    #expect(try ws.resolve(c, line: 12, "value") == "list.h:1:19 member")  // a designated initializer
    // `state` without `struct` is the typedef; the tag of the same name is another thing.
    #expect(try ws.resolve(c, line: 15, "state") == "\(c):13:22 scope")
    #expect(try ws.resolve(c, line: 13, "state") == "\(c):14:8 scope")
    #expect(try ws.resolve(c, line: 15, "depth", occurrence: 2) == "\(c):14:20 member")
  }

  /// Labels are names apart (`goto usage` and a variable `usage`); an unnamed struct's variable has its fields;
  /// a macro a source file defines is not seen from another.
  @Test func labelsUnnamedStructsAndSourceFileMacros() throws {
    let ws = Workspace([
      "a.c": """
      int run(void) {
        const char *usage = "x";
        struct { int oid; int crc; } *entries = 0;
        if (!usage) goto usage;
        return entries[0].oid + the_count;
      usage:
        return usage[0];
      }
      """,
      "b.c": "#define the_count DO_NOT_USE\n",
      "count.c": "int the_count = 0;\n",
    ])
    #expect(try ws.resolve("a.c", line: 4, "usage") == "a.c:2:15 local")
    #expect(try ws.resolve("a.c", line: 4, "usage", occurrence: 2) == "a.c:6:1 local")
    #expect(try ws.resolve("a.c", line: 7, "usage") == "a.c:2:15 local")
    #expect(try ws.resolve("a.c", line: 5, "oid") == "a.c:3:16 member")
    #expect(try ws.resolve("a.c", line: 5, "the_count") == "count.c:1:5 scope")
  }

  /// `static inline FORMAT_PRESERVING(1) const char *_(…)`: the function is `_`, the macro call an attribute.
  @Test func attributeMacroCallsBeforeADeclarationAreNotItsName() throws {
    let ws = Workspace([
      "gettext.h": "#define FORMAT_PRESERVING(n) __attribute__((format_arg(n)))\nstatic inline FORMAT_PRESERVING(1) const char *_(const char *m) { return m; }\n__printf(1, 2) int say(const char *f, ...);\n",
      "say.c": "int say(const char *f, ...) { return 0; }\n",
      "main.c": "#include \"gettext.h\"\nint main(void) { return say(_(\"x\")); }\n",
    ])
    #expect(try ws.resolve("main.c", line: 2, "_") == "gettext.h:2:48 scope")
    #expect(try ws.resolve("main.c", line: 2, "say") == "say.c:1:5 scope")
    #expect(ws.files["gettext.h"]?.symbols.map(\.name) == ["FORMAT_PRESERVING", "_", "say"])
  }

  /// A type a source file defines is no other file's; a class declared ahead (`class Cache;`) is the one
  /// with its body.
  @Test func typesOfSourceFilesStayThereAndForwardDeclarationsGoToTheBody() throws {
    let ws = Workspace([
      "include/cache.h": "namespace db {\nclass DB_EXPORT Cache;\nCache* NewCache();\nclass Cache { public: int size; };\n}\n",
      // Nearer to the uses than the header, but its own file's.
      "cache_test.cc": "namespace db {\nstruct Cache { int size; };\n}\n",
      "options.h": "namespace db {\nstruct Options { Cache* cache; };\n}\n",
      "use.cc": "#include \"options.h\"\nnamespace db {\nint f(Options o) { return o.cache->size; }\n}\n",
    ])
    #expect(try ws.resolve("options.h", line: 2, "Cache") == "include/cache.h:4:7 scope")
    #expect(try ws.resolve("use.cc", line: 3, "size") == "include/cache.h:4:27 member")
    // `class DB_EXPORT Cache;` declares no variable `Cache` of type `DB_EXPORT`.
    #expect(ws.files["include/cache.h"]?.symbols.map(\.name) == ["db", "NewCache", "Cache", "size"])
  }

  /// A macro defined under `#ifdef`/`#else` in a header: the later one, what a build without the option gets.
  @Test func aMacroDefinedTwiceInAHeaderIsTheLaterOne() throws {
    let ws = Workspace([
      "export.h": "#ifdef _WIN32\n#define API __declspec(dllexport)\n#else\n#define API\n#endif\n",
      "a.c": "#include \"export.h\"\nAPI int f(void) { return 0; }\n",
    ])
    #expect(try ws.resolve("a.c", line: 2, "API") == "export.h:4:9 scope")
  }

  @Test func classesMethodsAndNamespaces() throws {
    let ws = Workspace([
      "include/geo/shape.h": """
      #pragma once
      #include <memory>
      namespace geo {
      class GEO_EXPORT Shape {
       public:
        Shape();
        virtual ~Shape();
        virtual double area() const = 0;
        int id;
      };
      class Circle : public Shape {
       public:
        double area() const override;
        double radius_;
        class Iterator { public: void Seek(); };
      };
      class Iterator { public: virtual void Seek() = 0; };
      std::unique_ptr<Shape> make(double r);
      }
      """,
      "src/shape.cc": """
      #include "geo/shape.h"
      namespace geo {
      Shape::Shape() : id(0) {}
      Shape::~Shape() = default;
      double Circle::area() const { return radius_ * id; }
      void Iterator::Seek() {}
      std::unique_ptr<Shape> make(double r) { auto c = std::make_unique<Circle>(); c->radius_ = r; return c; }
      }
      """,
      "src/main.cc": """
      #include "geo/shape.h"
      using namespace geo;
      class ShapeTest { public: Circle circle; Iterator* it; };
      TEST_F(ShapeTest, Area) {
        auto s = make(2.0);
        double a = s->area() + circle.area();
        it->Seek();
        Shape* p = nullptr;
        p->~Shape();
      }
      """,
    ])
    let h = "include/geo/shape.h"
    let cc = "src/shape.cc"
    let m = "src/main.cc"
    #expect(try ws.resolve(cc, line: 3, "id") == "\(h):9:7 member")  // an initializer list's member
    #expect(try ws.resolve(cc, line: 3, "Shape") == "\(h):4:18 scope")  // `Shape::`: the class, not its constructor
    #expect(try ws.resolve(cc, line: 5, "radius_") == "\(h):14:10 member")  // implicit `this` out of the class
    #expect(try ws.resolve(cc, line: 5, "id") == "\(h):9:7 member")  // …and through a base
    #expect(try ws.resolve(cc, line: 7, "radius_") == "\(h):14:10 member")  // `auto c = std::make_unique<Circle>()`
    #expect(try ws.resolve(h, line: 7, "Shape") == "\(cc):4:9 member")  // a destructor's declaration → its `= default`
    #expect(try ws.resolve(h, line: 13, "area") == "\(cc):5:16 member")  // a method's declaration → its body
    // A `.h` that spells C++ is C++: `Shape` is the class (C would look among typedefs only).
    #expect(try ws.resolve(h, line: 18, "Shape") == "\(h):4:18 scope")
    #expect(try ws.resolve(h, line: 18, "r", occurrence: 2) == "\(h):18:36 local")  // a prototype's own parameter
    #expect(try ws.resolve(m, line: 5, "make") == "\(cc):7:24 scope")  // through `using namespace geo`
    // `s` is a `std::unique_ptr<Shape>`: the pure virtual has no body, so its declaration.
    #expect(try ws.resolve(m, line: 6, "area") == "\(h):8:18 member")
    #expect(try ws.resolve(m, line: 6, "circle") == "\(m):3:34 member")  // the fixture's member in `TEST_F`
    #expect(try ws.resolve(m, line: 6, "area", occurrence: 2) == "\(cc):5:16 member")
    // `Iterator` in `geo` is `geo::Iterator`, not the nested `Circle::Iterator`.
    #expect(try ws.resolve(m, line: 7, "Seek") == "\(cc):6:16 member")
  }

  /// Nesting no real code reaches (`else if` chains, statements without braces, smart pointers of smart
  /// pointers) is read to a limit, never to the end of the stack.
  @Test func deepNestingIsBounded() throws {
    let chain = "int f(int x) { if (x) x = 1; " + String(repeating: "else if (x) ", count: 20_000) + "x = 2; return x; }\n"
    let pointers = "std::" + String(repeating: "unique_ptr<", count: 5_000) + "T" + String(repeating: ">", count: 5_000) + " p;\n"
    let bare = "void g(int y) { " + String(repeating: "while (y) ", count: 20_000) + "y--; }\n"
    let ws = Workspace(["a.cc": chain + pointers + bare])
    #expect(try ws.resolve("a.cc", line: 1, "x", occurrence: 2) == "a.cc:1:11 local")
    _ = try ws.resolve("a.cc", line: 2, "p")
    _ = try ws.resolve("a.cc", line: 3, "y", occurrence: 2)
  }

  /// Half-typed files give fewer answers, never a trap or a hang.
  @Test func truncatedFilesNeverTrap() throws {
    let text = """
      #include "t.h"
      namespace n { template <typename T> class A : public B<T> { public: A() : x_(0) {} ~A(); T* get() const { return p_->q; } int x_; T* p_; }; }
      struct s { int a; union { int b; } u; } v = { .a = 1 }, *w;
      static int f(int (*cb)(int), struct s *p, ...) { label: for (int i = 0; i < p->a; i++) { if (auto x = cb(i); x) goto label; }
      switch (p->u.b) { case 1: { int y = [&](int z) { return z + v.a; }(2); break; } default: ; } return ({ int r = w->a; r; }); }
      typedef int (*fn_t)(int); enum class E : int { One, Two }; using M = n::A<int>;
      """
    let bytes = Array(text.utf8)
    for cut in 0...bytes.count {
      let prefix = String(decoding: bytes[0..<cut], as: UTF8.self)
      let ws = Workspace(["p/t.cc": prefix, "p/t.h": "template <class T> struct B { T q; };\n#define X 1\n"])
      for name in ["x_", "q", "a", "b", "i", "x", "label", "z", "r", "One", "A", "cb"] where prefix.contains(name) {
        let line = prefix.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(name) }! + 1
        _ = try ws.resolve("p/t.cc", line: line, name)
      }
    }
  }
}
