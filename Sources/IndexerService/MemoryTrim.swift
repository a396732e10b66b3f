#if canImport(Glibc)
  import Glibc
#endif

/// Returns memory freed after a large parse to the kernel (glibc's `malloc_trim`).
///
/// Parsing thousands of files leaves freed memory in malloc's arenas; a watcher stays up for days and its
/// resident size is what users see. `malloc.h` is not in Glibc's module map, so the symbol is looked up
/// once at run time rather than through another C shim; on a libc without it this does nothing.
enum MemoryTrim {
  private typealias Trim = @convention(c) (Int) -> Int32

  private static let trim: Trim? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
    return unsafeBitCast(symbol, to: Trim.self)
  }()

  static func release() { _ = trim?(0) }
}
