#!/usr/bin/env python3
"""Trace your own asyncio script with real CPython, for loopscope.

    python3 loopscope_tracer.py --out FILE [options] SCRIPT.py [ARGS...]

Runs SCRIPT.py under CPython's own asyncio and writes what its event loop did to FILE, in the
loopscope trace format (docs/trace-format.md): tasks, every step and what each awaited (with the
line of your script it stood on), timers, printed lines, cancellations, exceptions, blocking calls.
Open it with `loopscope view FILE` (or let `loopscope trace SCRIPT.py` do all of it).

By default the loop runs on a virtual clock (tests/conformance/vclock.py): when nothing is ready,
time jumps to the next timer, so `await asyncio.sleep(10)` takes no real time. --real-time keeps
the wall clock. Your script is never modified; the trace is written atomically.

Exit status: 0 the script ended normally, 1 it raised (traceback on stderr), 2 bad arguments,
3 deadlock (nothing ready, no timer, and the script still waits), 4 a limit stopped it. In every
case after the script started, FILE holds the trace up to that point.
"""
import argparse
import builtins
import importlib.util
import os
import runpy
import signal
import sys
import threading
import time
import traceback
import warnings

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

import loopscope_loop  # noqa: E402
from loopscope_recorder import DIAG_UNHANDLED_EXCEPTION, Recorder  # noqa: E402

EXIT_OK, EXIT_RAISED, EXIT_USAGE, EXIT_DEADLOCK, EXIT_LIMIT = 0, 1, 2, 3, 4
_real_sleep = time.sleep  # before the script's time.sleep is replaced


def _say(message):
    sys.__stderr__.write(f"loopscope trace: {message}\n")
    sys.__stderr__.flush()


def find_vclock():
    """vclock.py: next to this file when installed, tests/conformance/ in the source tree."""
    candidates = [os.environ.get("LOOPSCOPE_VCLOCK", ""), os.path.join(_HERE, "vclock.py"),
                  os.path.join(_HERE, "..", "tests", "conformance", "vclock.py")]
    for path in candidates:
        if path and os.path.isfile(path):
            spec = importlib.util.spec_from_file_location("vclock", path)
            module = importlib.util.module_from_spec(spec)
            sys.modules["vclock"] = module
            spec.loader.exec_module(module)
            return module
    raise FileNotFoundError("vclock.py was not found next to the tracer or in tests/conformance/ "
                            "(set LOOPSCOPE_VCLOCK to its path)")


class TracedStdout:
    """sys.stdout for the script: each complete line is recorded with the task that printed it."""

    def __init__(self, real, tracer, echo):
        self._real = real
        self._tracer = tracer
        self._echo = echo
        self._partial = ""
        self._partial_owner = None  # (task, site) of the unfinished line: who started printing it

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        if self._echo:
            self._real.write(s)
        if "\n" not in s:
            if not self._partial and s:
                self._partial_owner = self._tracer.output_owner(sys._getframe(1))
            self._partial += s
            return len(s)
        lines = (self._partial + s).split("\n")
        self._partial = lines.pop()
        frame = sys._getframe(1)
        for line in lines:
            self._tracer.output_line(line, frame)
        if self._partial:
            self._partial_owner = self._tracer.output_owner(frame)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        if self._echo:
            self._real.flush()

    def finish(self):
        """The last line, if it had no newline."""
        if self._partial:
            line, self._partial = self._partial, ""
            self._tracer.output_line(line, None, self._partial_owner)

    def __getattr__(self, name):  # encoding, isatty, fileno, buffer...: the real stream's
        return getattr(self._real, name)


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="loopscope_tracer.py", description="Trace an asyncio script with real CPython, for loopscope.",
        epilog="Options go before the script; everything after the script is passed to it.")
    p.add_argument("--out", help="the trace file to write (default: SCRIPT.lstrace in the current folder)")
    p.add_argument("--real-time", action="store_true", help="run on the wall clock instead of the virtual one")
    p.add_argument("--max-events", type=int, default=10_000_000, help="stop after this many events (10000000)")
    p.add_argument("--max-seconds", type=float, default=3600.0,
                   help="stop when the loop's clock passes this many seconds (3600); 0: no limit")
    p.add_argument("--wall-timeout", type=float, default=60.0,
                   help="stop a script still running after this many real seconds (60); 0: no limit")
    p.add_argument("--quiet", action="store_true", help="record the script's output without echoing it, and say nothing when all went well")
    p.add_argument("script", help="the asyncio script to run")
    p.add_argument("args", nargs=argparse.REMAINDER, help="arguments for the script")
    opts = p.parse_args(argv)
    if opts.max_events <= 0:
        p.error("--max-events must be positive")
    if opts.max_seconds < 0 or opts.wall_timeout < 0:
        p.error("--max-seconds and --wall-timeout take a number of seconds (0: no limit)")
    opts.max_seconds = opts.max_seconds or None
    return opts


def check_paths(opts):
    """A message saying what is wrong with the script or output path, or None."""
    script = opts.script
    if not os.path.exists(script):
        return f"{script}: no such file. Give the path of a Python script, e.g. `loopscope trace hello.py`."
    if os.path.isdir(script):
        return f"{script} is a folder; give the path of a Python script inside it."
    if not os.access(script, os.R_OK):
        return f"{script}: cannot read it (permission denied)."
    if opts.out is None:
        opts.out = os.path.splitext(os.path.basename(script))[0] + ".lstrace"
    out = os.path.abspath(opts.out)
    if os.path.isdir(out):
        return f"--out {opts.out} is a folder; give a file name, e.g. --out {os.path.join(opts.out, 'run.lstrace')}"
    if os.path.exists(out) and os.path.samefile(out, script):
        return f"--out {opts.out} is the script itself; loopscope never overwrites your script."
    if os.path.splitext(out)[1] in (".py", ".pyw"):
        return f"--out {opts.out} looks like a Python file; trace files end in .lstrace."
    folder = os.path.dirname(out)
    if not os.path.isdir(folder):
        return f"--out {opts.out}: the folder {folder} does not exist."
    if not os.access(folder, os.W_OK):
        return f"--out {opts.out}: cannot write in {folder} (permission denied)."
    return None


def script_traceback(exc, script, internal_files):
    """The traceback as Python prints it, from the script's first frame on, without the tracer's
    own frames (runpy's and the traced loop's are noise to the user), nor asyncio's between two
    frames of the user's code (asyncio.run's runner); asyncio frames after the last user frame
    stay: they say where asyncio itself raised (a TimeoutError in wait_for)."""
    real = os.path.realpath(script)
    asyncio_dir = loopscope_loop._ASYNCIO_DIR + os.sep

    def keep(frames):
        user = [i for i, f in enumerate(frames) if not os.path.realpath(f.filename).startswith(asyncio_dir)]
        last_user = user[-1] if user else -1
        return [f for i, f in enumerate(frames) if i > last_user or i in user]

    te = traceback.TracebackException(type(exc), exc, exc.__traceback__)
    seen = set()
    todo = [te]
    while todo:
        t = todo.pop()
        if id(t) in seen:
            continue
        seen.add(id(t))
        frames = list(t.stack)
        start = next((i for i, f in enumerate(frames) if os.path.realpath(f.filename) == real), 0)
        t.stack = traceback.StackSummary.from_list(
            keep([f for f in frames[start:] if os.path.realpath(f.filename) not in internal_files]))
        todo.extend(x for x in (t.__cause__, t.__context__) if x is not None)
    return "".join(te.format())


def error_site(tracer, exc):
    site = 0
    t = exc.__traceback__
    while t is not None:
        if tracer.is_user(t.tb_frame.f_code):
            site = tracer.code_site(t.tb_frame.f_code, t.tb_lineno)
        t = t.tb_next
    return site


class Run:
    """One traced run of the script: install, run, write."""

    def __init__(self, opts, vclock):
        self.opts = opts
        self.vclock = vclock
        clock = "real" if opts.real_time else "virtual"
        self.rec = Recorder(os.path.basename(opts.script), clock)
        self.tracer = loopscope_loop.Tracer(self.rec, opts.script, opts)
        self.tracer.internal_files.add(os.path.realpath(vclock.__file__))
        self.tracer.internal_files.add(os.path.realpath(__file__))
        self.saved = threading.Lock()
        self.done = False

    def install(self):
        vclock, tracer = self.vclock, self.tracer
        virtual_loop, real_loop = loopscope_loop.make_loop_classes(vclock)
        import asyncio
        asyncio.set_event_loop_policy(loopscope_loop.TracingPolicy(real_loop if self.opts.real_time else virtual_loop,
                                                                   tracer))
        self.saved_stdout = sys.stdout
        self.stdout = TracedStdout(sys.stdout, tracer, echo=not self.opts.quiet)
        sys.stdout = self.stdout
        builtins.print = vclock._real_print  # the real print, writing to our sys.stdout
        if self.opts.real_time:
            time.sleep = loopscope_loop.traced_sleep(tracer, time.sleep)
        else:
            time.sleep = loopscope_loop.traced_sleep(tracer, vclock._sleep)
            time.time = lambda: vclock._EPOCH + vclock._now()
            time.monotonic = vclock._now
            time.perf_counter = vclock._now
        warnings.showwarning = loopscope_loop.never_awaited_hook(tracer, warnings.showwarning)
        if self.opts.wall_timeout:
            signal.signal(signal.SIGALRM, self.on_wall_timeout)
            signal.setitimer(signal.ITIMER_REAL, self.opts.wall_timeout)
            threading.Thread(target=self.watchdog, name="loopscope-watchdog", daemon=True).start()

    def wall_message(self, where):
        return (f"stopped after {self.opts.wall_timeout:g} s of wall-clock time (--wall-timeout): the script was "
                f"still running{where}. Code that never awaits (a `while True` without await, a blocking call) holds "
                "the loop forever.")

    def on_wall_timeout(self, signum, frame):
        site = self.tracer.frame_site(frame)
        where = ""
        f = frame
        while f is not None:
            if self.tracer.is_user(f.f_code):
                where = f" at line {f.f_lineno} in {f.f_code.co_name}()"
                break
            f = f.f_back
        if self.tracer.current is not None:
            where += f", in task {self.tracer.current.name}"
        raise self.tracer.stop(self.wall_message(where), site)

    def watchdog(self):
        """If the script ignores the SIGALRM stop (it swallowed it, or is stuck in C code), end it here."""
        time_left = self.opts.wall_timeout + 5.0
        _real_sleep(time_left)
        if self.done:
            return
        self.tracer.stop(self.wall_message(" and did not stop when asked"))
        self.finish(EXIT_LIMIT, f"{self.rec.stop_reason}", from_watchdog=True)

    def run(self):
        sys.argv = [self.opts.script] + list(self.opts.args)
        sys.path[0] = os.path.dirname(os.path.abspath(self.opts.script))
        status, message = EXIT_OK, None
        try:
            try:
                runpy.run_path(self.opts.script, run_name="__main__")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)  # the run is over: no stop may land in the ending
        except loopscope_loop.TraceStopped:
            status, message = EXIT_LIMIT, self.rec.stop_reason
        except self.vclock.Deadlock:
            status, message = EXIT_DEADLOCK, "deadlock: " + (self.tracer.deadlocked or "nothing can happen any more")
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            if not isinstance(e.code, (int, type(None))):
                sys.__stderr__.write(f"{e.code}\n")
        except KeyboardInterrupt:
            status, message = 130, "interrupted (Ctrl-C)"
            self.tracer.stop("interrupted by the user (Ctrl-C)")
        except BaseException as e:
            sys.__stderr__.write(script_traceback(e, self.opts.script, self.tracer.internal_files))
            what = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
            if not self.rec.stop_reason:
                self.rec.diagnostic(DIAG_UNHANDLED_EXCEPTION, f"main raised {what}", 0, error_site(self.tracer, e))
            status, message = EXIT_RAISED, f"the script raised {what}"
        if self.rec.stop_reason and status == EXIT_OK:
            status, message = EXIT_LIMIT, self.rec.stop_reason  # the script caught our stop and went on
        self.finish(status, message)

    def finish(self, status, message, from_watchdog=False):
        with self.saved:
            if self.done:
                return
            self.done = True
            if not from_watchdog:
                signal.setitimer(signal.ITIMER_REAL, 0)
                try:
                    self.stdout.finish()
                    self.tracer.record_foreign()
                except BaseException:
                    pass
                sys.stdout = self.saved_stdout
                if self.vclock._current_loop is not None:
                    self.vclock._current_loop._workers.close()
            try:
                sys.__stdout__.flush()
            except (OSError, ValueError):
                pass
            try:
                self.rec.save(self.opts.out)
            except OSError as e:
                _say(f"cannot write the trace to {self.opts.out}: {e.strerror or e}")
                os._exit(EXIT_LIMIT if status == EXIT_OK else status)
            if message:
                _say(message)
            if not self.opts.quiet:
                _say(f"wrote {self.rec.event_count()} events to {self.opts.out}")
        if status != EXIT_OK or from_watchdog:
            # Pending tasks, parked executor threads, a script stuck in C code: nothing of the run may
            # outlive the trace, nor print "Task was destroyed but it is pending" over our message.
            os._exit(status)


def main(argv):
    opts = parse_args(argv)
    problem = check_paths(opts)
    if problem:
        _say(problem)
        return EXIT_USAGE
    try:
        vclock = find_vclock()
    except FileNotFoundError as e:
        _say(str(e))
        return EXIT_USAGE
    run = Run(opts, vclock)
    run.install()
    run.run()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
