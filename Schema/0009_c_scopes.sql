-- The C and C++ reader now records scopes, bindings, includes and member uses (ScopeCodec version 3), so C
-- and C++ files must be read again: a changed stat makes the next run read the bytes, and a hash no file
-- has makes it parse them.
UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('c', 'cpp') AND status IN ('indexed', 'lossy-utf8');

PRAGMA user_version = 9;
