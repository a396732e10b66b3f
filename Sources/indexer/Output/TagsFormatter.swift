import IndexerModel

/// Universal Ctags' extended tags format, so Vim, Emacs and `readtags` read our export like its output.
enum TagsFormatter {
  static let header = [
    "!_TAG_FILE_FORMAT\t2\t/extended format; --format=1 will not append ;\" to lines/",
    "!_TAG_FILE_SORTED\t1\t/0=unsorted, 1=sorted, 2=foldcase/",
    "!_TAG_OUTPUT_MODE\tu-ctags\t/u-ctags or e-ctags/",
    "!_TAG_PROGRAM_NAME\tindexer\t//",
    "!_TAG_PROGRAM_URL\thttps://github.com/indexer/indexer\t//",
  ]

  /// `name<TAB>path<TAB>line;"<TAB>kind:K<TAB>line:N[<TAB>scopeKind:Container][<TAB>access:A][<TAB>signature:S]`,
  /// the kind and scope kind named as Universal Ctags names them for the language (`--fields=+K` style).
  static func line(_ match: SymbolMatch, scopeKind: SymbolKind?) -> String {
    let s = match.symbol
    var fields = [
      escapeName(s.name), escapeName(match.path), "\(s.range.start.line);\"",
      "kind:\(s.kind.ctagsKind(in: match.language).name)", "line:\(s.range.start.line)",
      "language:\(match.language.rawValue)",
    ]
    if !s.container.isEmpty {
      fields.append("\(scopeKind.map { $0.ctagsKind(in: match.language).name } ?? "scope"):\(escapeField(s.container))")
    }
    if let access = s.access { fields.append("access:\(access.rawValue)") }
    if !s.signature.isEmpty { fields.append("signature:\(escapeField(s.signature))") }
    fields.append("end:\(s.range.end.line)")
    return fields.joined(separator: "\t")
  }

  /// Names and paths cannot hold tabs or newlines in a tags file; they never do in practice, but a
  /// stray one must not break every line after it.
  private static func escapeName(_ text: String) -> String {
    text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" })
      ? String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) : text
  }

  /// Extension-field values escape backslash, tab and newlines as Universal Ctags does.
  private static func escapeField(_ text: String) -> String {
    guard text.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return text }
    var out = ""
    for c in text {
      switch c {
      case "\\": out += "\\\\"
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.append(c)
      }
    }
    return out
  }
}
