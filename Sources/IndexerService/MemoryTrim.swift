#if canImport(Glibc)
  import Glibc
#endif
import IndexerStore

/// Keeps a long-running service's malloc small: freed memory goes back to the kernel (`malloc_trim`), and
/// few arenas hold it (`mallopt(M_ARENA_MAX)`).
///
/// Parsing thousands of files leaves freed memory in malloc's arenas; a watcher stays up for days and its
/// resident size is what users see. glibc gives each new thread its own arena, up to eight per core, and a
/// client thread per query connection spreads small allocations over all of them: with 4 clients and 100
/// branch switches the watcher grew 1.27× after its trims, 1.06× with `MALLOC_ARENA_MAX=2` in its
/// environment (Benchmarks/churn.py), at no cost to an index run's time. `malloc.h` is not in Glibc's module map, so the symbols are looked up
/// once at run time rather than through another C shim; on a libc without them this does nothing.
public enum MemoryTrim {
  private typealias Trim = @convention(c) (Int) -> Int32
  private typealias Option = @convention(c) (Int32, Int32) -> Int32

  private static let trim: Trim? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
    return unsafeBitCast(symbol, to: Trim.self)
  }()

  private static let option: Option? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
    return unsafeBitCast(symbol, to: Option.self)
  }()

  /// glibc's `M_ARENA_MAX`.
  private static let arenaMaximum: Int32 = -8
  private static let arenas: Int32 = 2

  public static func release() { _ = trim?(0) }

  /// After a batch: the database's page caches emptied first (their pages are in the kernel's cache still),
  /// then malloc trimmed, so what they held goes back too.
  static func release(_ database: IndexDatabase) {
    database.releaseMemory()
    release()
  }

  /// Call first thing in a process that will serve for long, before any other thread runs: glibc fixes its
  /// arena limit the first time a thread needs an arena, so a later call does little (Benchmarks/churn.py,
  /// RSS after 100 switches over RSS after 10: 1.23× called from the service's start, 1.12× from `main`).
  public static func limitArenas() { _ = option?(arenaMaximum, arenas) }
}
