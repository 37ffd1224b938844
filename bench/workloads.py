#!/usr/bin/env python3
"""The benchmark workloads under CPython asyncio, timed; the C++ bench runs the same ones.

Prints one JSON object: the Python build and CPU seconds (of the thread) per workload. The loop is CPython's own
SelectorEventLoop on a virtual clock (as in the differential tests), so timer workloads measure
the loop's work, not waiting.
"""
import asyncio
import json
import os
import platform
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "conformance"))
import vclock  # noqa: E402


async def switch(tasks=1000, switches=1000):
    async def worker():
        for _ in range(switches):
            await asyncio.sleep(0)
    await asyncio.gather(*(worker() for _ in range(tasks)))


async def spawn(n=100_000):
    async def leaf():
        return 1
    await asyncio.gather(*(leaf() for _ in range(n)))


async def timers(n=100_000):
    rng = random.Random(42)
    async def sleeper(d):
        await asyncio.sleep(d)
    await asyncio.gather(*(sleeper(rng.random()) for _ in range(n)))


async def gather_tree(depth=3, width=50):
    async def node(d):
        if d == 0:
            await asyncio.sleep(0)
            return 1
        return sum(await asyncio.gather(*(node(d - 1) for _ in range(width))))
    await node(depth)


WORKLOADS = {"switch": switch, "spawn": spawn, "timers": timers, "gather_tree": gather_tree}
# --quick: the same shapes at a tenth of the size (a smoke run, as the C++ side's --quick).
QUICK = {"switch": lambda: switch(1000, 100), "spawn": lambda: spawn(10_000), "timers": lambda: timers(10_000),
         "gather_tree": lambda: gather_tree(3, 20)}


def main():
    args = sys.argv[1:]
    quick = "--quick" in args
    repeat = 1
    if "--repeat" in args:
        at = args.index("--repeat")
        repeat = int(args[at + 1])
        del args[at:at + 2]
    only = [a for a in args if a != "--quick"] or list(WORKLOADS)
    table = QUICK if quick else WORKLOADS
    asyncio.set_event_loop_policy(vclock.VirtualClockPolicy())
    out = {"python": f"{platform.python_implementation()} {platform.python_version()} "
                     f"({platform.python_build()[0]}, {platform.python_compiler()})",
           "executable": sys.executable, "seconds": {}}
    for name in only:
        # CPU time of this thread, as the C++ side measures: other processes' load does not count.
        # The best of `repeat` runs, as the C++ side takes: noise only ever adds time.
        best = None
        for _ in range(repeat):
            t0 = time.thread_time()
            asyncio.run(table[name]())
            t = time.thread_time() - t0
            best = t if best is None else min(best, t)
        out["seconds"][name] = best
    print(json.dumps(out))


if __name__ == "__main__":
    main()
