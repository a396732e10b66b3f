#!/usr/bin/env bash
# kill -9 at random moments of every kind of write — a cold index (a bulk build, its publish by rename, and
# the resume of a build an earlier kill left), watcher batches, watcher rescans — then: `indexer check` must find the index sound (or absent), and the next
# `indexer index` must converge to what a fresh index of the same tree holds (full dumps compared:
# `export --format json`, and the reference count of `stats`).
#
#   Benchmarks/crash-consistency.sh            # 100 kills (KILLS=N for more), on a copy of Python's stdlib
#   TREE=/path/to/tree KILLS=300 Benchmarks/crash-consistency.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${INDEXER:-$repo/.build-release/release/indexer}
kills=${KILLS:-100}
[ -x "$bin" ] || { echo "no release binary at $bin — run 'make build' first" >&2; exit 2; }
work=$(mktemp -d /tmp/indexer-crash.XXXXXX)
trap 'pkill -9 -f "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
src=${TREE:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')}
mkdir -p "$work/tree"
(cd "$src" && tar --exclude='site-packages' --exclude='__pycache__' -cf - .) | tar -xf - -C "$work/tree"
tree=$work/tree
db=$work/index.sqlite

# How long a cold index takes here: kills are spread over [0, 1.2 x that].
start=$(date +%s.%N)
"$bin" index "$tree" --db "$work/probe.sqlite" --quiet
cold=$(echo "$(date +%s.%N) - $start" | bc)
rm -f "$work/probe.sqlite"*
echo "tree: $(find "$tree" -name '*.py' | wc -l) Python files; cold index ${cold}s; $kills kills"

dump() {  # the whole index as text: every symbol, and the reference total
  "$bin" export --format json --db "$1" | sort
  "$bin" stats --json --db "$1" | python3 -c 'import json,sys; s=json.load(sys.stdin); print("files", s["files"], "symbols", s["symbols"], "references", s["references"])'
}

edit_some() {  # a burst of edits a watcher has to follow: rewrites, new files, deletions, a rename
  local n=$1 i f
  for i in $(seq 1 "$n"); do
    f=$(find "$tree" -name '*.py' | shuf -n 1 --random-source=<(yes "$RANDOM$i"))
    case $((RANDOM % 4)) in
      0) printf 'def crash_edit_%s_%s():\n    pass\n' "$RANDOM" "$i" >> "$f" ;;
      1) printf 'class CrashNew%s:\n    x = 1\n' "$RANDOM" > "$tree/crash_new_$RANDOM.py" ;;
      2) rm -f "$f" ;;
      3) mv "$f" "$f.moved.py" 2>/dev/null || true ;;
    esac
  done
}

random_delay() { python3 -c "import random; print(round(random.uniform(0, $1), 3))"; }

failures=0
declare -A ran=([cold]=0 [watch-batches]=0 [watch-rescan]=0)
for k in $(seq 1 "$kills"); do
  mode=$([ $((k % 3)) = 0 ] && echo cold || ([ $((k % 3)) = 1 ] && echo watch-batches || echo watch-rescan))
  ran[$mode]=$((ran[$mode] + 1))
  case $mode in
    cold)
      rm -f "$db" "$db"-wal "$db"-shm
      "$bin" index "$tree" --db "$db" --quiet & pid=$!
      sleep "$(random_delay "$(echo "$cold * 1.2" | bc)")"
      kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true ;;
    watch-batches|watch-rescan)
      [ -f "$db" ] || "$bin" index "$tree" --db "$db" --quiet
      "$bin" watch "$tree" --db "$db" --settle-ms 5 2>/dev/null & pid=$!
      for _ in $(seq 1 200); do "$bin" stats --db "$db" --json 2>/dev/null | grep -q '"service"' && break; sleep 0.05; done
      if [ $mode = watch-rescan ]; then echo "# $RANDOM" >> "$tree/.gitignore"; fi  # an ignore file change rescans
      edit_some $((RANDOM % 40 + 1))
      sleep "$(random_delay 1.5)"
      kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true ;;
  esac
  check=$("$bin" check "$tree" --db "$db" 2>&1) && status=0 || status=$?
  if [ $status -ne 0 ] && ! echo "$check" | grep -q "no index at"; then
    echo "kill $k ($mode): check failed: $check"; failures=$((failures + 1)); continue
  fi
  "$bin" index "$tree" --db "$db" --quiet
  # The run after a kill (a resumed build among them) must leave a sound index too: its name-to-files
  # lists and rows are what `check` cross-checks, which the dumps below do not compare.
  if ! after=$("$bin" check "$tree" --db "$db" 2>&1); then
    echo "kill $k ($mode): the next run left an unsound index: $(echo "$after" | head -3)"; failures=$((failures + 1)); continue
  fi
  rm -f "$work/fresh.sqlite"*
  "$bin" index "$tree" --db "$work/fresh.sqlite" --quiet
  if ! diff <(dump "$db") <(dump "$work/fresh.sqlite") > "$work/diff" ; then
    echo "kill $k ($mode): the next run did not converge:"; head -5 "$work/diff"; failures=$((failures + 1))
  fi
  if [ $((k % 10)) = 0 ]; then echo "$k kills, $failures failures"; fi
done
echo "kills: $kills (cold ${ran[cold]}, watcher batches ${ran[watch-batches]}, watcher rescans ${ran[watch-rescan]}); failures: $failures"
[ $failures = 0 ]
