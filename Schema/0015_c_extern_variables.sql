-- The C and C++ reader now records variables declared `extern` at file or namespace level (kind `externvar`,
-- as ctags' `x`): often the only declaration of a variable a linker script or another file defines (Linux's
-- `jiffies`), no longer records the words of an `#include <linux/jiffies.h>` path as uses of those names,
-- and reads `class` in C as a name (Linux's `struct class`). C and C++ files must be read again: a changed stat makes the next run read the bytes, and a hash
-- no file has makes it parse them.
UPDATE file SET mtime_ns = 0, content_hash = 0 WHERE language IN ('c', 'cpp') AND status IN ('indexed', 'lossy-utf8');

PRAGMA user_version = 15;
