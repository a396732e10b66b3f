#!/usr/bin/env bash
# Renders Schema/*.sql into Sources/IndexerStore/Schema+Generated.swift, the only way the schema reaches the binary.
# SchemaTests fails when the two differ; run `make schema` after adding a migration.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Sources/IndexerStore/Schema+Generated.swift
{
  echo "// Generated from Schema/*.sql by Scripts/generate-schema.sh. Do not edit."
  echo ""
  echo "/// The migrations in Schema/, in order: (file name without .sql, SQL text)."
  echo "let schemaMigrations: [(name: String, sql: String)] = ["
  for f in Schema/*.sql; do
    name=$(basename "$f" .sql)
    echo "  ("
    echo "    \"$name\","
    echo "    #\"\"\""
    sed 's/^/    /; s/^    $//' "$f"
    echo "    \"\"\"#"
    echo "  ),"
  done
  echo "]"
} > "$out"
echo "wrote $out"
