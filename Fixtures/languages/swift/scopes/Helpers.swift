protocol Describable {}

extension Describable {
  func describe() -> String { "" }
}

extension Buffer {
  func count() -> Int { items.count }
  func check() throws {}
}
