import IndexerModel
import MCP

/// The tools `indexer mcp` offers: names, descriptions, JSON Schemas, all read-only.
enum ToolCatalog {
  static let defaultLimit = 50
  static let maxLimit = 1000
  static let defaultMaxChars = 20_000
  static let minMaxChars = 50
  static let maxMaxChars = 500_000
  static let maxCallDepth = 5

  private static let annotations = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)

  /// Every tool's schema: its own properties plus `fresh`, which every call takes.
  private static func schema(_ properties: [String: Value], required: [String] = []) -> Value {
    let fresh: Value = .object([
      "type": "boolean",
      "description": "Wait (up to \(Int(IndexTools.freshWaitSeconds)) s) until the watcher has indexed every change made on disk before this call.",
    ])
    return .object([
      "type": "object",
      "properties": .object(properties.merging(["fresh": fresh]) { a, _ in a }),
      "required": .array(required.map { .string($0) }),
      "additionalProperties": false,
    ])
  }

  private static func string(_ description: String) -> Value {
    .object(["type": "string", "description": .string(description)])
  }

  private static func enumeration(_ values: [String], _ description: String) -> Value {
    .object(["type": "string", "enum": .array(values.map { .string($0) }), "description": .string(description)])
  }

  private static func integer(_ description: String, minimum: Int, maximum: Int) -> Value {
    .object(["type": "integer", "minimum": .int(minimum), "maximum": .int(maximum), "description": .string(description)])
  }

  private static var paging: [String: Value] {
    [
      "limit": integer("At most this many items (default \(defaultLimit)).", minimum: 1, maximum: maxLimit),
      "offset": integer("Skip this many items first (the previous answer's nextOffset).", minimum: 0, maximum: Int(Int32.max)),
      "max_chars": integer(
        "Stop adding items before the answer passes this many characters (default \(defaultMaxChars)).", minimum: ToolCatalog.minMaxChars,
        maximum: maxMaxChars),
    ]
  }

  private static var callSchema: Value {
    schema([
      "name": string("The function's exact name (instead of path, line and column)."),
      "path": string("The file where the function is named or used, relative to the workspace root."),
      "line": integer("The line (1-based).", minimum: 1, maximum: Int(Int32.max)),
      "column": integer("A column inside the name (1-based, UTF-8 bytes).", minimum: 1, maximum: Int(Int32.max)),
      "depth": integer("Levels to follow (default 1).", minimum: 1, maximum: maxCallDepth),
      "limit": integer("At most this many functions in a tree (default \(defaultLimit)).", minimum: 1, maximum: maxLimit),
      "max_chars": integer("Answer size budget (default \(defaultMaxChars)): the tree is cut to fit.", minimum: minMaxChars, maximum: maxMaxChars),
    ])
  }

  static let languageNames = Language.allCases.map(\.rawValue)
  static let kindNames = SymbolKind.allCases.map(\.rawValue)

  static let tools: [Tool] = [
    Tool(
      name: "find_symbol",
      description: "Definitions of a symbol: file, line, column, kind, container and signature. Exact names by default; "
        + "prefix, contains (names holding it, ignoring case) or fuzzy (ranked: the name, names it starts, hump initials "
        + "such as gfb for getFooBar, names holding it, then its letters in order; types and functions first, code before "
        + "tests) on request.",
      inputSchema: schema(
        [
          "name": string("The symbol's name (or prefix, or fuzzy pattern); an empty prefix lists every definition the filters allow."),
          "match": enumeration(["exact", "prefix", "contains", "fuzzy"], "How `name` matches (default exact)."),
          "kind": enumeration(kindNames, "Only definitions of this kind."),
          "language": enumeration(languageNames, "Only definitions in this language."),
          "path": string("Only files whose workspace-relative path matches this glob (`*` also matches `/`)."),
        ].merging(paging) { a, _ in a }, required: ["name"]),
      annotations: annotations),
    Tool(
      name: "find_references",
      description: "Every occurrence of a name in the workspace (exact, case-sensitive), with the definition around each "
        + "and whether it is a definition itself. Or, given a place (`path`, `line`, `column`) instead of `name`: the uses "
        + "of what the name there means, resolved by the language's scope, import and member rules (a local's uses in "
        + "its scope, a method's through its type), then uses whose receiver could not be typed. "
        + "Each answer's `resolution` says how it was tied: local, import, member, scope, or name (a guess by name).",
      inputSchema: schema(
        [
          "name": string("The identifier (a name search)."),
          "language": enumeration(languageNames, "Only files in this language (with `name`)."),
          "path": string("With `name`: only files whose path matches this glob. With `line` and `column`: the file, relative to the workspace root."),
          "line": integer("The place's line (1-based), for references from a place.", minimum: 1, maximum: Int(Int32.max)),
          "column": integer("A column inside the name there (1-based, UTF-8 bytes).", minimum: 1, maximum: Int(Int32.max)),
        ].merging(paging) { a, _ in a }),
      annotations: annotations),
    Tool(
      name: "find_definition",
      description: "Go to definition: what the name used at a place in a file refers to, resolved by the language's "
        + "scope, import and member rules, else definitions of that name nearest first. "
        + "Each answer's `resolution` says how it was found: local, import, member, scope, or name (a guess by name).",
      inputSchema: schema(
        [
          "path": string("The file, relative to the workspace root."),
          "line": integer("The use's line (1-based).", minimum: 1, maximum: Int(Int32.max)),
          "column": integer("A column inside the name (1-based, UTF-8 bytes).", minimum: 1, maximum: Int(Int32.max)),
        ].merging(paging) { a, _ in a }, required: ["path", "line", "column"]),
      annotations: annotations),
    Tool(
      name: "find_callers",
      description: "Who calls a function, method or initializer: the functions around the uses that resolve to it, with "
        + "where each calls (line, column in the caller's file), as a tree `depth` levels deep with counts. By `name` "
        + "(every definition of it) or by a place naming or using it. Uses the rules cannot tie to it are not included.",
      inputSchema: callSchema,
      annotations: annotations),
    Tool(
      name: "find_callees",
      description: "What a function, method or initializer calls: the names in its body that resolve to functions, "
        + "methods, initializers or called types, with where it calls each, as a tree `depth` levels deep with counts.",
      inputSchema: callSchema,
      annotations: annotations),
    Tool(
      name: "type_hierarchy",
      description: "What a class, struct, interface, protocol, trait or enum extends or implements (supertypes) and what "
        + "extends or implements it (subtypes), from the bases written in heads, extensions and impls, each resolved: "
        + "trees `depth` levels deep with counts, each link with where it is written. By `name` or by a place.",
      inputSchema: schema([
        "name": string("The type's exact name (instead of path, line and column)."),
        "path": string("The file where the type is named or used, relative to the workspace root."),
        "line": integer("The line (1-based).", minimum: 1, maximum: Int(Int32.max)),
        "column": integer("A column inside the name (1-based, UTF-8 bytes).", minimum: 1, maximum: Int(Int32.max)),
        "direction": enumeration(["both", "supertypes", "subtypes"], "Which trees (default both)."),
        "depth": integer("Levels to follow (default 1).", minimum: 1, maximum: maxCallDepth),
        "limit": integer("At most this many types in a tree (default \(defaultLimit)).", minimum: 1, maximum: maxLimit),
        "max_chars": integer("Answer size budget (default \(defaultMaxChars)): the trees are cut to fit.", minimum: minMaxChars, maximum: maxMaxChars),
      ]),
      annotations: annotations),
    Tool(
      name: "changed_symbols",
      description: "A symbol-level change feed, as Watchman's `since` is for files: the definitions added, removed or "
        + "changed (signature or extent) by every commit after generation `since`, oldest first. Every answer gives "
        + "the `generation` it was read at: pass it as `since` next time. `complete` is false when `since` is older "
        + "than the feed (a rebuild); renames are not listed.",
      inputSchema: schema([
        "since": integer("The generation last seen.", minimum: 0, maximum: Int(Int32.max)),
        "limit": integer("At most this many changes (default 200).", minimum: 1, maximum: maxLimit),
        "max_chars": integer("Answer size budget (default \(defaultMaxChars)).", minimum: minMaxChars, maximum: maxMaxChars),
      ], required: ["since"]),
      annotations: annotations),
    Tool(
      name: "impact",
      description: "What a change touches: the definitions whose lines changed (git diff of the working tree against "
        + "HEAD, or of `revisions` such as main..HEAD, mapped to the index's outlines) and, for functions and "
        + "methods, their callers as trees `depth` levels deep. Line numbers are the new side's: they match the "
        + "index when the new side is what is on disk.",
      inputSchema: schema([
        "revisions": string("A git revision or range (default: the working tree against HEAD)."),
        "depth": integer("Caller levels to follow (default 1).", minimum: 1, maximum: maxCallDepth),
        "limit": integer("At most this many callers per changed definition (default \(defaultLimit)).", minimum: 1, maximum: maxLimit),
        "max_chars": integer("Answer size budget (default \(defaultMaxChars)): caller trees, then the list, are cut to fit.", minimum: minMaxChars, maximum: maxMaxChars),
      ]),
      annotations: annotations),
    Tool(
      name: "search_text",
      description: "Lines of the indexed source files (as they are on disk now) holding a literal, or matching a POSIX "
        + "extended regular expression: strings, comments and docs that symbol tools do not see. Each match has its "
        + "path, line, column and text, with `context` lines before and after; in path and line order, paged.",
      inputSchema: schema(
        [
          "pattern": string("The text to find (a literal unless regex is true)."),
          "regex": .object(["type": "boolean", "description": "Read pattern as a POSIX extended regular expression (default false)."]),
          "case_sensitive": .object(["type": "boolean", "description": "Match case exactly (default true)."]),
          "path": string("Only files whose workspace-relative path matches this glob (`*` also matches `/`)."),
          "context": integer("Lines shown before and after each match (default 0).", minimum: 0, maximum: 10),
        ].merging(paging) { a, _ in a }, required: ["pattern"]),
      annotations: annotations),
    Tool(
      name: "file_outline",
      description: "The definitions of one file as a tree (classes with their members), with lines and signatures, a page "
        + "at a time: a definition too large for the page is folded to its child count (ask again with `container` "
        + "set to its name to list its members); `nextOffset` continues.",
      inputSchema: schema(
        [
          "path": string("The file, relative to the workspace root."),
          "container": string("List the members of this definition instead (a dotted path from the top level: Outer.Inner)."),
          "offset": integer("Skip this many definitions of the level first (the previous answer's nextOffset).", minimum: 0, maximum: Int(Int32.max)),
          "max_chars": integer("Answer size budget (default \(defaultMaxChars)).", minimum: ToolCatalog.minMaxChars, maximum: maxMaxChars),
        ], required: ["path"]),
      annotations: annotations),
    Tool(
      name: "symbol_source",
      description: "The source text of a definition, by file and line or by name (when several match: the one meant "
        + "most likely — types and functions, code before tests, public before private — with the next ten listed as "
        + "`candidates`; narrow with path or kind).",
      inputSchema: schema(
        [
          "path": string("With line: the file. With name: a glob narrowing the files."),
          "line": integer("A line inside the definition (1-based).", minimum: 1, maximum: Int(Int32.max)),
          "name": string("The definition's name (instead of path + line)."),
          "kind": enumeration(kindNames, "With name: only definitions of this kind."),
          "max_chars": integer("Cut the text at this many characters (default \(defaultMaxChars)).", minimum: ToolCatalog.minMaxChars, maximum: maxMaxChars),
        ]),
      annotations: annotations),
    Tool(
      name: "list_files",
      description: "Files the index knows, in path order, with language, status (indexed, too-large, binary, ...) and "
        + "symbol count.",
      inputSchema: schema(
        [
          "glob": string("Only paths matching this glob (`*` also matches `/`)."),
          "language": enumeration(languageNames, "Only files in this language."),
        ].merging(paging) { a, _ in a }),
      annotations: annotations),
    Tool(
      name: "index_status",
      description: "What the index holds (files, symbols, references per language, skipped files, generation, last "
        + "update) and whether a watcher keeps it fresh.",
      inputSchema: schema([:]),
      annotations: annotations),
  ]
}
