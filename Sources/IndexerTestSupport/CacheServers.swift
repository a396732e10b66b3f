import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A real cache server for tests, started on a free loopback port and stopped (SIGKILL) by `stop` or
/// when released: Debian's nginx with WebDAV `PUT` (one process, `master_process off`, so a kill leaves
/// no worker serving), or redis-server. `.ci/run` installs both.
public final class CacheServer: @unchecked Sendable {
  public let port: Int
  public let directory: TemporaryDirectory
  public let process: Process
  /// The `--cache` value that reaches it.
  public let url: String

  /// `keepaliveRequests`/`keepaliveTimeout`: nginx's own defaults unless a test makes it close connections early.
  public static func nginx(keepaliveRequests: Int = 1000, keepaliveTimeout: Int = 75) throws -> CacheServer {
    let directory = try TemporaryDirectory("nginx")
    let port = try freePort()
    for folder in ["data/cache", "temp", "logs"] {
      try FileManager.default.createDirectory(atPath: directory.path + "/" + folder, withIntermediateDirectories: true)
    }
    let d = directory.path
    let config = """
      daemon off;
      master_process off;
      pid \(d)/nginx.pid;
      error_log \(d)/logs/error.log;
      \(geteuid() == 0 ? "user root;" : "")
      events { worker_connections 64; }
      http {
        access_log off;
        keepalive_requests \(keepaliveRequests);
        keepalive_timeout \(keepaliveTimeout)s;
        client_body_temp_path \(d)/temp/body;
        proxy_temp_path \(d)/temp/proxy;
        fastcgi_temp_path \(d)/temp/fastcgi;
        uwsgi_temp_path \(d)/temp/uwsgi;
        scgi_temp_path \(d)/temp/scgi;
        server {
          listen 127.0.0.1:\(port);
          client_max_body_size 64m;
          location /cache/ {
            root \(d)/data;
            dav_methods PUT;
            create_full_put_path on;
          }
        }
      }
      """
    try config.write(toFile: d + "/nginx.conf", atomically: true, encoding: .utf8)
    let program = try find("nginx", in: ["/usr/sbin/nginx", "/usr/bin/nginx"])
    return try CacheServer(
      program: program, arguments: ["-p", d, "-c", d + "/nginx.conf", "-e", d + "/logs/error.log"], port: port,
      directory: directory, url: "http://127.0.0.1:\(port)/cache")
  }

  /// `idleTimeout`: seconds after which Redis closes an idle client (0: never, its default).
  public static func redis(idleTimeout: Int = 0) throws -> CacheServer {
    let directory = try TemporaryDirectory("redis")
    let port = try freePort()
    let program = try find("redis-server", in: ["/usr/bin/redis-server", "/usr/sbin/redis-server"])
    return try CacheServer(
      program: program,
      arguments: ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.path, "--loglevel", "warning", "--timeout", "\(idleTimeout)"],
      port: port, directory: directory, url: "redis://127.0.0.1:\(port)/0")
  }

  private init(program: String, arguments: [String], port: Int, directory: TemporaryDirectory, url: String) throws {
    self.port = port
    self.directory = directory
    self.url = url
    process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(20)
    while !Self.accepts(port) {
      guard process.isRunning, Date() < deadline else {
        stop()
        throw CacheServerError(message: "\(program) did not start listening on 127.0.0.1:\(port)")
      }
      usleep(20_000)
    }
  }

  deinit { stop() }

  /// SIGKILL: what a crashed or unplugged server looks like to a client.
  public func stop() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  private static func find(_ name: String, in candidates: [String]) throws -> String {
    guard let path = candidates.first(where: { access($0, X_OK) == 0 }) else {
      throw CacheServerError(message: "\(name) is not installed — run Scripts/install-test-deps.sh (apt-get install nginx redis-server)")
    }
    return path
  }

  /// A port the kernel had free a moment ago.
  static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw CacheServerError(message: "cannot find a free port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  static func accepts(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
  }
}

public struct CacheServerError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
