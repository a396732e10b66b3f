/// Files that live beside an index database: `.indexer/<name>` for the default location,
/// `<db>.<suffix>` for a `--db` elsewhere (so two databases in one folder never share a lock or socket).
package enum CompanionFile {
  package static func path(forDatabase database: String, name: String, suffix: String) -> String {
    database.hasSuffix("/.indexer/index.sqlite") ? String(database.dropLast("index.sqlite".count)) + name : database + "." + suffix
  }
}
