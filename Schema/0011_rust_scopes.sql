-- The Rust reader now records scopes, bindings, `use` imports and member uses, so Rust files must be read
-- again: a changed stat makes the next run read the bytes, and a hash no file has makes it parse them.
UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language = 'rust' AND status IN ('indexed', 'lossy-utf8');

PRAGMA user_version = 11;
