import CLinux
import IndexerStore

/// Keeps a long-running service's malloc small: freed memory goes back to the kernel (`malloc_trim`), few
/// arenas hold it (`mallopt(M_ARENA_MAX)`), and large blocks are mapped and unmapped on their own
/// (`mallopt(M_MMAP_THRESHOLD)`).
///
/// Parsing thousands of files leaves freed memory in malloc's arenas; a watcher stays up for days and its
/// resident size is what users see. glibc gives each new thread its own arena, up to eight per core, and a
/// client thread per query connection spreads small allocations over all of them. Under churn (4 clients,
/// branch switches, Benchmarks/churn.py) the watcher held 46.9 → 54.9 MB over 10 → 40 switches while these
/// calls, looked up with `dlsym`, silently did nothing in the static release binary; with
/// `MALLOC_MMAP_THRESHOLD_=131072` in its environment, 41.8 → 46.0 MB. They are called directly now, through
/// the CLinux shim's declarations.
public enum MemoryTrim {
  /// glibc's `M_ARENA_MAX`.
  private static let arenaMaximum: Int32 = -8
  private static let arenas: Int32 = 2
  /// glibc's `M_MMAP_THRESHOLD` and `M_TRIM_THRESHOLD`, and the value both start at. Setting the first at all
  /// turns off glibc's raising it after a large block is freed, which otherwise moves every later block of
  /// that size (a batch's buffers, a 5 MB reply) into the heap, where they fragment it and stay resident.
  private static let mmapThreshold: Int32 = -3
  private static let trimThreshold: Int32 = -1
  private static let thresholdBytes: Int32 = 128 * 1024

  public static func release() { _ = malloc_trim(0) }

  /// After a batch: the database's page caches emptied first (their pages are in the kernel's cache still),
  /// then malloc trimmed, so what they held goes back too.
  static func release(_ database: IndexDatabase) {
    database.releaseMemory()
    release()
  }

  /// Call first thing in a process that will serve for long, before any other thread runs: glibc fixes its
  /// arena limit the first time a thread needs an arena, so a later call does little.
  public static func limitArenas() {
    _ = mallopt(arenaMaximum, arenas)
    _ = mallopt(mmapThreshold, thresholdBytes)
    _ = mallopt(trimThreshold, thresholdBytes)
  }
}
