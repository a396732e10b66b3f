struct UserModel: Identifiable, Hashable {
  let id: Int
  var displayName: String

  enum Role: String {
    case admin, member
  }
}
