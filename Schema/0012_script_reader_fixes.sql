-- The JavaScript and TypeScript readers fixed definitions they missed or misnamed (interface accessors,
-- construct signatures, return types spanning lines, `var` alone on its line, `name = { … }` keys, callbacks
-- in object values, functions called where they stand), so their files must be read again: a changed stat
-- makes the next run read the bytes, and a hash no file has makes it parse them.
UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('javascript', 'typescript') AND status IN ('indexed', 'lossy-utf8');

PRAGMA user_version = 12;
