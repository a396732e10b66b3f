/// A cache in Redis: `MGET keys…` / `SET key value` in RESP2 on kept-alive connections, after `AUTH` and
/// `SELECT db` when the address names them: `redis://[:password@]host[:port][/db]`. Eviction is
/// Redis's own (`maxmemory-policy allkeys-lru`), as sccache leaves it.
public struct RedisCache: CacheBackend {
  let url: String
  private let pool: ConnectionPool
  static let keyPrefix = "indexer:"

  public init(url: String, timeoutSeconds: Double) throws(CacheFailure) {
    guard url.hasPrefix("redis://") else { throw CacheFailure("\(url) is not a redis:// address") }
    var rest = url.dropFirst("redis://".count)
    var password: String?
    if let at = rest.lastIndex(of: "@") {
      let credentials = rest[..<at]
      password = String(credentials.contains(":") ? credentials[credentials.index(after: credentials.firstIndex(of: ":")!)...] : credentials)
      rest = rest[rest.index(after: at)...]
    }
    let authority = rest.prefix { $0 != "/" }
    let path = rest.dropFirst(authority.count).drop { $0 == "/" }
    var database = 0
    if !path.isEmpty {
      guard let number = Int(path), (0...1_000_000).contains(number) else { throw CacheFailure("\(url): the database must be a number, as in redis://host:6379/0") }
      database = number
    }
    let (host, port) = try TCPConnection.hostAndPort(authority, defaultPort: 6379, url: url)
    self.url = password == nil ? url : "redis://\(authority)/\(database)"
    let label = self.url
    let (secret, number) = (password, database)
    pool = ConnectionPool { () throws(CacheFailure) in
      let password = secret
      let database = number
      let connection = try TCPConnection(host: host, port: port, timeoutSeconds: timeoutSeconds)
      if let password {
        try connection.send(Self.command(["AUTH", password].map { Array($0.utf8) }))
        guard case .simple = try Self.reply(connection, label) else { throw CacheFailure("\(label) refused the password") }
      }
      if database != 0 {
        try connection.send(Self.command([Array("SELECT".utf8), Array(String(database).utf8)]))
        guard case .simple = try Self.reply(connection, label) else { throw CacheFailure("\(label) has no database \(database)") }
      }
      return connection
    }
  }

  public var label: String { url }

  public func fetch(_ key: CacheKey) throws(CacheFailure) -> [UInt8]? {
    try fetchMany([key])[key]
  }

  /// `MGET` in groups of 128 keys: one round trip each.
  public func fetchMany(_ keys: [CacheKey]) throws(CacheFailure) -> [CacheKey: [UInt8]] {
    var values: [CacheKey: [UInt8]] = [:]
    var start = 0
    while start < keys.count {
      let group = Array(keys[start..<min(keys.count, start + 128)])
      start += group.count
      try pool.with { connection throws(CacheFailure) in
        try connection.send(Self.command([Array("MGET".utf8)] + group.map { Array((Self.keyPrefix + $0.hex).utf8) }))
        let header = try connection.readLine()
        guard header.first == "*", Int(header.dropFirst()) == group.count else {
          if header.first == "-" { throw CacheFailure("\(url): \(header.dropFirst().prefix(200))") }
          throw CacheFailure("\(url) answered MGET with \(header.prefix(80))")
        }
        for key in group {
          switch try Self.reply(connection, url) {
          case .bulk(let value): values[key] = value
          case .null: break
          case .simple(let text): throw CacheFailure("\(url) answered MGET with \(text)")
          }
        }
      }
    }
    return values
  }

  public func store(_ key: CacheKey, _ value: [UInt8]) throws(CacheFailure) {
    try pool.with { connection throws(CacheFailure) in
      try connection.send(Self.command([Array("SET".utf8), Array((Self.keyPrefix + key.hex).utf8), value]))
      guard case .simple = try Self.reply(connection, url) else { throw CacheFailure("\(url) did not accept SET") }
    }
  }

  static func command(_ parts: [[UInt8]]) -> [UInt8] {
    var bytes = Array("*\(parts.count)\r\n".utf8)
    for part in parts {
      bytes += Array("$\(part.count)\r\n".utf8)
      bytes += part
      bytes += [13, 10]
    }
    return bytes
  }

  enum Reply {
    case simple(String)
    case bulk([UInt8])
    case null
  }

  /// One reply: `+OK`, `$n` + n bytes, `$-1`; an error (`-ERR …`) or anything else is a failure.
  static func reply(_ connection: TCPConnection, _ label: String) throws(CacheFailure) -> Reply {
    let line = try connection.readLine()
    guard let kind = line.first else { throw CacheFailure("\(label) sent an empty reply") }
    let rest = String(line.dropFirst())
    switch kind {
    case "+": return .simple(rest)
    case "-": throw CacheFailure("\(label): \(rest.prefix(200))")
    case "$":
      guard let length = Int(rest), length >= -1, length <= CacheRecord.maxBytes else { throw CacheFailure("\(label) sent a malformed reply") }
      if length == -1 { return .null }
      let value = try connection.read(count: length)
      guard try connection.readLine().isEmpty else { throw CacheFailure("\(label) sent a malformed reply") }
      return .bulk(value)
    default:
      throw CacheFailure("\(label) sent an unexpected reply: \(line.prefix(80))")
    }
  }
}
