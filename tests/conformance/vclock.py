#!/usr/bin/env python3
"""Run an asyncio script under real CPython asyncio on a virtual clock.

Every line the script prints comes out as "<virtual time>\t<line>", e.g. "1.000000\tWorld".
The loop is CPython's own SelectorEventLoop; only its clock is virtual: when nothing is ready,
select() jumps time to the earliest timer instead of waiting, so CPython's _run_once logic
(timer heap, ready queue, equal-deadline order) runs unchanged and a script runs instantly.

time.sleep() advances the virtual clock (it blocks the loop, as it does for real), and
time.time()/monotonic()/perf_counter() read it, so "took 3.00 seconds" prints the virtual time.

Executor work (loop.run_in_executor, asyncio.to_thread) runs in real worker threads, but only while
the loop's selector waits for it, one job at a time, so runs stay deterministic. In a worker,
time.sleep(d) does not move the clock: it parks the job until virtual time now + d. The selector
wakes due jobs first, in (deadline, submission) order, each until it sleeps again or finishes (its
call_soon_threadsafe lands in the ready queue); when nothing is ready, the clock jumps to the earliest
timer or job deadline, and a job due at the same time as a timer is woken before the timer fires.
The engine's event_loop::poll follows the same rules. The default executor has 64 threads; a job
that can get no thread stops the run with an error instead of hanging.

--fakes DIR (or the LOOPSCOPE_FAKES environment variable) puts DIR first on sys.path, so a scenario
imports the fake modules there (tests/conformance/fakes/aiohttp.py) instead of real ones.

Last line, when the run does not end normally:
  "!raised\t<Type>: <message>"  the script raised (traceback on stderr), exit status 1
  "!deadlock"                   nothing ready, no timer, and the script still waits, exit status 3

Usage: vclock.py [--fakes DIR] SCRIPT.py [ARGS...]
"""
import asyncio
import builtins
import concurrent.futures
import heapq
import io
import itertools
import os
import runpy
import selectors
import sys
import threading
import time
import traceback

_real_print = builtins.print
_current_loop = None
_EPOCH = 1_700_000_000.0  # what time.time() reads at virtual t = 0


class Deadlock(Exception):
    pass


_worker = threading.local()  # .job: the executor job this thread is running


class _Job:
    def __init__(self):
        self.wake = threading.Event()
        self.active = False    # released by the selector and not yet parked or finished
        self.finished = False


class _Workers:
    """Executor jobs on the virtual clock: each runs only while the selector waits for it."""

    JOB_TIMEOUT = 30.0  # real seconds a released job may take to sleep again or finish

    def __init__(self):
        self.cond = threading.Condition()
        self.parked = []  # heap of (virtual deadline, seq, job)
        self.seq = itertools.count()
        self.running = 0
        self.closing = False

    def submit(self, now):
        job = _Job()
        with self.cond:
            heapq.heappush(self.parked, (now, next(self.seq), job))  # starts at the next select
        return job

    def park(self, job, deadline):
        """In the job's thread: sleep until the selector reaches `deadline`."""
        with self.cond:
            if self.closing:
                return
            job.wake.clear()
            job.active = False
            self.running -= 1
            heapq.heappush(self.parked, (deadline, next(self.seq), job))
            self.cond.notify_all()
        job.wake.wait()

    def finish(self, job):
        """After the job's call_soon_threadsafe (or when it was cancelled before it started)."""
        with self.cond:
            job.finished = True
            if job.active:
                job.active = False
                self.running -= 1
                self.cond.notify_all()

    def next_deadline(self):
        with self.cond:
            return self.parked[0][0] if self.parked else None

    def release_due(self, now):
        """Wake every job due by `now`, one at a time, each until it parks again or finishes."""
        while True:
            with self.cond:
                if not self.parked or self.parked[0][0] > now:
                    return
                _, _, job = heapq.heappop(self.parked)
                if job.finished:
                    continue
                job.active = True
                self.running += 1
                job.wake.set()
                if not self.cond.wait_for(lambda: self.running == 0, self.JOB_TIMEOUT):
                    raise RuntimeError("vclock: an executor job neither slept nor finished "
                                       f"within {self.JOB_TIMEOUT:.0f} s (no free worker thread?)")

    def close(self):
        """Let every parked job run to its end at once: nothing will wake them any more."""
        with self.cond:
            self.closing = True
            for _, _, job in self.parked:
                job.wake.set()
            self.parked.clear()


class VirtualClockSelector(selectors.DefaultSelector):
    """A selector that never waits: it moves the loop's virtual clock instead."""

    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        loop = self.loop
        workers = loop._workers
        while True:
            workers.release_due(loop._vt)  # their completions land in loop._ready
            if timeout == 0 or loop._ready:
                break
            next_timer = loop._scheduled[0]._when if loop._scheduled else None
            if next_timer is not None and next_timer <= loop._vt:
                break
            next_job = workers.next_deadline()
            if next_timer is None and next_job is None:
                # Nothing is ready, no timer is armed, no job is parked. Only a registered file
                # descriptor other than the self-pipe (real I/O) could still wake us.
                events = super().select(0.05 if self._has_foreign_fds() else 0)
                if events:
                    return events
                raise Deadlock()
            loop._vt = max(loop._vt, min(t for t in (next_timer, next_job) if t is not None))
        return super().select(0)

    def _has_foreign_fds(self):
        ssock = getattr(self.loop, "_ssock", None)
        own = ssock.fileno() if ssock is not None else -1
        return any(key.fd != own for key in self.get_map().values())


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._vt = 0.0
        self._workers = _Workers()
        selector = VirtualClockSelector()
        super().__init__(selector=selector)
        selector.loop = self
        global _current_loop
        _current_loop = self

    def time(self):
        return self._vt

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if executor is None:
            executor = self._default_executor
            self._check_default_executor()
            if executor is None:
                executor = concurrent.futures.ThreadPoolExecutor(max_workers=64, thread_name_prefix="asyncio")
                self._default_executor = executor
        workers = self._workers
        job = workers.submit(self._vt)

        def work():
            job.wake.wait()
            _worker.job = job
            try:
                return func(*args)
            finally:
                _worker.job = None

        cf = executor.submit(work)
        fut = asyncio.futures.wrap_future(cf, loop=self)
        cf.add_done_callback(lambda _: workers.finish(job))  # after wrap_future's call_soon_threadsafe
        return fut

    async def shutdown_default_executor(self):
        # CPython joins the pool from a helper thread the selector would have to wait for; parked
        # jobs would never wake. Release them and join here instead.
        self._executor_shutdown_called = True
        self._workers.close()
        if self._default_executor is not None:
            self._default_executor.shutdown(wait=True)


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
    if _current_loop is None:
        return
    job = getattr(_worker, "job", None)
    if job is not None:  # an executor thread: wait for the virtual clock, the loop keeps going
        _current_loop._workers.park(job, _current_loop._vt + seconds)
        return
    _current_loop._vt = _current_loop._vt + seconds


def install():
    asyncio.set_event_loop_policy(VirtualClockPolicy())
    builtins.print = _print
    time.sleep = _sleep
    time.time = lambda: _EPOCH + _now()
    time.monotonic = _now
    time.perf_counter = _now


def main(argv):
    argv = list(argv)
    fakes = os.environ.get("LOOPSCOPE_FAKES")
    if len(argv) >= 3 and argv[1] == "--fakes":
        fakes = argv[2]
        del argv[1:3]
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    if fakes:
        sys.path.insert(0, os.path.abspath(fakes))
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
    finally:
        if _current_loop is not None:  # parked executor jobs would keep the interpreter alive
            _current_loop._workers.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
