-- Scopes, bindings, imports and member uses per file (ScopeCodec), which resolution reads and a name
-- search never does: a column of its own, NULL where the reader records none.
ALTER TABLE file_blob ADD COLUMN scopes BLOB;

-- Readers that now record scopes must read their files again: a changed stat makes the next run read the
-- bytes, and a hash no file has makes it parse them (the bytes themselves are unchanged).
UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language = 'python' AND status IN ('indexed', 'lossy-utf8');

PRAGMA user_version = 5;
