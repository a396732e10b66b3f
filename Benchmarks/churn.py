#!/usr/bin/env python3
"""The watcher left running under churn: resident memory over 100 branch switches, and the index checked
against a fresh one after every 10.

  churn.py INDEXER TREE [--switches 100] [--clients 4] [--hot-cache SIZE] [--env K=V ...]

TREE is copied to a scratch folder and made a git repository with two branches: branch `b` changes 300
files (a new function appended), adds 50 and deletes 50. `indexer watch` runs on the copy while CLIENTS
processes query it without pause (`indexer query symbol` through its socket, random names), and the tree
switches between the branches; after each switch 20 files are saved half-typed (cut at a random byte) and
then restored, as an editor does. After every 10 switches: wait until the watcher has committed
everything (`query --sync`), read its VmRSS, and compare `export --format dump` of its index with a fresh
`indexer index` of the same tree. Prints one line per checkpoint and exits 1 if an index differed or a
query failed."""
import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time


def run(*args, **kw):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def git(tree, *args):
    run("git", "-C", tree, *args)


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def make_branches(tree, rng):
    git(tree, "init", "-q", "-b", "a")
    git(tree, "config", "user.email", "churn@example.invalid")
    git(tree, "config", "user.name", "churn")
    git(tree, "add", "-A")
    git(tree, "commit", "-q", "-m", "a")
    git(tree, "checkout", "-q", "-b", "b")
    files = sorted(os.path.relpath(os.path.join(d, f), tree)
                   for d, _, fs in os.walk(tree) if "/.git" not in d + "/" for f in fs if f.endswith(".py"))
    picked = rng.sample(files, 350)
    for i, rel in enumerate(picked[:300]):
        with open(os.path.join(tree, rel), "a") as f:
            f.write(f"\n\ndef churn_changed_{i}(value):\n    return value + {i}\n")
    for rel in picked[300:]:
        os.remove(os.path.join(tree, rel))
    for i in range(50):
        path = os.path.join(tree, "churn_added", f"added_{i}.py")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(f"class ChurnAdded{i}:\n    def method_{i}(self):\n        return {i}\n")
    git(tree, "add", "-A")
    git(tree, "commit", "-q", "-m", "b")
    git(tree, "checkout", "-q", "a")
    return files


def main():
    p = argparse.ArgumentParser()
    p.add_argument("indexer")
    p.add_argument("tree")
    p.add_argument("--switches", type=int, default=100)
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--every", type=int, default=10)
    p.add_argument("--env", action="append", default=[], help="K=V set for the watcher only")
    a = p.parse_args()
    rng = random.Random(20261207)
    work = tempfile.mkdtemp(prefix="indexer-churn.")
    tree = os.path.join(work, "tree")
    shutil.copytree(a.tree, tree, symlinks=True, ignore=shutil.ignore_patterns(".git", ".indexer"))
    files = make_branches(tree, rng)
    db = os.path.join(work, "watch.sqlite")
    env = dict(os.environ)
    env.update(kv.split("=", 1) for kv in a.env)
    log = open(os.path.join(work, "watch.log"), "w")
    watcher = subprocess.Popen([a.indexer, "watch", tree, "--db", db], stdout=log, stderr=subprocess.STDOUT, env=env)
    failures = []
    stop = threading.Event()
    try:
        wait_for_service(a.indexer, tree, db, watcher)
        sync(a.indexer, tree, db)
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as names_db:
            names = [r[0] for r in names_db.execute("SELECT DISTINCT name FROM symbol ORDER BY name LIMIT 3000")]

        def client(seed):
            r = random.Random(seed)
            while not stop.is_set():
                done = subprocess.run([a.indexer, "query", "symbol", r.choice(names), "--root", tree, "--db", db],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                if done.returncode not in (0, 1):
                    failures.append(done.stderr.decode().strip())

        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(a.clients)]
        for t in threads:
            t.start()
        print(f"{'switches':>8}  {'VmRSS MB':>8}  {'SQLite MB':>9} {'hot MB':>9}  index")
        print(f"{0:>8}  {rss_kb(watcher.pid) / 1024:>8.1f}  {service_mb(a.indexer, tree, db)}  (start)", flush=True)
        differed = 0
        for switch in range(1, a.switches + 1):
            git(tree, "checkout", "-q", "b" if switch % 2 else "a")
            for rel in rng.sample(files, 20):
                path = os.path.join(tree, rel)
                if not os.path.exists(path):
                    continue
                with open(path, "rb") as f:
                    whole = f.read()
                with open(path, "wb") as f:
                    f.write(whole[: rng.randrange(len(whole) + 1)])
                time.sleep(0.01)
                with open(path, "wb") as f:
                    f.write(whole)
            if switch % a.every == 0:
                sync(a.indexer, tree, db)
                same = equal_to_fresh(a.indexer, tree, db, work)
                differed += not same
                print(f"{switch:>8}  {rss_kb(watcher.pid) / 1024:>8.1f}  {service_mb(a.indexer, tree, db)}  "
                      f"{'equals a fresh index' if same else 'DIFFERS'}", flush=True)
        stop.set()
        for t in threads:
            t.join()
    finally:
        stop.set()
        watcher.terminate()
        watcher.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(f"failed queries: {len(failures)}" + (f" (first: {failures[0]})" if failures else ""))
    sys.exit(1 if differed or failures else 0)


def service_mb(indexer, tree, db):
    """What SQLite and the hot layer hold in the watcher, as `indexer stats` reports them ("-" where it does not say)."""
    out = subprocess.run([indexer, "stats", "--json", "--root", tree, "--db", db], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout
    service = json.loads(out or b"{}").get("service", {})
    sqlite, hot = service.get("sqliteBytes"), service.get("hotLayer", {}).get("bytes")
    return " ".join("-".rjust(9) if v is None else f"{v / 1048576:>9.1f}" for v in (sqlite, hot))


def wait_for_service(indexer, tree, db, watcher):
    """Returns once the watcher answers on its socket (its first build done)."""
    while b'"service"' not in subprocess.run([indexer, "stats", "--json", "--root", tree, "--db", db],
                                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout:
        if watcher.poll() is not None:
            sys.exit(f"the watcher exited with status {watcher.returncode}")
        time.sleep(0.1)


def sync(indexer, tree, db):
    """Returns once the watcher has committed every change made before the call (exit 1: no such name)."""
    subprocess.run([indexer, "query", "symbol", "__churn_sync__", "--sync", "--root", tree, "--db", db],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def equal_to_fresh(indexer, tree, db, work):
    fresh = os.path.join(work, "fresh.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(fresh + suffix):
            os.remove(fresh + suffix)
    run(indexer, "index", tree, "--db", fresh, "--quiet")
    ours = run(indexer, "export", "--format", "dump", "--db", db, "--root", tree).stdout
    theirs = run(indexer, "export", "--format", "dump", "--db", fresh, "--root", tree).stdout
    return ours == theirs


if __name__ == "__main__":
    main()
