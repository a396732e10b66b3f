import IndexerModel

/// One edge of a call hierarchy: the function at the other end (a caller for incoming calls, a callee for
/// outgoing ones) and where the calls stand, in the calling function's file.
public struct CallLink: Sendable, Hashable {
  /// The caller or callee. A caller outside any function is the innermost definition around the calls, or the
  /// file itself (kind `module`, named by the file, spanning it).
  public var symbol: SymbolMatch
  /// The first byte of each call's name, in the caller's file (LSP's `fromRanges`), in source order.
  public var sites: [SourcePosition]
  /// How the calls were tied to the callee: the weakest resolution among the sites (`name` when the
  /// receiver could not be typed and the link is a guess by name).
  public var resolution: Resolution

  public init(symbol: SymbolMatch, sites: [SourcePosition], resolution: Resolution) {
    self.symbol = symbol
    self.sites = sites
    self.resolution = resolution
  }
}

/// A call hierarchy several levels deep (`query callers --depth`, MCP `find_callers`): each node's links,
/// expanded breadth-first until the depth or the node budget runs out.
public struct CallTree: Sendable, Hashable {
  public var link: CallLink
  public var children: [CallTree]
  /// Whether this node's own links were left out or cut short: the node budget ran out, or the function is
  /// already expanded higher up (recursion). Nodes on the last level asked for are not followed and not marked.
  public var truncated: Bool

  public init(link: CallLink, children: [CallTree] = [], truncated: Bool = false) {
    self.link = link
    self.children = children
    self.truncated = truncated
  }

  /// Nodes in this tree, itself included.
  public var count: Int { 1 + children.reduce(0) { $0 + $1.count } }
}

/// Which way a call hierarchy goes.
public enum CallDirection: String, Sendable, CaseIterable {
  /// Who calls the function.
  case incoming
  /// What the function calls.
  case outgoing
}

extension SymbolKind {
  /// Kinds a call hierarchy starts from and lists: what runs when called.
  var isCallable: Bool {
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
