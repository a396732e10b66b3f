import IndexerModel

/// One edge of a call or type hierarchy: the definition at the other end (a caller or callee; a supertype
/// or subtype) and where the link is written: the calls, in the calling function's file, or the base's name in
/// the subtype's head.
public struct HierarchyLink: Sendable, Hashable {
  /// The caller or callee, supertype or subtype. A caller outside any function is the innermost definition
  /// around the calls, or the file itself (kind `module`, named by the file, spanning it).
  public var symbol: SymbolMatch
  /// The first byte of each call's name in the caller's file (LSP's `fromRanges`), or of the base's name in
  /// the subtype's head, in source order.
  public var sites: [SourcePosition]
  /// How the link was found: the weakest resolution among the sites (`name` when the receiver or the base
  /// could not be resolved and the link is a guess by name).
  public var resolution: Resolution

  public init(symbol: SymbolMatch, sites: [SourcePosition], resolution: Resolution) {
    self.symbol = symbol
    self.sites = sites
    self.resolution = resolution
  }
}

/// A call or type hierarchy several levels deep (`query callers --depth`, MCP `find_callers`,
/// `type_hierarchy`): each node's links, expanded breadth-first until the depth or the node budget runs out.
public struct HierarchyTree: Sendable, Hashable {
  public var link: HierarchyLink
  public var children: [HierarchyTree]
  /// Whether this node's own links were left out or cut short: the node budget ran out, or the function is
  /// already expanded higher up (recursion). Nodes on the last level asked for are not followed and not marked.
  public var truncated: Bool

  public init(link: HierarchyLink, children: [HierarchyTree] = [], truncated: Bool = false) {
    self.link = link
    self.children = children
    self.truncated = truncated
  }

  /// Nodes in this tree, itself included.
  public var count: Int { 1 + children.reduce(0) { $0 + $1.count } }
}

/// Which way a hierarchy goes: for calls, callers (incoming) or callees (outgoing); for types, subtypes
/// (incoming: what extends or implements it) or supertypes (outgoing: what it extends or implements).
public enum CallDirection: String, Sendable, CaseIterable {
  /// Who calls the function.
  case incoming
  /// What the function calls.
  case outgoing
}

extension SymbolKind {
  /// Kinds a call hierarchy starts from and lists: what runs when called.
  public var isCallable: Bool {
    switch self {
    case .function, .method, .initializer, .deinitializer, .prototype, .subscript: true
    default: false
    }
  }

  /// Types whose name, called, constructs one (`Tool()`, `Point(x: 1)`): a call of their initializer.
  var isConstructedByCall: Bool {
    switch self {
    case .class, .struct, .actor, .enum, .record: true
    default: false
    }
  }
}
