-- The C and C++ reader no longer records a type keyword as a declared name: `static __initdata struct { … } x;`
-- (a macro word before `struct`) and prose in an `#ifdef` branch running into `typedef struct {` each gave a
-- variable named `struct` (five on Linux), which go-to-definition on the keyword jumped to. C and C++ files
-- must be read again, as in migration 15.
UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('c', 'cpp') AND status IN ('indexed', 'lossy-utf8');

PRAGMA user_version = 16;
