#!/usr/bin/env bash
# The shared cache on a real tree (medians of RUNS runs each, side by side in one script):
#   - a cold index without a cache (the baseline), and with a warm cache (every result fetched):
#     a folder, and — with BENCH_SERVERS=1 — nginx (WebDAV PUT) and redis-server on loopback;
#   - the CI-artifact path: a database built elsewhere (every stored stat stale, as on a fresh checkout)
#     brought up to date, which hashes every file and parses none;
#   - `ctags -R` on the same tree as the peer.
#
#   Benchmarks/cache.sh                        # the Linux tree
#   TREE=python-stdlib RUNS=5 Benchmarks/cache.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${INDEXER:-$repo/.build-release/release/indexer}
make_corpus=${MAKE_CORPUS:-$repo/../shared/corpus/make-corpus}
tree_name=${TREE:-linux}
runs=${RUNS:-3}
work=$(mktemp -d /tmp/indexer-cache.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
[ -x "$bin" ] || { echo "no release binary at $bin — run 'make build' first" >&2; exit 2; }
src=$("$make_corpus" "$tree_name" | tail -n 1)

# median wall seconds of `runs` runs of a command; $prepare runs (untimed) before each
median() {
  local prepare=$1; shift
  local times=()
  for _ in $(seq 1 "$runs"); do
    eval "$prepare"
    /usr/bin/time -o "$work/time" -f '%e' "$@" >/dev/null 2>&1
    times+=("$(tail -n 1 "$work/time")")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}x')" "$1" "$2"; }

echo "## $tree_name ($src), medians of $runs runs"
cold=$(median 'rm -f "$work/cold.sqlite"*' "$bin" index "$src" --db "$work/cold.sqlite" --quiet)
ctags_s=$(median 'true' ctags -R -f "$work/tags" "$src")
echo "| run | seconds | vs cold index |"
echo "| --- | --- | --- |"
echo "| cold index, no cache | $cold | 1.00x |"
echo "| ctags -R | $ctags_s | $(ratio "$ctags_s" "$cold") |"

warm() {  # label, --cache value
  local label=$1 where=$2
  "$bin" index "$src" --db "$work/fill.sqlite" --quiet --cache "$where" --cache-size 8G 2>/dev/null
  rm -f "$work/fill.sqlite"*
  local t
  t=$(median 'rm -f "$work/warm.sqlite"*' "$bin" index "$src" --db "$work/warm.sqlite" --quiet --cache "$where" --cache-size 8G)
  echo "| cold index, warm $label cache | $t | $(ratio "$t" "$cold") |"
}
warm folder "$work/folder-cache"

if [ "${BENCH_SERVERS:-0}" = 1 ]; then
  port=$((20000 + RANDOM % 20000))
  mkdir -p "$work/nginx/data/cache" "$work/nginx/temp" "$work/nginx/logs"
  cat >"$work/nginx/nginx.conf" <<NGINX
daemon off;
master_process off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $work/nginx/temp/body;
  proxy_temp_path $work/nginx/temp/proxy;
  fastcgi_temp_path $work/nginx/temp/fastcgi;
  uwsgi_temp_path $work/nginx/temp/uwsgi;
  scgi_temp_path $work/nginx/temp/scgi;
  server {
    listen 127.0.0.1:$port;
    client_max_body_size 64m;
    location /cache/ { root $work/nginx/data; dav_methods PUT; create_full_put_path on; }
  }
}
NGINX
  /usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" &
  pids+=($!)
  redis-server --port $((port + 1)) --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --loglevel warning >/dev/null &
  pids+=($!)
  sleep 1
  warm "nginx (HTTP)" "http://127.0.0.1:$port/cache"
  warm "redis" "redis://127.0.0.1:$((port + 1))/0"
fi

# The artifact path: the database CI built, on a machine where every file's stat differs.
cp "$work/cold.sqlite" "$work/artifact.sqlite"
python3 - "$work/artifact.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("UPDATE file SET mtime_ns = 0, inode = 0"); db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)"); db.close()
PY
cp "$work/artifact.sqlite" "$work/artifact-stale.sqlite"
t=$(median 'cp "$work/artifact-stale.sqlite" "$work/artifact.sqlite"; rm -f "$work/artifact.sqlite-wal" "$work/artifact.sqlite-shm"' \
  "$bin" index "$src" --db "$work/artifact.sqlite" --quiet)
echo "| CI artifact brought up to date (every stat stale: hash all, parse none) | $t | $(ratio "$t" "$cold") |"
