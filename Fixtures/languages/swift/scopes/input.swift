import Helpers

let limit = 10

class Base {
  func reset() {}
}

final class Buffer: Base, Describable {
  var items: [Int] = []

  func append(_ x: Int) { items.append(x) }
  func append(copying other: Buffer) { items += other.items }

  func fill(from source: [Int]?, other: Buffer) -> Int {
    guard let source else { return 0 }
    for value in source where value < limit {
      append(value)
    }
    self.append(copying: other)
    if let first = source.first {
      let limit = first * 2
      return limit
    } else {
      super.reset()
    }
    let sizes = source.map { item in item + count() }
    switch sizes.first {
    case .some(let size): return size + describe().count
    case .none: break
    }
    do {
      try check()
    } catch let failure {
      print(failure)
    }
    return limit
  }
}

func build() -> Buffer {
  let buffer = Buffer()
  let copy: Buffer = buffer
  _ = buffer.fill(from: nil, other: copy)
  return copy
}
func measure(_ items: [A]) -> [Int] { items.map { a in a.size() } }
