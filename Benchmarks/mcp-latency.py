#!/usr/bin/env python3
"""Per-call latency of `indexer mcp` from the Python MCP SDK (the client agents use): p50/p95 of `find_symbol`
over N calls in one session, and of a call refused for a bad argument (the server's floor).

  mcp-latency.py INDEXER ROOT [--name TestCase] [--calls 200]

The root must be indexed already; the server runs with --no-watch so only the call itself is timed."""
import argparse
import asyncio
import statistics
import time

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def measure(indexer, root, name, calls):
    params = StdioServerParameters(command=indexer, args=["mcp", "--root", root, "--no-watch"])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            for label, tool, arguments in [("find_symbol " + name, "find_symbol", {"name": name}),
                                           ("refused (no name)", "find_symbol", {})]:
                times = []
                for _ in range(calls):
                    start = time.perf_counter()
                    await session.call_tool(tool, arguments)
                    times.append((time.perf_counter() - start) * 1000)
                times.sort()
                print(f"{label:<28} n={calls}  p50 {statistics.median(times):6.2f} ms  p95 {times[int(len(times) * 0.95) - 1]:6.2f} ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("indexer")
    ap.add_argument("root")
    ap.add_argument("--name", default="TestCase")
    ap.add_argument("--calls", type=int, default=200)
    a = ap.parse_args()
    asyncio.run(measure(a.indexer, a.root, a.name, a.calls))


if __name__ == "__main__":
    main()
