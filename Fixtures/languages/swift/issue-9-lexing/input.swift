enum Keyword {
    case `default`
    case `class`
}
func `init`() {}
let `var` = 1
struct `Type` {}
