-- The files the index holds no definitions of (too large, past a limit, unreadable, quarantined after an
-- extractor crash or timeout): every answer that says what it left out (MCP `leftOut.files`, the CLI's
-- `--json` summary) lists those that mention the name. Without this index that list was a scan of every
-- file row: 20 ms per `query symbol --json` on a 70,000-file tree.
CREATE INDEX file_unindexed ON file (path) WHERE status NOT IN ('indexed', 'lossy-utf8', 'binary');

PRAGMA user_version = 14;
