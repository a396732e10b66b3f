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
