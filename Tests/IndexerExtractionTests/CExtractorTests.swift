import IndexerExtraction
import IndexerModel
import Testing

@Suite struct CExtractorTests {
  private func symbols(_ source: String, _ language: Language = .c) -> [String] {
    CExtractor(language: language).extract(source).symbols.map { "\($0.kind.rawValue) \($0.qualifiedName(separator: "::"))" }
  }

  @Test func bracesInStringsCharsCommentsAndMacrosDoNotUnbalanceBodies() {
    let source = """
      int a(void) {
        char *s = "}";
        char c = '{';
        // }
        /* } */
      #define BRACE {
        return 0;
      }
      int b;
      """
    #expect(symbols(source) == ["function a", "macro BRACE", "variable b"])
  }

  @Test func conditionalBranchesWithUnbalancedBracesKeepTheFirst() {
    let source = """
      #ifdef NEW_API
      int open_device(int flags, int mode) {
      #else
      int open_device(int flags) {
      #endif
        return 0;
      }
      #ifdef CONFIG_X
      int helper(void);
      #else
      static inline int helper(void) { return 0; }
      #endif
      #if 0
      int dead(void);
      #else
      int alive(void);
      #endif
      int after;
      """
    #expect(symbols(source) == ["function open_device", "prototype helper", "function helper", "prototype alive", "variable after"])
  }

  @Test func macroCallsAreNotDefinitionsAndExternDeclarationsAreExternvars() {
    let source = """
      EXPORT_SYMBOL(open_device);
      static DEFINE_MUTEX(lock);
      extern int elsewhere;
      module_init(start);
      int real = 1;
      """
    #expect(symbols(source) == ["externvar elsewhere", "variable real"])
  }

  /// include/linux/jiffies.h: the only declaration of `jiffies` (a linker script defines it) is an `extern`
  /// behind attribute macros; include/linux/kernel.h declares `system_state` after its enum's body. Block-scope
  /// externs and extern functions are not externvars; an extern with an initializer defines a variable. In C,
  /// `class` is a name (Linux's `struct class`), in C++ a keyword.
  @Test func externVariableDeclarationsAtFileAndNamespaceLevel() {
    let source = """
      extern u64 __cacheline_aligned_in_smp jiffies_64;
      extern unsigned long volatile __cacheline_aligned_in_smp __jiffy_arch_data jiffies;
      extern int a, *b;
      extern int defined = 3;
      extern int function_declared(void);
      namespace ns { extern const char *name; }
      void f(void) { extern int inner; }
      struct s { int field; };
      extern enum system_states { SYSTEM_BOOTING, SYSTEM_RUNNING = 1 } system_state;
      """
    #expect(
      symbols(source) == [
        "externvar jiffies_64", "externvar jiffies", "externvar a", "externvar b", "variable defined", "prototype function_declared",
        "namespace ns", "externvar ns::name", "function f", "struct s", "field s::field", "enum system_states",
        "case system_states::SYSTEM_BOOTING", "case system_states::SYSTEM_RUNNING", "externvar system_state",
      ])
    let classes = "struct class { const char *name; };\nextern struct class block_class;\nint class_register(struct class *cls);\n"
    #expect(
      symbols(classes) == ["struct class", "field class::name", "externvar block_class", "prototype class_register"])
    #expect(symbols("class Device { int id; };\n", .cpp) == ["class Device", "field Device::id"])
    let jiffies = CExtractor(language: .c).extract(source).symbols.first { $0.name == "jiffies" }
    #expect(jiffies?.signature == "extern unsigned long volatile __cacheline_aligned_in_smp __jiffy_arch_data jiffies")
  }

  /// A macro call at file scope without its semicolon (the kernel's `module_init(f)`) is not the function that
  /// follows it: that one is defined under its own name and signature (it was missing before).
  @Test func aMacroCallWithoutSemicolonDoesNotNameTheNextFunction() {
    let source = """
      static int __init foo_init(void)
      {
      	return 0;
      }
      module_init(foo_init)
      static void __exit foo_exit(void)
      {
      }
      module_exit(foo_exit);
      int f(void) { return 0; }
      """
    #expect(symbols(source) == ["function foo_init", "function foo_exit", "function f"])
    let exit = CExtractor(language: .c).extract(source).symbols.first { $0.name == "foo_exit" }
    #expect(exit?.signature == "static void __exit foo_exit(void)")
  }

  /// fs/efs/super.c: two such calls, each on its own line, before the next function (which was named
  /// `module_init` and lost before).
  @Test func chainedMacroCallsWithoutSemicolonsDoNotNameTheNextFunction() {
    let source = """
      module_init(init_efs_fs)
      module_exit(exit_efs_fs)

      static efs_block_t efs_validate_vh(struct volume_header *vh) {
      	return 0;
      }
      """
    #expect(symbols(source) == ["function efs_validate_vh"])
    #expect(CExtractor(language: .c).extract(source).symbols.first?.range.start.line == 4)
  }

  /// The words of an include's path are no uses: `query refs jiffies` and a highlight of `jiffies` listed every
  /// `#include <linux/jiffies.h>`. Names on the next line, and a quoted include's, are unaffected.
  @Test func includePathsAreNotReferences() {
    let source = """
      #include <linux/jiffies.h>
      #include "jiffies_local.h"
      #include <asm/
      unsigned long now(void) { return jiffies + linux; }
      """
    let references = CExtractor(language: .c).extract(source).references
    func lines(_ name: String) -> [Int] {
      references.names.firstIndex(of: name).map { references.positions[$0].map(\.line) } ?? []
    }
    #expect(lines("jiffies") == [4])
    #expect(lines("linux") == [4])
    #expect(lines("h").isEmpty)
    // An include cut short before `>` is no path: its words stay names.
    #expect(lines("asm") == [3])
  }

  @Test func declaratorsOfEveryShape() {
    let source = "int a, *b, c[4], (*d)(int), **e = 0;\nvoid (*f(int))(void);\nstruct s { int x : 3; int (*cb)(void); } g;\n"
    #expect(
      symbols(source) == [
        "variable a", "variable b", "variable c", "variable d", "variable e", "prototype f", "struct s", "field s::x", "field s::cb",
        "variable g",
      ])
  }

  /// kernel/fork.c's `static __initdata struct { … } x;`: a macro word before `struct` made the head read as a
  /// declaration named `struct`, and go-to-definition on the keyword jumped to it.
  @Test func macroWordsBeforeAStructBodyAreNotItsName() {
    let source = """
      static __initdata struct {
        int size;
      } boot_params;
      DLL_EXPORT struct exported { int b; };
      static __read_mostly __attribute__((aligned(8))) union tagged { int c; } tagged_var;
      int after;
      """
    #expect(
      symbols(source) == [
        "field size", "variable boot_params", "struct exported", "field exported::b", "union tagged", "field tagged::c",
        "variable tagged_var", "variable after",
      ])
    #expect(!symbols(source, .cpp).contains { $0.hasSuffix(" struct") || $0.hasSuffix(" union") })
  }

  /// arch/parisc/math-emu/float.h: prose in the first `#ifdef` branch ran into `typedef struct {`, and the
  /// reader recorded a variable named `struct` and lost the typedef.
  @Test func textThatIsNotCDoesNotSwallowTheNextTypedef() {
    let source = """
      #ifdef __NO_PA_HDRS
          PA header file -- do not include this header file for non-PA builds.
      #endif
      /* Quad number. */
      typedef struct
          {
          unsigned int wd0;
          } quad_floating_point;
      int after;
      """
    #expect(symbols(source) == ["typedef quad_floating_point", "field quad_floating_point::wd0", "variable after"])
  }

  /// tools/testing/selftests/bpf/prog_tests/resolve_btfids.c: `typedef` as a macro's argument, in calls with
  /// no semicolons before a function, is no typedef; and i915_scatterlist.h's function whose return type is
  /// defined in its head is still a function.
  @Test func typedefInAMacroCallAndAStructDefinedInAFunctionsHead() {
    let source = """
      BTF_ID(typedef, S)
      BTF_ID(struct,  S)
      BTF_SET_END(test_set)

      static int
      __resolve_symbol(struct btf *btf, int type_id)
      {
        int local = 0;
        return local;
      }
      static __always_inline struct sgt_iter {
        unsigned int curr;
      } __sgt_iter(struct scatterlist *sgl, bool dma) {
        struct sgt_iter s = { .sgp = sgl };
        return s;
      }
      int after;
      """
    #expect(
      symbols(source) == [
        "function __resolve_symbol", "struct sgt_iter", "field sgt_iter::curr", "function __sgt_iter", "variable after",
      ])
  }

  @Test func cKeywordsUsedAsNamesInCAreNotCxx() {
    // Linux names fields `class` and `new`; only `class Name {` is a C++ class.
    let source = "struct device { struct class *class; int new; };\nint template_count;\n"
    #expect(symbols(source) == ["struct device", "field device::class", "field device::new", "variable template_count"])
  }

  @Test func cxxMembersInAndOutOfTheirClass() {
    let source = """
      namespace app {
      class Shape {
       public:
        Shape();
        virtual ~Shape() = default;
        virtual double area() const = 0;
      };
      double Shape::area() const { return 0; }
      Shape::Shape() : id_{next()} { }
      }
      """
    #expect(
      symbols(source, .cpp) == [
        "namespace app", "class app::Shape", "initializer app::Shape::Shape", "deinitializer app::Shape::~Shape",
        "method app::Shape::area", "method app::Shape::area", "initializer app::Shape::Shape",
      ])
  }

  @Test func escapedLineBreaksInStringsStillCountAsLines() {
    let index = CExtractor().extract("const char *help = \"a\\\nb\\\nc\";\nint after;\n")
    #expect(index.symbols.map { "\($0.name) \($0.range.start.line)" } == ["help 1", "after 4"])
  }

  @Test func macroShapedDefinitionsAndCallingConventions() {
    let source = """
      SYSCALL_DEFINE2(open, const char *, name, int, flags)
      {
        return 0;
      }
      typedef void (ACPI_SYSTEM_XFACE * acpi_osd_handler) (void *context);
      """
    #expect(symbols(source) == ["function SYSCALL_DEFINE2", "typedef acpi_osd_handler"])
  }

  @Test func deepNestingAndUnclosedInputEnd() {
    let deep = String(repeating: "{", count: 10_000) + String(repeating: "}", count: 10_000)
    #expect(symbols("int x;\n" + deep + "\nint y;\n") == ["variable x", "variable y"])
    #expect(symbols("struct s { int a;\n#if X\n") == ["struct s", "field s::a"])
  }
}
