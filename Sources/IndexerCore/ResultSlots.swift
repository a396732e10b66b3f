import Foundation

/// Fixed slots that parallel workers fill, each worker writing only its own index.
///
/// `@unchecked Sendable` is sound because `DispatchQueue.concurrentPerform` hands every index to exactly
/// one worker and returns only after all of them finish, so no slot is touched by two threads.
final class ResultSlots<Element>: @unchecked Sendable {
  private var slots: [Element?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Element) { slots[index] = value }

  /// The filled slots in order; call only after the workers are done.
  func collect() -> [Element] { slots.compactMap { $0 } }

  /// Every slot in order, nil where a worker left it empty.
  func collectAll() -> [Element?] { slots }
}

/// A value shared between the planning thread and the writer queue, guarded by a lock.
final class Locked<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()

  init(_ value: Value) { self.value = value }

  func withLock<T>(_ body: (inout Value) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
