-- The Swift reader now records scopes, bindings, member uses and call labels (ScopeCodec version 2), so
-- Swift files must be read again: a changed stat makes the next run read the bytes, and a hash no file has
-- makes it parse them. Python blobs of version 1 still decode and stay.
UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language = 'swift' AND status IN ('indexed', 'lossy-utf8');

PRAGMA user_version = 6;
