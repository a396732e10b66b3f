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
