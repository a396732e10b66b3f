import IndexerModel
import IndexerQuery

/// What a client asks the watcher: one JSON object per line, `op` says which.
///
/// `{"op":"symbol","name":…,"mode":"exact|prefix|fuzzy","ignoreCase":…,"kinds":[…],"languages":[…],"path":…,"limit":…}`,
/// `{"op":"file","path":…}`, `{"op":"stats"}`, `{"op":"pending"}`, `{"op":"sync"}`, `{"op":"ping"}`.
package enum WireRequest: Sendable, Equatable {
  case ping
  case sync
  case stats
  case pending
  case symbol(SymbolQuery)
  case file(path: String)
}

extension WireRequest: Codable {
  private enum Key: String, CodingKey {
    case op, name, mode, ignoreCase, kinds, languages, path, limit
  }

  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    let op = try c.decode(String.self, forKey: .op)
    switch op {
    case "ping": self = .ping
    case "sync": self = .sync
    case "stats": self = .stats
    case "pending": self = .pending
    case "file": self = .file(path: try c.decode(String.self, forKey: .path))
    case "symbol":
      let modeName = try c.decodeIfPresent(String.self, forKey: .mode) ?? "exact"
      guard let mode = SymbolQuery.Mode(wireName: modeName) else {
        throw DecodingError.dataCorruptedError(forKey: .mode, in: c, debugDescription: "unknown mode '\(modeName)'")
      }
      let kinds = try (c.decodeIfPresent([String].self, forKey: .kinds) ?? []).map { name in
        guard let kind = SymbolKind(rawValue: name) else {
          throw DecodingError.dataCorruptedError(forKey: .kinds, in: c, debugDescription: "unknown kind '\(name)'")
        }
        return kind
      }
      let languages = try (c.decodeIfPresent([String].self, forKey: .languages) ?? []).map { name in
        guard let language = Language(rawValue: name) else {
          throw DecodingError.dataCorruptedError(forKey: .languages, in: c, debugDescription: "unknown language '\(name)'")
        }
        return language
      }
      self = .symbol(
        SymbolQuery(
          name: try c.decode(String.self, forKey: .name), mode: mode,
          ignoreCase: try c.decodeIfPresent(Bool.self, forKey: .ignoreCase) ?? false, kinds: kinds, languages: languages,
          pathGlob: try c.decodeIfPresent(String.self, forKey: .path), limit: try c.decodeIfPresent(Int.self, forKey: .limit)))
    default:
      throw DecodingError.dataCorruptedError(forKey: .op, in: c, debugDescription: "unknown op '\(op)'")
    }
  }

  package func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    switch self {
    case .ping: try c.encode("ping", forKey: .op)
    case .sync: try c.encode("sync", forKey: .op)
    case .stats: try c.encode("stats", forKey: .op)
    case .pending: try c.encode("pending", forKey: .op)
    case .file(let path):
      try c.encode("file", forKey: .op)
      try c.encode(path, forKey: .path)
    case .symbol(let query):
      try c.encode("symbol", forKey: .op)
      try c.encode(query.name, forKey: .name)
      try c.encode(query.mode.wireName, forKey: .mode)
      try c.encode(query.ignoreCase, forKey: .ignoreCase)
      try c.encode(query.kinds.map(\.rawValue), forKey: .kinds)
      try c.encode(query.languages.map(\.rawValue), forKey: .languages)
      try c.encodeIfPresent(query.pathGlob, forKey: .path)
      try c.encodeIfPresent(query.limit, forKey: .limit)
    }
  }
}

extension SymbolQuery.Mode {
  package init?(wireName: String) {
    switch wireName {
    case "exact": self = .exact
    case "prefix": self = .prefix
    case "fuzzy": self = .fuzzy
    case "contains": self = .contains
    default: return nil
    }
  }

  package var wireName: String {
    switch self {
    case .exact: "exact"
    case .prefix: "prefix"
    case .fuzzy: "fuzzy"
    case .contains: "contains"
    }
  }
}
