#!/usr/bin/env python3
"""Run an asyncio script under real CPython asyncio on a virtual clock.

Every line the script prints comes out as "<virtual time>\t<line>", e.g. "1.000000\tWorld".
The loop is CPython's own SelectorEventLoop; only its clock is virtual: when nothing is ready,
select() jumps time to the earliest timer instead of waiting, so CPython's _run_once logic
(timer heap, ready queue, equal-deadline order) runs unchanged and a script runs instantly.

time.sleep() advances the virtual clock (it blocks the loop, as it does for real), and
time.time()/monotonic()/perf_counter() read it, so "took 3.00 seconds" prints the virtual time.

Last line, when the run does not end normally:
  "!raised\t<Type>: <message>"  the script raised (traceback on stderr), exit status 1
  "!deadlock"                   nothing ready, no timer, and the script still waits, exit status 3

Usage: vclock.py SCRIPT.py [ARGS...]
"""
import asyncio
import builtins
import io
import runpy
import selectors
import sys
import time
import traceback

_real_print = builtins.print
_current_loop = None
_EPOCH = 1_700_000_000.0  # what time.time() reads at virtual t = 0


class Deadlock(Exception):
    pass


class VirtualClockSelector(selectors.DefaultSelector):
    """A selector that never waits: it moves the loop's virtual clock instead."""

    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        loop = self.loop
        if timeout is None:
            # Nothing is ready and no timer is armed. Only a registered file descriptor other than
            # the loop's self-pipe (real I/O) could still wake us; with none, we would wait forever.
            events = super().select(0.05 if self._has_foreign_fds() else 0)
            if events:
                return events
            raise Deadlock()
        if timeout > 0 and loop._scheduled:
            loop._vt = max(loop._vt, loop._scheduled[0]._when)
        return super().select(0)

    def _has_foreign_fds(self):
        ssock = getattr(self.loop, "_ssock", None)
        own = ssock.fileno() if ssock is not None else -1
        return any(key.fd != own for key in self.get_map().values())


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._vt = 0.0
        selector = VirtualClockSelector()
        super().__init__(selector=selector)
        selector.loop = self
        global _current_loop
        _current_loop = self

    def time(self):
        return self._vt


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualClockLoop()


def _now():
    return _current_loop._vt if _current_loop is not None else 0.0


def _print(*args, sep=" ", end="\n", file=None, flush=False):
    if file is not None and file not in (sys.stdout, sys.__stdout__):
        _real_print(*args, sep=sep, end=end, file=file, flush=flush)
        return
    buf = io.StringIO()
    _real_print(*args, sep=sep, end=end, file=buf)
    text = buf.getvalue()
    if text.endswith("\n"):
        text = text[:-1]
    for line in text.split("\n"):
        _real_print(f"{_now():.6f}\t{line}", flush=True)


def _sleep(seconds):
    if _current_loop is not None:
        _current_loop._vt = _current_loop._vt + seconds


def install():
    asyncio.set_event_loop_policy(VirtualClockPolicy())
    builtins.print = _print
    time.sleep = _sleep
    time.time = lambda: _EPOCH + _now()
    time.monotonic = _now
    time.perf_counter = _now


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    script = argv[1]
    sys.argv = argv[1:]
    install()
    try:
        runpy.run_path(script, run_name="__main__")
    except Deadlock:
        _real_print("!deadlock", flush=True)
        return 3
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 0
    except BaseException as e:  # the script's own error: report it the way asyncio.run raises it
        traceback.print_exc(file=sys.stderr)
        _real_print(f"!raised\t{type(e).__name__}: {e}", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
