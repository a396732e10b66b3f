import IndexerExtraction
import IndexerModel
@testable import IndexerQuery
import IndexerStore
import Testing

/// Rust's scope, module and member rules through the real reader and the real resolver, over files held
/// in memory.
@Suite struct RustResolverTests {
  typealias Workspace = NameResolverTests.Workspace

  @Test func letShadowsFromTheEndOfItsStatementAndPatternsBindInTheirArm() throws {
    let ws = Workspace([
      "src/lib.rs": """
      pub fn run(x: i32, items: &[i32]) -> i32 {
          let x = x + 1;
          let total = match x {
              0 => 0,
              n if n > 10 => n * 2,
              n => n + x,
          };
          if let Some(first) = items.first() {
              return first + total;
          }
          for (i, item) in items.iter().enumerate() {
              let add = |v: i32| v + i as i32 + item;
              return add(total);
          }
          {
              let x = "inner";
          }
          x
      }
      """
    ])
    let a = "src/lib.rs"
    #expect(try ws.resolve(a, line: 2, "x", occurrence: 2) == "\(a):1:12 local")  // `let x = x`: the parameter
    #expect(try ws.resolve(a, line: 3, "x") == "\(a):2:9 local")
    #expect(try ws.resolve(a, line: 5, "n", occurrence: 2) == "\(a):5:9 local")  // the guard sees its arm's `n`
    #expect(try ws.resolve(a, line: 6, "n", occurrence: 2) == "\(a):6:9 local")  // not the arm before
    #expect(try ws.resolve(a, line: 9, "first") == "\(a):8:17 local")
    #expect(try ws.resolve(a, line: 9, "total") == "\(a):3:9 local")
    #expect(try ws.resolve(a, line: 12, "item", occurrence: 1) == "\(a):11:13 local")
    #expect(try ws.resolve(a, line: 12, "v", occurrence: 2) == "\(a):12:20 local")
    #expect(try ws.resolve(a, line: 13, "add") == "\(a):12:13 local")
    #expect(try ws.resolve(a, line: 18, "x") == "\(a):2:9 local")  // the block's `x` ended with it
  }

  @Test func aClosureAfterAnAttributeBindsItsParameters() throws {
    let ws = Workspace([
      "src/lib.rs": """
      pub fn sum(items: &[i32]) -> i32 {
          items.iter().fold(0, #[inline(always)] |acc, v| acc + v)
      }
      """
    ])
    #expect(try ws.resolve("src/lib.rs", line: 2, "v", occurrence: 2) == "src/lib.rs:2:50 local")
    #expect(try ws.resolve("src/lib.rs", line: 2, "acc", occurrence: 2) == "src/lib.rs:2:45 local")
  }

  @Test func pathsWalkTheModuleTreeAndInlineModulesSeeNoOuterItems() throws {
    let ws = Workspace([
      "src/lib.rs": """
      pub mod shapes;
      mod util {
          pub fn helper() -> u32 { 1 }
          pub fn twice() -> u32 { helper() + helper() }
          fn outer() -> u32 { top() }
      }
      pub fn top() -> u32 { util::helper() + self::util::twice() + crate::shapes::UNIT }
      """,
      "src/shapes/mod.rs": """
      pub mod circle;
      pub use self::circle::Circle as Round;
      pub const UNIT: u32 = 1;
      """,
      "src/shapes/circle.rs": """
      use super::UNIT;
      use crate::util::{self, helper as h};
      pub struct Circle { pub r: u32 }
      pub fn unit() -> u32 { UNIT + h() + util::twice() + super::super::top() }
      """,
      "src/main.rs": """
      use mylib::shapes::*;
      fn main() { let c = Round { r: UNIT }; }
      """,
    ])
    let lib = "src/lib.rs"
    let circle = "src/shapes/circle.rs"
    #expect(try ws.resolve(lib, line: 4, "helper") == "\(lib):3:12 scope")
    #expect(try ws.resolve(lib, line: 5, "top") == "nothing")  // an inline module sees no outer items
    #expect(try ws.resolve(lib, line: 7, "helper") == "\(lib):3:12 member")
    #expect(try ws.resolve(lib, line: 7, "twice") == "\(lib):4:12 member")
    #expect(try ws.resolve(lib, line: 7, "UNIT") == "src/shapes/mod.rs:3:11 member")
    #expect(try ws.resolve(lib, line: 7, "shapes") == "\(lib):1:9 member")  // a path stops at the `mod` item
    #expect(try ws.resolve(lib, line: 1, "shapes") == "src/shapes/mod.rs:1:1 scope")  // the declaration goes to the file
    #expect(try ws.resolve(circle, line: 4, "UNIT") == "src/shapes/mod.rs:3:11 import")
    #expect(try ws.resolve(circle, line: 4, "h") == "\(lib):3:12 import")
    #expect(try ws.resolve(circle, line: 4, "twice") == "\(lib):4:12 member")
    #expect(try ws.resolve(circle, line: 4, "top") == "\(lib):7:8 member")
    #expect(try ws.resolve("src/main.rs", line: 2, "Round") == "\(circle):3:12 import")  // a glob, then a re-export
    #expect(try ws.resolve("src/main.rs", line: 2, "UNIT") == "src/shapes/mod.rs:3:11 import")
  }

  @Test func membersFollowWrittenTypesImplsAndTraits() throws {
    let ws = Workspace([
      "src/lib.rs": """
      mod buf;
      use buf::{Buf, Bytes};
      pub struct Reader<T> { inner: T, len: usize }
      impl<T: Buf> Reader<T> {
          pub fn new(inner: T) -> Self { Reader { inner, len: 0 } }
          pub fn len(&self) -> usize { self.len + self.inner.remaining() }
          pub fn read(&mut self) -> Result<Bytes, ()> { Ok(Bytes::empty()) }
          pub fn next(&mut self) -> Result<usize, ()> {
              let b = self.read()?;
              let r = Reader::new(b.clone());
              Ok(b.size() + r.len() + self.len() + Self::new(b).len)
          }
      }
      fn boxed(b: Box<Bytes>) -> usize { b.size() + b.chunk() }
      """,
      "src/buf.rs": """
      pub trait Buf {
          fn remaining(&self) -> usize;
          fn chunk(&self) -> usize { self.remaining() }
      }
      #[derive(Clone)]
      pub struct Bytes { n: usize }
      impl Bytes {
          pub fn empty() -> Bytes { Bytes { n: 0 } }
          pub fn size(&self) -> usize { self.n }
      }
      impl Buf for Bytes {
          fn remaining(&self) -> usize { self.n }
      }
      """,
    ])
    let lib = "src/lib.rs"
    let buf = "src/buf.rs"
    #expect(try ws.resolve(lib, line: 6, "len", occurrence: 2) == "\(lib):3:34 member")  // a field, not the method
    #expect(try ws.resolve(lib, line: 6, "remaining") == "\(buf):2:8 member")  // through `T`'s bound
    #expect(try ws.resolve(lib, line: 7, "empty") == "\(buf):8:12 member")
    #expect(try ws.resolve(lib, line: 9, "read") == "\(lib):7:12 member")
    #expect(try ws.resolve(lib, line: 11, "size") == "\(buf):9:12 member")  // `?` on a `Result<Bytes, ()>`
    #expect(try ws.resolve(lib, line: 11, "len", occurrence: 1) == "\(lib):6:12 member")  // `Reader::new()` is a `Self`
    #expect(try ws.resolve(lib, line: 11, "len", occurrence: 2) == "\(lib):6:12 member")  // called: the method
    #expect(try ws.resolve(lib, line: 11, "len", occurrence: 3) == "\(lib):3:34 member")
    #expect(try ws.resolve(lib, line: 11, "new") == "\(lib):5:12 member")
    #expect(try ws.resolve(lib, line: 5, "inner", occurrence: 2) == "\(lib):5:16 local")  // shorthand: the parameter
    #expect(try ws.resolve(lib, line: 5, "len", occurrence: 1) == "\(lib):3:34 member")  // a literal's field
    #expect(try ws.resolve(lib, line: 14, "size", occurrence: 2) == "\(buf):9:12 member")  // through `Box`
    #expect(try ws.resolve(lib, line: 14, "chunk") == "\(buf):3:8 member")  // a trait's default, via `impl Buf for Bytes`
    #expect(try ws.resolve(buf, line: 3, "remaining") == "\(buf):2:8 member")  // `self` in a trait
  }

  @Test func configurationRanksWhatThisBuildCompilesFirst() throws {
    let ws = Workspace([
      "src/lib.rs": """
      #[cfg(not(feature = "std"))]
      pub struct Chain { a: u8 }
      #[cfg(feature = "std")]
      pub use crate::real::Chain;
      mod real { pub struct Chain { b: u8 } }
      cfg_if! {
          if #[cfg(all(target_arch = "aarch64", not(miri)))] {
              mod neon;
              use neon as imp;
          } else if #[cfg(any(unix, windows))] {
              mod generic;
              use generic as imp;
          } else {
              mod other;
              use other as imp;
          }
      }
      fn f(c: Chain) -> imp::Group { imp::Group }
      """,
      "src/neon.rs": "pub struct Group;\n",
      "src/generic.rs": "pub struct Group;\n",
      "src/other.rs": "pub struct Group;\n",
    ])
    let lib = "src/lib.rs"
    #expect(try ws.resolve(lib, line: 18, "Chain") == "\(lib):5:23 import")
    #expect(try ws.resolve(lib, line: 18, "Group") == "src/generic.rs:1:12 member")
  }

  /// Half-typed files give fewer answers, never a trap or a hang.
  @Test func truncatedFilesNeverTrap() throws {
    let text = """
      use crate::{a::B, c::*, d as e};
      mod m { pub fn f<T: Tr>(x: &mut T) -> Option<Box<T>> where T: Clone { let y = x; if let Some(z) = y.g()? { z } else { None } } }
      impl<'a, T> Tr for S<'a, T> { fn g(&self) -> Result<Self, E> { match self { S { a, .. } => |q: u8| q + a, _ => Self::new()?.h() } } }
      cfg_if! { if #[cfg(not(any(unix, all(feature = "x"))))] { mod n; } else { use self::n as k; } }
      fn t() { let v = vec![1, 2]; for (i, w) in v.iter().enumerate() { 'o: loop { break 'o; } } S::<u8>::new().collect::<Vec<_>>(); }
      """
    let bytes = Array(text.utf8)
    for cut in 0...bytes.count {
      let prefix = String(decoding: bytes[0..<cut], as: UTF8.self)
      let ws = Workspace(["src/lib.rs": prefix, "src/a.rs": "pub struct B;\n", "src/n.rs": "pub fn q() {}\n"])
      for name in ["B", "x", "y", "z", "q", "a", "g", "new", "h", "n", "k", "i", "w", "collect"] where prefix.contains(name) {
        let line = prefix.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(name) }! + 1
        _ = try ws.resolve("src/lib.rs", line: line, name)
      }
    }
  }
}
