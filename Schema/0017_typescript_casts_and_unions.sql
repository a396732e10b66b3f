-- The JavaScript and TypeScript reader now records the type a cast writes (`const x = y as Foo`) and a
-- union of named types (`type U = A | B`, `x: A | B`) as a binding's type, so `x.member` resolves through
-- them. JavaScript and TypeScript files must be read again, as in migration 12.
UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('javascript', 'typescript') AND status IN ('indexed', 'lossy-utf8');

PRAGMA user_version = 17;
