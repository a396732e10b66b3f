-- The JavaScript and TypeScript readers now record scopes, bindings, imports, exports and member uses
-- (ScopeCodec version 3), so their files must be read again: a changed stat makes the next run read the
-- bytes, and a hash no file has makes it parse them. Python and Swift blobs of versions 1 and 2 still decode
-- and stay.
UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('javascript', 'typescript') AND status IN ('indexed', 'lossy-utf8');

PRAGMA user_version = 7;
