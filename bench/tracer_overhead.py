#!/usr/bin/env python3
"""How much slower a script runs under the loopscope tracer than without it.

The workload is bench/workloads.py's switch (1000 tasks x 1000 sleep(0): a million task steps, three
trace events each), on the virtual clock in both runs. Each run is a fresh python3 process; the
traced one includes writing the trace file. Reports the median and the best of --runs runs, by wall
time and by CPU time (the CPU ratio is steadier on a busy machine), the ratios, the Python build and
the machine's load average (other processes slow both runs, and the traced one's bigger memory more).
Target: traced <= 3x untraced. Exit status 1 if the CPU ratio is over the target.

Usage: tracer_overhead.py [--quick] [--runs N] [--python PYTHON]
"""
import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TRACER = os.path.join(ROOT, "tracer", "loopscope_tracer.py")
TARGET = 3.0

SCRIPT = """\
import asyncio, sys
sys.path.insert(0, {bench!r})
import workloads
{policy}
asyncio.run(workloads.switch({tasks}, {switches}))
"""


def timed(argv):
    """(wall seconds, CPU seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="1000 tasks x 100 switches instead of x 1000")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--python", default=sys.executable)
    opts = p.parse_args()
    tasks, switches = (1000, 100) if opts.quick else (1000, 1000)
    with tempfile.TemporaryDirectory() as tmp:
        plain = os.path.join(tmp, "switch_plain.py")
        traced = os.path.join(tmp, "switch_traced.py")
        with open(plain, "w") as f:
            # The tracer installs its own virtual-clock policy; the plain run uses vclock's.
            f.write(SCRIPT.format(bench=HERE, tasks=tasks, switches=switches,
                                  policy="asyncio.set_event_loop_policy(workloads.vclock.VirtualClockPolicy())"))
        with open(traced, "w") as f:
            f.write(SCRIPT.format(bench=HERE, tasks=tasks, switches=switches, policy=""))
        out = os.path.join(tmp, "switch.lstrace")
        runs = {"untraced": [], "traced": []}
        for _ in range(opts.runs):
            runs["untraced"].append(timed([opts.python, plain]))
            runs["traced"].append(timed([opts.python, TRACER, "--quiet", "--wall-timeout", "0", "--out", out, traced]))
        trace_mb = os.path.getsize(out) / 2**20
    build = subprocess.run([opts.python, "-c", "import platform; print(platform.python_implementation(), "
                            "platform.python_version(), platform.python_build()[0], platform.python_compiler())"],
                           capture_output=True, text=True).stdout.strip()
    median = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
    best = {k: (min(w for w, _ in v), min(c for _, c in v)) for k, v in runs.items()}
    print(f"python:   {build} ({opts.python})")
    print(f"workload: switch, {tasks} tasks x {switches} sleep(0), virtual clock; {opts.runs} runs each, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for name, stat in (("median", median), ("best", best)):
        print(f"{name}:")
        print(f"  untraced: {stat['untraced'][0]:.2f} s wall, {stat['untraced'][1]:.2f} s CPU")
        print(f"  traced:   {stat['traced'][0]:.2f} s wall, {stat['traced'][1]:.2f} s CPU")
    cpu_ratio = median["traced"][1] / median["untraced"][1]
    verdict = "within" if cpu_ratio <= TARGET else "OVER"
    print(f"ratio:    median {median['traced'][0] / median['untraced'][0]:.2f}x wall, {cpu_ratio:.2f}x CPU "
          f"({verdict} the {TARGET:g}x target); best {best['traced'][0] / best['untraced'][0]:.2f}x wall, "
          f"{best['traced'][1] / best['untraced'][1]:.2f}x CPU")
    print(f"trace:    {trace_mb:.1f} MiB")
    return 0 if cpu_ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
