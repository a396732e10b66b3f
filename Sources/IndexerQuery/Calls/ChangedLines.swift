import Foundation

/// The lines a `git diff` changed, per file, on the new side: what `impact` maps to definitions.
public struct ChangedLines: Sendable, Hashable {
  /// Root-relative path → 1-based line ranges (a pure deletion is the line it happened before).
  public var files: [String: [ClosedRange<Int>]] = [:]

  public init(files: [String: [ClosedRange<Int>]] = [:]) {
    self.files = files
  }

  /// Reads `git diff --unified=0` output: `+++ b/PATH` names the file, `@@ -a,b +c,d @@` its changed lines.
  /// Lines it does not understand are skipped; numbers are clamped, never trusted to fit.
  public static func parse(diff: String) -> ChangedLines {
    var result = ChangedLines()
    var current: String?
    for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("+++ ") {
        let target = line.dropFirst(4)
        current = target == "/dev/null" ? nil : (target.hasPrefix("b/") ? String(target.dropFirst(2)) : String(target))
        continue
      }
      guard line.hasPrefix("@@"), let path = current, let plus = line.split(separator: " ").first(where: { $0.hasPrefix("+") }) else { continue }
      let parts = plus.dropFirst().split(separator: ",")
      guard let start = parts.first.flatMap({ Int($0) }) else { continue }
      let count = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
      let first = min(max(1, start), 1 << 30)
      let last = count == 0 ? first : min(first + max(0, min(count, 1 << 30)) - 1, 1 << 30)
      result.files[path, default: []].append(first...max(first, last))
    }
    return result
  }

  /// `git diff --unified=0` in `root`: the working tree against HEAD when `revisions` is nil, else as git reads
  /// `revisions` (`main..HEAD`, `HEAD~3`). Throws a one-line reason when git cannot answer.
  public static func fromGit(root: String, revisions: String?) throws -> ChangedLines {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    var arguments = ["git", "-C", root, "diff", "--unified=0", "--no-color", "--no-ext-diff", "--relative"]
    if let revisions {
      guard !revisions.hasPrefix("-") else { throw GitFailure(message: "`\(revisions)` is not a revision range") }
      arguments.append(revisions)
    } else {
      arguments.append("HEAD")
    }
    arguments.append("--")
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do {
      try process.run()
    } catch {
      throw GitFailure(message: "cannot run git: \(error)")
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let first = String(decoding: errors, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"
      throw GitFailure(message: "git diff failed: \(first)")
    }
    return parse(diff: String(decoding: data, as: UTF8.self))
  }
}

/// Why the changed lines could not be read.
public struct GitFailure: Error, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
