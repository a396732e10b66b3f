-- References: every identifier occurrence outside strings and comments, for `indexer query refs`.

-- Per file: zstd(names, each with its delta-coded positions), written beside the outline.
ALTER TABLE file ADD COLUMN refs BLOB;
ALTER TABLE file ADD COLUMN ref_count INTEGER NOT NULL DEFAULT 0;

-- Every distinct referenced name once; ref_file points at it by number, which keeps that table small.
CREATE TABLE ref_name (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

-- Name-to-files: which files mention a name, so a query decompresses only those files' blobs.
-- Clustered by name; a file's rows are found again through the names in its own blob.
CREATE TABLE ref_file (
  name_id INTEGER NOT NULL,
  file_id INTEGER NOT NULL,
  PRIMARY KEY (name_id, file_id)
) WITHOUT ROWID;

-- Files indexed before this version have no references: make the next run read them again.
UPDATE file SET mtime_ns = 0, content_hash = 0;

PRAGMA user_version = 2;
