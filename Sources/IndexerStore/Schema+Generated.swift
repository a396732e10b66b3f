// Generated from Schema/*.sql by Scripts/generate-schema.sh. Do not edit.

/// The migrations in Schema/, in order: (file name without .sql, SQL text).
let schemaMigrations: [(name: String, sql: String)] = [
  (
    "0001_initial",
    #"""
    -- The first schema of the indexer database. Never edit once released: add 0002_....sql instead.

    -- 'IDXR': lets us tell our database from any other SQLite file before touching it.
    PRAGMA application_id = 1229215826;

    -- Counters and facts about the whole index: generation, last index time, ...
    CREATE TABLE meta (
      key TEXT PRIMARY KEY NOT NULL,
      value NOT NULL
    ) WITHOUT ROWID;

    INSERT INTO meta (key, value) VALUES ('generation', 0);

    -- One row per source file seen by the walk, indexed or skipped (status says which and why).
    -- Paths are relative to the workspace root and '/'-separated, so the file serves another checkout.
    CREATE TABLE file (
      id INTEGER PRIMARY KEY,
      path TEXT NOT NULL UNIQUE,
      language TEXT NOT NULL,
      status TEXT NOT NULL,
      size INTEGER NOT NULL,
      mtime_ns INTEGER NOT NULL,
      inode INTEGER NOT NULL,
      content_hash INTEGER NOT NULL,           -- XXH64 of the bytes, stored as a signed 64-bit integer
      symbol_count INTEGER NOT NULL DEFAULT 0,
      outline BLOB,                            -- zstd(varint-coded declaration tree); NULL when not indexed
      outline_raw_bytes INTEGER NOT NULL DEFAULT 0,
      message TEXT                             -- why a file was skipped or decoded lossily
    );

    -- One row per definition, clustered by file: (file_id, ordinal) is the key, ordinal the symbol's place
    -- in the file's outline, so replacing or deleting a file's symbols is one range and needs no extra index.
    -- kind is SymbolKind.code; columns are 1-based UTF-8 byte offsets.
    CREATE TABLE symbol (
      file_id INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,
      ordinal INTEGER NOT NULL,
      name TEXT NOT NULL,
      kind INTEGER NOT NULL,
      container TEXT NOT NULL,
      line INTEGER NOT NULL,
      col INTEGER NOT NULL,
      end_line INTEGER NOT NULL,
      end_col INTEGER NOT NULL,
      signature TEXT NOT NULL,
      flags INTEGER NOT NULL,                  -- bit 0: static; bits 1-3: access level (0 = none written);
                                               -- bits 4-8: the enclosing symbol's kind code + 1 (0 = file level)
      PRIMARY KEY (file_id, ordinal)
    ) WITHOUT ROWID;

    -- One name index serves every lookup without a table scan: case-insensitive ones directly, exact and
    -- prefix ones as a NOCASE range narrowed by a case-sensitive filter. One index instead of two halves
    -- the writer's work per symbol.
    CREATE INDEX symbol_by_name ON symbol (name COLLATE NOCASE);

    PRAGMA user_version = 1;
    """#
  ),
  (
    "0002_references",
    #"""
    -- References: every identifier occurrence outside strings and comments, for `indexer query refs`.

    -- Per file: zstd(names, each with its delta-coded positions), written beside the outline.
    ALTER TABLE file ADD COLUMN refs BLOB;
    ALTER TABLE file ADD COLUMN ref_count INTEGER NOT NULL DEFAULT 0;

    -- Name-to-files: which files mention a name, so a query decompresses only those files' blobs. Names are
    -- stored as a 31-bit hash (ReferenceNameHash: FNV-1a of the UTF-8, folded), not as text: a table of the
    -- 3 million distinct names of a kernel tree and its unique index cost more than everything else the
    -- references need. A collision only makes a query open one more blob, where the exact name is checked.
    -- Clustered by name; a file's rows are found again through the names in its own blob.
    CREATE TABLE ref_file (
      name_hash INTEGER NOT NULL,
      file_id INTEGER NOT NULL,
      PRIMARY KEY (name_hash, file_id)
    ) WITHOUT ROWID;

    -- A bulk load (a cold run) appends name-to-files rows here, unsorted and unindexed, and moves them into
    -- ref_file in one sorted pass at its end: inserting ~10 million rows at random places of ref_file, batch
    -- after batch, made the single writer the bottleneck. Empty at rest; a killed run's next open moves them.
    CREATE TABLE ref_file_staging (
      name_hash INTEGER NOT NULL,
      file_id INTEGER NOT NULL
    );

    -- Files indexed before this version have no references: make the next run read them again.
    UPDATE file SET mtime_ns = 0, content_hash = 0;

    PRAGMA user_version = 2;
    """#
  ),
  (
    "0003_posting_lists",
    #"""
    -- Name-to-files as posting lists: one row per name hash holding the sorted ids of the files that mention
    -- it, written once, in hash order, at the end of a bulk build. A kernel tree's ~10 million
    -- (name, file) rows become ~3 million short blobs.

    -- files: a byte saying how the rest is stored (0: varints, 1: zstd of varints), then the file ids,
    -- ascending, as varint deltas. Lists are not edited afterwards: a file changed or added since the build
    -- lists its names in ref_file instead (below), and a list's stale ids are skipped by the file's ref_base.
    CREATE TABLE ref_posting (
      name_hash INTEGER PRIMARY KEY,
      files BLOB NOT NULL
    );

    -- Where a file's names are listed: 0 in ref_file (the rows incremental runs and the watcher write),
    -- anything else in ref_posting (the number of the bulk build's run that wrote them, which tells a
    -- resumed build's pairs from those of an earlier attempt). A new file (a reused id too) starts at 0, so a list naming
    -- its id for a file deleted earlier never counts for it.
    ALTER TABLE file ADD COLUMN ref_base INTEGER NOT NULL DEFAULT 0;

    -- Bulk builds now collect (name, file) pairs in a file of their own beside the new database. Rows a
    -- killed bulk load of an earlier version left staged move to ref_file first.
    INSERT OR IGNORE INTO ref_file (name_hash, file_id) SELECT name_hash, file_id FROM ref_file_staging;
    DELETE FROM meta WHERE key = 'dropped_index:~ref_file_staging';
    DROP TABLE ref_file_staging;

    PRAGMA user_version = 3;
    """#
  ),
  (
    "0004_file_blobs",
    #"""
    -- The blobs move out of `file` into a table of their own, so `file` holds only what a run compares the
    -- walk against (path, stat, hash, status): a no-change run reads the whole of `file`, and with the blobs
    -- inline its leaf pages held ~2 KB of blob per row (118 MB of a kernel tree's index, for 5 MB of stat).

    CREATE TABLE file_blob (
      file_id INTEGER PRIMARY KEY REFERENCES file(id) ON DELETE CASCADE,
      outline BLOB,                            -- zstd(varint-coded declaration tree); NULL when not indexed
      refs BLOB                                -- zstd(names, each with its delta-coded positions); NULL when none
    );

    INSERT INTO file_blob (file_id, outline, refs) SELECT id, outline, refs FROM file WHERE outline IS NOT NULL OR refs IS NOT NULL;
    ALTER TABLE file DROP COLUMN outline;
    ALTER TABLE file DROP COLUMN refs;

    PRAGMA user_version = 4;
    """#
  ),
  (
    "0005_scopes",
    #"""
    -- Scopes, bindings, imports and member uses per file (ScopeCodec), which resolution reads and a name
    -- search never does: a column of its own, NULL where the reader records none.
    ALTER TABLE file_blob ADD COLUMN scopes BLOB;

    -- Readers that now record scopes must read their files again: a changed stat makes the next run read the
    -- bytes, and a hash no file has makes it parse them (the bytes themselves are unchanged).
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language = 'python' AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 5;
    """#
  ),
  (
    "0006_swift_scopes",
    #"""
    -- The Swift reader now records scopes, bindings, member uses and call labels (ScopeCodec version 2), so
    -- Swift files must be read again: a changed stat makes the next run read the bytes, and a hash no file has
    -- makes it parse them. Python blobs of version 1 still decode and stay.
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language = 'swift' AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 6;
    """#
  ),
  (
    "0007_script_scopes",
    #"""
    -- The JavaScript and TypeScript readers now record scopes, bindings, imports, exports and member uses
    -- (ScopeCodec version 3), so their files must be read again: a changed stat makes the next run read the
    -- bytes, and a hash no file has makes it parse them. Python and Swift blobs of versions 1 and 2 still decode
    -- and stay.
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('javascript', 'typescript') AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 7;
    """#
  ),
  (
    "0008_go_scopes",
    #"""
    -- The Go reader now records scopes, bindings, imports and member uses (ScopeCodec version 3), so Go files
    -- must be read again: a changed stat makes the next run read the bytes, and a hash no file has makes it
    -- parse them.
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language = 'go' AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 8;
    """#
  ),
  (
    "0009_c_scopes",
    #"""
    -- The C and C++ reader now records scopes, bindings, includes and member uses (ScopeCodec version 3), so C
    -- and C++ files must be read again: a changed stat makes the next run read the bytes, and a hash no file
    -- has makes it parse them.
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('c', 'cpp') AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 9;
    """#
  ),
  (
    "0010_java_scopes",
    #"""
    -- The Java reader now records scopes, bindings, imports, member uses and calls, so Java files must be read
    -- again: a changed stat makes the next run read the bytes, and a hash no file has makes it parse them.
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language = 'java' AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 10;
    """#
  ),
  (
    "0011_rust_scopes",
    #"""
    -- The Rust reader now records scopes, bindings, `use` imports and member uses, so Rust files must be read
    -- again: a changed stat makes the next run read the bytes, and a hash no file has makes it parse them.
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language = 'rust' AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 11;
    """#
  ),
  (
    "0012_script_reader_fixes",
    #"""
    -- The JavaScript and TypeScript readers fixed definitions they missed or misnamed (interface accessors,
    -- construct signatures, return types spanning lines, `var` alone on its line, `name = { … }` keys, callbacks
    -- in object values, functions called where they stand), so their files must be read again: a changed stat
    -- makes the next run read the bytes, and a hash no file has makes it parse them.
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('javascript', 'typescript') AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 12;
    """#
  ),
  (
    "0013_symbol_changes",
    #"""
    -- A symbol-level change feed (`indexer changes --since G`, MCP changed_symbols): each commit after a bulk
    -- build records the definitions it added, removed or changed (signature or extent), with the generation
    -- that made them. Bulk builds record nothing: `journal_start` in meta is the generation from which the
    -- feed is complete (changes since an earlier one are unknown). Rows past the newest 200,000 are dropped,
    -- moving `journal_start` forward.
    CREATE TABLE symbol_change (
      generation INTEGER NOT NULL,
      path TEXT NOT NULL,
      name TEXT NOT NULL,
      kind INTEGER NOT NULL,
      container TEXT NOT NULL,
      change INTEGER NOT NULL,                 -- 0 added, 1 removed, 2 changed
      line INTEGER NOT NULL,
      signature TEXT NOT NULL
    );

    CREATE INDEX symbol_change_generation ON symbol_change (generation);

    INSERT OR REPLACE INTO meta (key, value) SELECT 'journal_start', value FROM meta WHERE key = 'generation';

    PRAGMA user_version = 13;
    """#
  ),
  (
    "0014_unindexed_files",
    #"""
    -- The files the index holds no definitions of (too large, past a limit, unreadable, quarantined after an
    -- extractor crash or timeout): every answer that says what it left out (MCP `leftOut.files`, the CLI's
    -- `--json` summary) lists those that mention the name. Without this index that list was a scan of every
    -- file row: 20 ms per `query symbol --json` on a 70,000-file tree.
    CREATE INDEX file_unindexed ON file (path) WHERE status NOT IN ('indexed', 'lossy-utf8', 'binary');

    PRAGMA user_version = 14;
    """#
  ),
  (
    "0015_c_extern_variables",
    #"""
    -- The C and C++ reader now records variables declared `extern` at file or namespace level (kind `externvar`,
    -- as ctags' `x`): often the only declaration of a variable a linker script or another file defines (Linux's
    -- `jiffies`), no longer records the words of an `#include <linux/jiffies.h>` path as uses of those names,
    -- and reads `class` in C as a name (Linux's `struct class`). C and C++ files must be read again: a changed stat makes the next run read the bytes, and a hash
    -- no file has makes it parse them.
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('c', 'cpp') AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 15;
    """#
  ),
  (
    "0016_c_keyword_names",
    #"""
    -- The C and C++ reader no longer records a type keyword as a declared name: `static __initdata struct { … } x;`
    -- (a macro word before `struct`) and prose in an `#ifdef` branch running into `typedef struct {` each gave a
    -- variable named `struct` (five on Linux), which go-to-definition on the keyword jumped to. C and C++ files
    -- must be read again, as in migration 15.
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('c', 'cpp') AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 16;
    """#
  ),
  (
    "0017_typescript_casts_and_unions",
    #"""
    -- The JavaScript and TypeScript reader now records the type a cast writes (`const x = y as Foo`) and a
    -- union of named types (`type U = A | B`, `x: A | B`) as a binding's type, so `x.member` resolves through
    -- them. JavaScript and TypeScript files must be read again, as in migration 12.
    UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('javascript', 'typescript') AND status IN ('indexed', 'lossy-utf8');

    PRAGMA user_version = 17;
    """#
  ),
]
