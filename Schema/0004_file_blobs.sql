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
