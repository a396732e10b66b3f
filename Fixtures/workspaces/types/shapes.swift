protocol Drawable {}
class View {}
final class Button: View, Drawable {}
struct Label {}
extension Label: Drawable {}
