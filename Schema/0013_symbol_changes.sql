-- A symbol-level change feed (`indexer changes --since G`, MCP changed_symbols): each commit after a bulk
-- build records the definitions it added, removed or changed (signature or extent), with the generation
-- that made them. Bulk builds record nothing: `journal_start` in meta is the generation from which the
-- feed is complete (changes since an earlier one are unknown). Rows past the newest 200,000 are dropped,
-- moving `journal_start` forward.
CREATE TABLE symbol_change (
  generation INTEGER NOT NULL,
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  container TEXT NOT NULL,
  change INTEGER NOT NULL,                 -- 0 added, 1 removed, 2 changed
  line INTEGER NOT NULL,
  signature TEXT NOT NULL
);

CREATE INDEX symbol_change_generation ON symbol_change (generation);

INSERT OR REPLACE INTO meta (key, value) SELECT 'journal_start', value FROM meta WHERE key = 'generation';

PRAGMA user_version = 13;
