/// What a name means where it is used, as one file's reader saw it: the scopes the language defines, the
/// names each scope binds, the file's imports, and the uses that are members of something (`a.b`).
///
/// The outline stays the declaration tree; this is the part of a file that resolution needs and a tag
/// search lacks. Scopes are in pre-order (a parent before its children), so `parent < index` always, and
/// every index into `scopes` that a binding or scope holds was checked when it was decoded.
public struct FileScopes: Sendable, Hashable {
  public enum ScopeKind: UInt8, Sendable, CaseIterable {
    case file = 0
    case type = 1
    case function = 2
    case lambda = 3
    case comprehension = 4
    case block = 5
    /// A block that is another branch of the statement before it (`elif`, an `if`'s `else`, a later
    /// `case`): only one branch runs, so a use in it cannot see what the branches before it bind.
    case branch = 6
    /// A module's body inside its file (Rust's `mod x { … }`): names outside it are not seen in it.
    case module = 7

    /// A block or a branch: part of the scope around it where blocks are no scopes (Python).
    public var isBlock: Bool { self == .block || self == .branch }
  }

  public struct Scope: Sendable, Hashable {
    public var kind: ScopeKind
    public var range: SourceRange
    /// The enclosing scope, -1 for the file scope.
    public var parent: Int
    /// The outline symbol this scope is the body of (a class's, a function's), -1 for none.
    public var symbol: Int
    /// For a type: the base types named in its head, as written (`Base`, `mod.Base`).
    public var bases: [String]

    public init(kind: ScopeKind, range: SourceRange, parent: Int, symbol: Int = -1, bases: [String] = []) {
      self.kind = kind
      self.range = range
      self.parent = parent
      self.symbol = symbol
      self.bases = bases
    }
  }

  public enum BindingKind: UInt8, Sendable, CaseIterable {
    /// A definition the outline also has (a `def`, a `class`, a module-level assignment).
    case definition = 0
    case parameter = 1
    /// The parameter that names the instance or the type in a method (`self`, `cls`): its type is the
    /// enclosing type.
    case receiverParameter = 2
    case local = 3
    case loop = 4
    /// `except E as e`, `catch (e)`.
    case handler = 5
    /// `with x as y`.
    case with = 6
    case pattern = 7
    case typeParameter = 8
    /// A name an import binds; `imports` says where it comes from.
    case imported = 9
    /// `global x`: uses of `x` in this scope mean the file scope's `x`.
    case global = 10
    /// `nonlocal x`: uses of `x` in this scope mean the nearest enclosing function's `x`.
    case nonlocal = 11
    /// An attribute assigned through the receiver inside a method (`self.x = …`), bound in the type's scope.
    case attribute = 12
  }

  public struct Binding: Sendable, Hashable {
    public var name: String
    public var scope: Int
    public var position: SourcePosition
    public var kind: BindingKind
    /// The type written where the name is bound (an annotation, or the callee of `x = Foo()`), empty when none.
    public var typeName: String
    /// Where a later use starts to see this binding: the end of its statement for an assignment (the
    /// `x` on the right of `x = f(x)` is the earlier one), the name itself for a parameter or a definition.
    public var visible: SourcePosition
    /// A function's or initializer's argument labels (`_:copying:`), to tell overloads apart at a call
    /// that writes its labels (Swift); empty for everything else.
    public var labels: String = ""

    public init(
      name: String, scope: Int, position: SourcePosition, kind: BindingKind, typeName: String = "", visible: SourcePosition? = nil,
      labels: String = ""
    ) {
      self.name = name
      self.scope = scope
      self.position = position
      self.kind = kind
      self.typeName = typeName
      self.visible = visible ?? position
      self.labels = labels
    }
  }

  /// A module named in an import statement (`email.feedparser` of `from email.feedparser import X`): each
  /// dotted part, with the module it names up to there (`email`, then `email.feedparser`).
  public struct ModuleUse: Sendable, Hashable {
    public var position: SourcePosition
    public var module: String

    public init(position: SourcePosition, module: String) {
      self.position = position
      self.module = module
    }
  }

  public struct Import: Sendable, Hashable {
    /// The name bound in this file (`c` of `import a.b as c`); `*` for a star import.
    public var localName: String
    /// The module as written, relative dots included (`a.b`, `..x`, `./x`).
    public var module: String
    /// The name taken from the module (`y` of `from x import y`), empty when the module itself is bound (`*`
    /// for a JavaScript namespace import, `import * as m`).
    public var importedName: String
    public var position: SourcePosition
    public var scope: Int
    /// What the file exports rather than binds (JavaScript/TypeScript): `localName` is the name other files
    /// import (`default`, `*` for `export * from`, `=` for `module.exports =`/`export =`), taken from
    /// `module` when one is written, else from this file's own `importedName` (`@scope:N` for an object
    /// literal's members, `@self` for the entry's own position).
    public var isExport = false

    public init(localName: String, module: String, importedName: String, position: SourcePosition, scope: Int) {
      self.localName = localName
      self.module = module
      self.importedName = importedName
      self.position = position
      self.scope = scope
    }
  }

  /// A use of a name after `.`: `receiver` is the chain before it as written (`self`, `os.path`), empty
  /// when it is something else (a call's result, a subscript, a literal).
  public struct Member: Sendable, Hashable {
    public var position: SourcePosition
    public var receiver: String

    public init(position: SourcePosition, receiver: String) {
      self.position = position
      self.receiver = receiver
    }
  }

  /// A keyword argument (`f(size=3)`): the callee's last name and where it stands, to find the parameter.
  public struct KeywordArgument: Sendable, Hashable {
    public var position: SourcePosition
    public var callee: String
    public var calleePosition: SourcePosition

    public init(position: SourcePosition, callee: String, calleePosition: SourcePosition) {
      self.position = position
      self.callee = callee
      self.calleePosition = calleePosition
    }
  }

  /// A call that writes its argument labels (`x.append(copying: y)`): the callee's name and the labels as a
  /// function's are recorded (`copying:`), so the overload the call names can be chosen.
  public struct Call: Sendable, Hashable {
    public var position: SourcePosition
    public var labels: String

    public init(position: SourcePosition, labels: String) {
      self.position = position
      self.labels = labels
    }
  }

  public var scopes: [Scope]
  public var bindings: [Binding]
  public var imports: [Import]
  /// In source order.
  public var members: [Member]
  /// In source order.
  public var moduleUses: [ModuleUse]
  /// In source order.
  public var keywordArguments: [KeywordArgument] = []
  /// In source order.
  public var calls: [Call] = []

  public init(
    scopes: [Scope] = [], bindings: [Binding] = [], imports: [Import] = [], members: [Member] = [], moduleUses: [ModuleUse] = []
  ) {
    self.scopes = scopes
    self.bindings = bindings
    self.imports = imports
    self.members = members
    self.moduleUses = moduleUses
  }

  /// The scope a binding in `scope` belongs to for name lookup: a block (an `if`, a loop body) is part of
  /// the function, class or file around it in languages where blocks are no scopes (Python). -1 when the
  /// index is not a scope. Parents come before children, so the walk ends.
  public func owner(of scope: Int) -> Int {
    var s = scope
    while s >= 0 && s < scopes.count && scopes[s].kind.isBlock { s = scopes[s].parent }
    return s < scopes.count ? s : -1
  }

  /// The keyword argument named at `position`, nil when none is.
  public func keywordArgument(at position: SourcePosition) -> KeywordArgument? {
    Self.find(position, in: keywordArguments) { $0.position }
  }

  /// The module named at `position` in an import statement, nil when none is.
  public func moduleUse(at position: SourcePosition) -> ModuleUse? {
    moduleUses.first { $0.position == position }
  }

  public var isEmpty: Bool { scopes.isEmpty }

  /// The innermost scope whose range holds `position`; 0 (the file) when none does, -1 when there are none.
  public func innermostScope(at position: SourcePosition) -> Int {
    guard !scopes.isEmpty else { return -1 }
    var best = 0
    for (i, scope) in scopes.enumerated() where i > 0 && scope.range.start <= position && position <= scope.range.end {
      best = i  // pre-order: a later match that holds the position is nested deeper
    }
    return best
  }

  /// The member use at `position` (the name's first byte), nil when the name there is not after a `.`.
  public func member(at position: SourcePosition) -> Member? {
    Self.find(position, in: members) { $0.position }
  }

  /// The labels of the call whose callee's name is at `position`, nil when none was recorded there.
  public func callLabels(at position: SourcePosition) -> String? {
    Self.find(position, in: calls) { $0.position }?.labels
  }

  /// Binary search over a list in source order. A closure, not a key path: resolution asks this for nearly
  /// every use, and a key path's projection cost more than the search.
  private static func find<T>(_ position: SourcePosition, in list: [T], at key: (T) -> SourcePosition) -> T? {
    var low = 0
    var high = list.count
    while low < high {
      let mid = (low + high) / 2
      if key(list[mid]) < position { low = mid + 1 } else { high = mid }
    }
    return low < list.count && key(list[low]) == position ? list[low] : nil
  }
}
