enum Café {
  static let menü = ["crème", "brûlée"]
  static func commander(_ plat: String) -> Bool { menü.contains(plat) }
}
