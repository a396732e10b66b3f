#!/usr/bin/env python3
"""Is the definition a user means first? Fifty symbol searches on python-stdlib and the Linux tree, each with
the answer someone typing it means (chosen by hand before running, from what the name is known for), run
through `indexer query symbol QUERY --fuzzy --limit 5 --json` (the ranking `workspace/symbol` and MCP
`find_symbol` with `match: fuzzy` share).

  ranking.py INDEXER --python ROOT --python-db DB --linux ROOT --linux-db DB

Prints each query with the rank of the meant answer (1 = first, "-" = not in the top 5) and the share first
and in the top 5, per tree and overall."""
import argparse
import json
import subprocess

# (query, path of the meant definition, its name)
PYTHON = [
    ("Popen", "subprocess.py", "Popen"),
    ("Thread", "threading.py", "Thread"),
    ("dedent", "textwrap.py", "dedent"),
    ("TestCase", "unittest/case.py", "TestCase"),
    ("OrderedDict", "collections/__init__.py", "OrderedDict"),
    ("namedtuple", "collections/__init__.py", "namedtuple"),
    ("Path", "pathlib.py", "Path"),
    ("dataclass", "dataclasses.py", "dataclass"),
    ("ArgumentParser", "argparse.py", "ArgumentParser"),
    ("urlopen", "urllib/request.py", "urlopen"),
    ("JSONDecoder", "json/decoder.py", "JSONDecoder"),
    ("deepcopy", "copy.py", "deepcopy"),
    ("Counter", "collections/__init__.py", "Counter"),
    ("HTTPServer", "http/server.py", "HTTPServer"),
    ("SequenceMatcher", "difflib.py", "SequenceMatcher"),
    ("ZipFile", "zipfile.py", "ZipFile"),
    ("getLogger", "logging/__init__.py", "getLogger"),
    ("contextmanager", "contextlib.py", "contextmanager"),
    ("lru_cache", "functools.py", "lru_cache"),
    ("partial", "functools.py", "partial"),
    ("Enum", "enum.py", "Enum"),
    ("TemporaryDirectory", "tempfile.py", "TemporaryDirectory"),
    ("SequenceMat", "difflib.py", "SequenceMatcher"),
    ("ThreadPoolEx", "concurrent/futures/thread.py", "ThreadPoolExecutor"),
    ("tpe", "concurrent/futures/thread.py", "ThreadPoolExecutor"),
]
LINUX = [
    ("task_struct", "include/linux/sched.h", "task_struct"),
    ("kmalloc", "include/linux/slab.h", "kmalloc"),
    ("list_head", "include/linux/types.h", "list_head"),
    ("container_of", "include/linux/container_of.h", "container_of"),
    ("file_operations", "include/linux/fs.h", "file_operations"),
    ("inode", "include/linux/fs.h", "inode"),
    ("sk_buff", "include/linux/skbuff.h", "sk_buff"),
    ("schedule", "kernel/sched/core.c", "schedule"),
    ("kfree", "mm/slab_common.c", "kfree"),
    ("pci_dev", "include/linux/pci.h", "pci_dev"),
    ("net_device", "include/linux/netdevice.h", "net_device"),
    ("device", "include/linux/device.h", "device"),
    ("wait_queue_head", "include/linux/wait.h", "wait_queue_head"),
    ("work_struct", "include/linux/workqueue.h", "work_struct"),
    ("vm_area_struct", "include/linux/mm_types.h", "vm_area_struct"),
    ("page", "include/linux/mm_types.h", "page"),
    ("mutex_lock", "kernel/locking/mutex.c", "mutex_lock"),
    ("spinlock_t", "include/linux/spinlock_types.h", "spinlock_t"),
    ("copy_from_user", "include/linux/uaccess.h", "copy_from_user"),
    ("jiffies", "include/linux/jiffies.h", "jiffies"),
    ("rcu_read_lock", "include/linux/rcupdate.h", "rcu_read_lock"),
    ("module_init", "include/linux/module.h", "module_init"),
    ("vm_area_str", "include/linux/mm_types.h", "vm_area_struct"),
    ("file_oper", "include/linux/fs.h", "file_operations"),
    ("wqh", "include/linux/wait.h", "wait_queue_head"),
]


def rank(indexer, db, query, path, name):
    out = subprocess.run([indexer, "query", "symbol", query, "--fuzzy", "--limit", "5", "--json", "--db", db],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode()
    answers = [o for o in (json.loads(line) for line in out.splitlines() if line) if "summary" not in o]
    for i, a in enumerate(answers):
        if a["path"] == path and a["name"] == name:
            return i + 1, answers
    return None, answers


def main():
    p = argparse.ArgumentParser()
    p.add_argument("indexer")
    p.add_argument("--python")
    p.add_argument("--python-db")
    p.add_argument("--linux")
    p.add_argument("--linux-db")
    a = p.parse_args()
    totals = [0, 0, 0]
    for label, db, cases in (("python-stdlib", a.python_db, PYTHON), ("linux", a.linux_db, LINUX)):
        if not db:
            continue
        first = top5 = 0
        for query, path, name in cases:
            r, answers = rank(a.indexer, db, query, path, name)
            first += r == 1
            top5 += r is not None
            shown = "" if r == 1 else "   first: " + (f"{answers[0]['path']}:{answers[0]['name']}" if answers else "(none)")
            print(f"{label:<14} {query:<20} {r or '-':>2}{shown}")
        print(f"{label}: first {first}/{len(cases)}, top 5 {top5}/{len(cases)}")
        totals = [totals[0] + first, totals[1] + top5, totals[2] + len(cases)]
    print(f"all: first {totals[0]}/{totals[2]} ({100 * totals[0] / max(1, totals[2]):.0f}%), "
          f"top 5 {totals[1]}/{totals[2]} ({100 * totals[1] / max(1, totals[2]):.0f}%)")


if __name__ == "__main__":
    main()
