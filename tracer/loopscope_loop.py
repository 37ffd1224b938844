"""CPython's own event loop, instrumented to record a loopscope trace.

The loop is a subclass of asyncio's SelectorEventLoop (on vclock's virtual clock, or on the real
one). Nothing of asyncio is replaced, only watched:

- every ready-queue entry goes through call_soon / _call_soon, which build Handle subclasses that
  remember who they are (a task step, a plain callback) and which event queued them;
- call_at builds TimerHandle subclasses that remember their timer id;
- _run_once is CPython 3.11's own (the same in 3.8 to 3.13) with the recording added between its
  phases, so the loop's order of work is untouched;
- tasks are CPython's C tasks (a subclass only to see cancel()); after each step the task's
  _fut_waiter and its coroutine chain (cr_await) say what it waits for and on which line.
"""
import asyncio
import heapq
import os
import sys
import threading
import time
import types
import weakref
from asyncio import events, futures, tasks

from loopscope_recorder import (
    AWAIT_FUTURE, AWAIT_GATHER, AWAIT_IO, AWAIT_PRIMITIVE, AWAIT_SLEEP, AWAIT_TASK, AWAIT_YIELD, BLOCKING_BEGIN,
    BLOCKING_END, CALLBACK_QUEUED, CALLBACK_RAN, CANCEL_REQUESTED, DIAG_DEADLOCK, DIAG_EXCEPTION_NEVER_RETRIEVED,
    DIAG_LIMIT_REACHED, DIAG_NEVER_AWAITED, DIAG_SLOW_CALLBACK, DIAG_UNHANDLED_EXCEPTION, FUTURE_CREATED,
    FUTURE_RESOLVED, LOOP_ITERATION, LOOP_PHASE, NO_EVENT, OUTCOME_CANCELLED, OUTCOME_EXCEPTION, OUTCOME_RESULT,
    OUTPUT, PHASE_IO, PHASE_READY, PHASE_TIMERS, SCHED_CANCELLED, SCHED_CREATED, SCHED_FUTURE_RESOLVED,
    SCHED_TASK_FINISHED, SCHED_TIMER_FIRED, SCHED_WOKEN, SCHED_YIELDED, TASK_CREATED, TASK_FINISHED, TASK_RESUMED,
    TASK_SCHEDULED, TASK_SUSPENDED, TIMER_ARMED, TIMER_CANCELLED, TIMER_FIRED)

SLOW_STEP_SECONDS = 0.1  # asyncio debug mode's slow_callback_duration
TEXT_LIMIT = 200         # results and exceptions are shown as repr(), cut to this many characters

_W_RESUMED = TASK_RESUMED
_W_PHASE_IO = LOOP_PHASE | (PHASE_IO << 8)
_W_PHASE_TIMERS = LOOP_PHASE | (PHASE_TIMERS << 8)
_W_PHASE_READY = LOOP_PHASE | (PHASE_READY << 8)

_STEP_TYPES = set()  # the C task's step wrapper type, found on first use
_BUILTIN_METHOD = type(len)
_Task = asyncio.Task
_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType
_PY_STEP = getattr(tasks._PyTask, "_Task__step", None)
_PY_WAKEUP = getattr(tasks._PyTask, "_Task__wakeup", None)
# Compared by identity, never hashed: a code object's hash is recomputed from its contents each time.
_SLEEP_CODE = tasks.sleep.__code__
_SLEEP0_CODE = getattr(tasks, "__sleep0").__code__ if hasattr(tasks, "__sleep0") else _SLEEP_CODE
_new_object = object.__new__
_get_ident = threading.get_ident
_ASYNCIO_DIR = os.path.dirname(os.path.realpath(asyncio.__file__))

# What a task waits for, named by the asyncio coroutine it awaits (the first one below the user's
# own frames). The labels match the engine's.
_PRIMITIVE_LABELS = {
    "Queue.get": "queue.get()", "Queue.put": "queue.put()", "Queue.join": "queue.join()",
    "Lock.acquire": "lock.acquire()", "Semaphore.acquire": "semaphore.acquire()",
    "BoundedSemaphore.acquire": "semaphore.acquire()", "Event.wait": "event.wait()",
    "Condition.wait": "condition.wait()", "Condition.wait_for": "condition.wait_for()",
    "Barrier.wait": "barrier.wait()",
}
# Plain callbacks asyncio queues itself, named as the engine names them.
_CALLBACK_LABELS = {
    "_run_until_complete_cb": "run_until_complete: stop the loop",
    "_set_result_unless_cancelled": "sleep: wake the task",
}


class TraceStopped(KeyboardInterrupt):
    """A limit stopped the run. A KeyboardInterrupt, so that no task or callback swallows it."""


class StepHandle(events.Handle):
    """A task step (the first step, or a wake-up) in the ready queue."""
    __slots__ = ("_ls_task", "_ls_queued", "_ls_future")


class CallbackHandle(events.Handle):
    """A plain call_soon callback in the ready queue."""
    __slots__ = ("_ls_id", "_ls_queued")


class TracedTimerHandle(events.TimerHandle):
    __slots__ = ("_ls_id", "_ls_queued", "_ls_state")  # state: 0 armed, 1 fired, 2 ran


# asyncio's reprs print the class name ("<Handle ...>", "<Task pending ...>"): keep asyncio's names,
# so tracebacks and logs read as they do without the tracer.
StepHandle.__name__ = CallbackHandle.__name__ = "Handle"
TracedTimerHandle.__name__ = "TimerHandle"


class TaskRecord:
    __slots__ = ("id", "task", "hidden", "name", "function", "finished_event", "cancel_event", "cancel_message",
                 "await_label", "await_site", "await_line", "pending")

    def __init__(self, task):
        self.task = task
        self.id = 0
        self.hidden = False
        self.name = ""
        self.function = ""
        self.finished_event = NO_EVENT
        self.cancel_event = NO_EVENT
        self.cancel_message = None
        self.await_label = ""
        self.await_site = 0  # site of the line it waits on
        self.await_line = 0
        self.pending = None  # call_soons made while this task ran, recorded after its suspension


class FutureRecord:
    __slots__ = ("id", "resolved_event", "reason")

    def __init__(self, fid, reason):
        self.id = fid
        self.resolved_event = NO_EVENT
        self.reason = reason


_tracer = None  # the one Tracer of this process, for TracedTask.cancel


class TracedTask(asyncio.Task):
    """CPython's Task; the subclass only records cancel() calls."""

    def cancel(self, msg=None):
        if _tracer is not None and not self.done():
            _tracer.cancel_requested(self, msg)
        return super().cancel(msg)


TracedTask.__name__ = "Task"


def _short(text):
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 3] + "..."


def _safe_repr(value):
    try:
        return _short(repr(value))
    except BaseException as e:  # a user's __repr__ may raise anything
        return f"<repr failed: {type(e).__name__}>"


def _number(x):
    """1 -> "1", 0.5 -> "0.5": as the engine prints delays."""
    try:
        f = float(x)
        return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)
    except (TypeError, ValueError, OverflowError):
        return _safe_repr(x)


def _callable_name(cb):
    name = getattr(cb, "__qualname__", None) or getattr(cb, "__name__", None)
    if name is None:
        func = getattr(cb, "func", None)  # functools.partial
        name = getattr(func, "__qualname__", None) or type(cb).__name__
    return name


class Tracer:
    """What every traced loop of this run shares: the recorder, the tasks, the user's files."""

    def __init__(self, recorder, script, options):
        global _tracer
        _tracer = self
        self.rec = recorder
        self.script = os.path.realpath(script)
        self.script_display = os.path.abspath(script)
        self.script_dir = os.path.dirname(self.script)
        self.options = options
        self.max_words = options.max_events * 4
        self.max_seconds = options.max_seconds
        self.main_thread = threading.get_ident()
        self.tasks = {}                # Task -> TaskRecord, while the task is pending
        self.futures = weakref.WeakKeyDictionary()  # awaited futures -> FutureRecord
        self.sleeps = {}               # sleep() future -> (timer id, label)
        self.executor_futures = weakref.WeakKeyDictionary()  # run_in_executor future -> label
        self.current = None            # TaskRecord of the running step
        self.running_event = NO_EVENT  # the event that queued the running handle
        self.loop = None               # the running traced loop
        self.blocked = 0.0             # seconds time.sleep blocked inside the running step
        self.foreign = []              # handles queued by other threads, recorded by the loop's thread
        self.foreign_output = []       # lines printed by other threads
        # Both caches are keyed by strings and ints, whose hashes are cheap (a code object's is not).
        self.user_files = {}           # co_filename -> bool: is it the user's?
        self.code_sites = {}           # (co_filename, line, co_name) -> site id
        self.io_handles = {}           # I/O Handle -> (callback id, queued event)
        self.deadlocked = None         # the deadlock report, once one happened
        self.internal_files = {os.path.realpath(__file__)}
        self.time_base = 0.0           # trace time when the current loop started
        self.muted = False             # True while asyncio's own shutdown runs, and once a limit stopped the run

    # ---- the user's code ----------------------------------------------------------------------

    def is_user(self, code):
        filename = code.co_filename
        known = self.user_files.get(filename)
        if known is None:
            path = os.path.realpath(filename) if not filename.startswith("<") else ""
            known = path == self.script or (
                path.startswith(self.script_dir + os.sep) and path not in self.internal_files
                and not path.startswith(_ASYNCIO_DIR) and "site-packages" not in path
                and not path.startswith(sys.prefix + os.sep) and not path.startswith(sys.base_prefix + os.sep))
            self.user_files[filename] = known
        return known

    def is_internal(self, code):
        """asyncio's own code, or the tracer's."""
        path = os.path.realpath(code.co_filename)
        return path.startswith(_ASYNCIO_DIR + os.sep) or path in self.internal_files

    def code_site(self, code, line):
        key = (code.co_filename, line, code.co_name)
        site = self.code_sites.get(key)
        if site is None:
            path = os.path.realpath(code.co_filename)
            file = self.script_display if path == self.script else os.path.abspath(code.co_filename)
            site = self.code_sites[key] = self.rec.site(file, line or 0, code.co_name)
        return site

    def frame_site(self, frame):
        """The innermost frame of the user's code at or above `frame`, as a site (0: none)."""
        while frame is not None:
            code = frame.f_code
            if self.is_user(code):
                return self.code_site(code, frame.f_lineno)
            frame = frame.f_back
        return 0

    def stack_site(self, depth=2):
        try:
            return self.frame_site(sys._getframe(depth))
        except ValueError:
            return 0

    def asyncio_codes_below_user(self, task):
        """The code objects of the coroutine chain below the task's innermost user frame, outermost first."""
        codes = []
        c = task._coro
        while c is not None:
            tc = type(c)
            if tc is _CoroutineType:
                f, nxt = c.cr_frame, c.cr_await
            elif tc is _GeneratorType:
                f, nxt = c.gi_frame, c.gi_yieldfrom
            else:
                break
            if f is None:
                break
            if self.is_user(f.f_code):
                codes = []
            else:
                codes.append(f.f_code)
            c = nxt
        return codes

    # ---- tasks --------------------------------------------------------------------------------

    def register(self, task):
        """A task met for the first time (its first step is being queued)."""
        rec = TaskRecord(task)
        self.tasks[task] = rec
        coro = getattr(task, "_coro", None)
        code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
        if self.muted or (self.current is None and code is not None and self.is_internal(code)):
            rec.hidden = True  # asyncio.run's own shutdown_asyncgens / shutdown_default_executor
            return rec
        rec.id = self.rec.new_id("task")
        rec.name = task.get_name()
        rec.function = code.co_name if code is not None else ""
        parent = self.current.id if self.current is not None else 0
        self.rec.record(TASK_CREATED, rec.id, parent, self.rec.intern(rec.name), 0, self.stack_site(3))
        return rec

    def cancel_requested(self, task, msg):
        rec = self.tasks.get(task)
        if rec is None or rec.hidden or self.muted:
            return
        by = self.current.id if self.current is not None else 0
        rec.cancel_message = msg
        rec.cancel_event = self.rec.record(CANCEL_REQUESTED, rec.id, by, self.rec.intern("" if msg is None else str(msg)),
                                           0, self.stack_site(3))

    def schedule_reason(self, rec, fut):
        """Why a step of `rec` was queued and which event caused it."""
        if fut is None:
            if rec is self.current:
                return SCHED_YIELDED, NO_EVENT
            if getattr(rec.task, "_must_cancel", False):
                return SCHED_CANCELLED, rec.cancel_event
            return SCHED_YIELDED, NO_EVENT
        if fut.cancelled():
            frec = self.tasks.get(fut)
            if frec is not None and frec.finished_event != NO_EVENT:
                return SCHED_CANCELLED, frec.finished_event
            self.sleeps.pop(fut, None)
            return SCHED_CANCELLED, rec.cancel_event if rec.cancel_event != NO_EVENT else self.running_event
        frec = self.tasks.get(fut)
        if frec is not None:
            return SCHED_TASK_FINISHED, frec.finished_event
        if self.sleeps.pop(fut, None) is not None:
            return SCHED_TIMER_FIRED, self.running_event
        f = self.futures.get(fut)
        if f is not None:
            if f.resolved_event == NO_EVENT:
                exc = getattr(fut, "_exception", None)
                if exc is not None:
                    f.resolved_event = self.rec.record(FUTURE_RESOLVED, f.id, 0,
                                                       self.rec.intern(_safe_repr(exc)), OUTCOME_EXCEPTION)
                else:
                    f.resolved_event = self.rec.record(FUTURE_RESOLVED, f.id, 0,
                                                       self.rec.intern(_safe_repr(getattr(fut, "_result", None))),
                                                       OUTCOME_RESULT)
            return f.reason, f.resolved_event
        return SCHED_FUTURE_RESOLVED, self.running_event

    def record_scheduled(self, handle):
        rec = handle._ls_task
        reason, cause = self.schedule_reason(rec, handle._ls_future)
        handle._ls_future = None
        handle._ls_queued = self.rec.record(TASK_SCHEDULED, rec.id, 0, cause, reason)

    def record_queued(self, handle):
        handle._ls_queued = self.rec.record(CALLBACK_QUEUED, handle._ls_id, 0,
                                            self.rec.intern(self.callback_label(handle._callback)))

    def callback_label(self, cb):
        name = _callable_name(cb)
        return _CALLBACK_LABELS.get(name.rsplit(".", 1)[-1], name)

    def record_foreign(self):
        """Handles that other threads queued (call_soon_threadsafe), recorded in the loop's thread."""
        pending, self.foreign = self.foreign, []
        for h in pending:
            if type(h) is StepHandle:
                self.record_scheduled(h)
            else:
                self.record_queued(h)
        lines, self.foreign_output = self.foreign_output, []
        for line in lines:
            self.rec.record(OUTPUT, 0, 0, self.rec.add_string(line))

    def position(self, task):
        """Where the suspended `task` stands: (site, line, below). The innermost frame of the user's
        code in its coroutine chain is where (site 0 and line 0 when none); `below` is the code of
        the first asyncio function under it, which says what the task waits for (None: none).

        Walks code objects, not frames: a frame object is only built for the user's frame."""
        c = task._coro
        user = None
        below = None
        user_files = self.user_files
        while c is not None:
            tc = type(c)
            if tc is _CoroutineType:
                code = c.cr_code
                nxt = c.cr_await
            elif tc is _GeneratorType:
                code = c.gi_code
                nxt = c.gi_yieldfrom
            else:
                break
            u = user_files.get(code.co_filename)
            if u is None:
                u = self.is_user(code)
            if u:
                user = c
                below = None
            elif below is None:
                below = code
            c = nxt
        if user is None:
            return 0, 0, below
        f = user.cr_frame if type(user) is _CoroutineType else user.gi_frame
        if f is None:
            return 0, 0, below
        code = f.f_code
        line = f.f_lineno
        site = self.code_sites.get((code.co_filename, line, code.co_name))
        if site is None:
            site = self.code_site(code, line)
        return site, line, below

    def record_yield(self, rec, handle):
        """The running task queued its own next step (a bare yield, as in sleep(0)) and its step is
        over: record its suspension and the queued step now, in one go. The tracer's hot path."""
        task = rec.task
        site, line, below = self.position(task)
        label = "sleep(0)" if below is _SLEEP0_CODE or below is _SLEEP_CODE or below is None else "yield"
        rec.await_label = label
        rec.await_site = site
        rec.await_line = line
        R = self.rec
        sid = R.string_ids.get(label)
        if sid is None:
            sid = R.intern(label)
        ev = R.events
        if task._must_cancel:
            reason = SCHED_CANCELLED
            cause = rec.cancel_event
        else:
            reason = SCHED_YIELDED
            cause = NO_EVENT
        handle._ls_queued = (len(ev) >> 2) + 1
        ev.extend((TASK_SUSPENDED | (site << 16), rec.id, 0, sid, TASK_SCHEDULED | (reason << 8), rec.id, 0, cause))

    def after_step(self, rec):
        """Record what the step ended in: a suspension (and on what) or the task's end, then what it
        queued for itself and for its awaiters."""
        task = rec.task
        R = self.rec
        ev = R.events
        if task.done():
            self.record_finished(rec)
        else:
            w = task._fut_waiter
            site, line, below = self.position(task)
            if w is None:
                kind = AWAIT_YIELD
                awaited = 0
                label = "sleep(0)" if below is _SLEEP0_CODE or below is _SLEEP_CODE or below is None else "yield"
            else:
                kind, awaited, label = self.classify_wait(rec, w, below, site)
            rec.await_label = label
            rec.await_site = site
            rec.await_line = line
            sid = R.string_ids.get(label)
            if sid is None:
                sid = R.intern(label)
            ev.extend((TASK_SUSPENDED | (kind << 8) | (site << 16), rec.id, awaited, sid))
        pending = rec.pending
        if pending:
            rec.pending = None
            for h in pending:
                if type(h) is StepHandle:
                    if h._ls_task is rec and h._ls_future is None:  # its own next step: a yield
                        reason = SCHED_CANCELLED if task._must_cancel else SCHED_YIELDED
                        h._ls_queued = len(ev) >> 2
                        ev.extend((TASK_SCHEDULED | (reason << 8), rec.id, 0,
                                   rec.cancel_event if reason == SCHED_CANCELLED else NO_EVENT))
                    else:
                        self.record_scheduled(h)
                else:
                    self.record_queued(h)
        if rec.finished_event != NO_EVENT:
            del self.tasks[task]  # its awaiters' wake-ups (just recorded) were the last to need it

    def record_finished(self, rec):
        task = rec.task
        if task.cancelled():
            outcome, text = OUTCOME_CANCELLED, "" if rec.cancel_message is None else str(rec.cancel_message)
        else:
            exc = task._exception  # not task.exception(): that would mark it retrieved
            if exc is not None:
                outcome, text = OUTCOME_EXCEPTION, _safe_repr(exc)
            else:
                outcome, text = OUTCOME_RESULT, _safe_repr(task._result)
        rec.finished_event = self.rec.record(TASK_FINISHED, rec.id, 0, self.rec.intern(text), outcome)

    def classify_wait(self, rec, w, below, site):
        """(await kind, awaited object id, label) for a task waiting on future `w`."""
        wrec = self.tasks.get(w)
        if wrec is not None:
            return AWAIT_TASK, wrec.id, "task " + (wrec.name or w.get_name())
        sleep = self.sleeps.get(w)
        if sleep is not None:
            return AWAIT_SLEEP, sleep[0], sleep[1]
        f = self.futures.get(w)
        if isinstance(w, tasks._GatheringFuture):
            n = len(w._children)
            kind, label, reason = AWAIT_GATHER, f"gather({n} {'task' if n == 1 else 'tasks'})", SCHED_FUTURE_RESOLVED
        elif w in self.executor_futures:
            kind, label, reason = AWAIT_IO, self.executor_futures[w], SCHED_FUTURE_RESOLVED
        elif below is not None:
            qual = getattr(below, "co_qualname", below.co_name)
            label = _PRIMITIVE_LABELS.get(qual)
            if label is None:  # `async with lock:` awaits __aenter__, which awaits Lock.acquire
                for code in self.asyncio_codes_below_user(rec.task):
                    label = _PRIMITIVE_LABELS.get(getattr(code, "co_qualname", code.co_name))
                    if label is not None:
                        break
            if label is not None:
                kind, reason = AWAIT_PRIMITIVE, SCHED_WOKEN
            elif below.co_name == "to_thread" or "streams" in below.co_filename:
                kind, label, reason = AWAIT_IO, qual + "()", SCHED_FUTURE_RESOLVED
            else:
                kind, label, reason = AWAIT_FUTURE, qual + "()", SCHED_FUTURE_RESOLVED
        else:
            kind, label, reason = AWAIT_FUTURE, "future", SCHED_FUTURE_RESOLVED
        if f is None:
            f = FutureRecord(self.rec.new_id("future"), reason)
            try:
                self.futures[w] = f
            except TypeError:  # a future-like object without weak references: not followed
                pass
            self.rec.record(FUTURE_CREATED, f.id, rec.id, self.rec.intern(label), 0, site)
        return kind, f.id, label

    # ---- limits and endings -------------------------------------------------------------------

    def stop(self, message, site=0):
        """A limit was hit: record why, and stop recording. The caller raises TraceStopped."""
        if self.rec.stop_reason is None:
            task = self.current.id if self.current is not None else 0
            self.rec.diagnostic(DIAG_LIMIT_REACHED, message, task, site)
            self.rec.stop_reason = message
            self.muted = True
        return TraceStopped(self.rec.stop_reason)

    def deadlock_report(self):
        stuck = []
        first = None
        for rec in self.tasks.values():
            if rec.hidden or rec.task.done():
                continue
            line = rec.await_line
            where = f" at line {line}" if line else ""
            stuck.append(f"{rec.name} ({rec.function}) waits on {rec.await_label or 'something that never completes'}"
                         f"{where}")
            if first is None:
                first = rec
        text = ("nothing is ready and no timer is set, but main has not finished. Stuck: " + "; ".join(stuck) +
                ". Something must complete what they wait for (a put, a release, a set_result).")
        return text, first

    def record_deadlock(self):
        text, first = self.deadlock_report()
        if self.deadlocked is None:
            self.deadlocked = text
        self.rec.diagnostic(DIAG_DEADLOCK, text, first.id if first else 0, first.await_site if first else 0)

    def output_owner(self, frame):
        """(task, site) of a line printed now, from `frame`."""
        return (self.current.id if self.current is not None else 0), self.frame_site(frame)

    def output_line(self, line, frame, owner=None):
        if threading.get_ident() != self.main_thread:
            self.foreign_output.append(line)
            return
        if self.muted:
            return
        task, site = owner if owner is not None else self.output_owner(frame)
        self.rec.record(OUTPUT, task, 0, self.rec.add_string(line), 0, site)
        if len(self.rec.events) >= self.max_words:
            raise self.stop(f"stopped after {self.options.max_events} events (--max-events): "
                            "the script printed or switched more than the trace may hold")


class TracingLoopMixin:
    """The recording parts of the traced loop; mixed into a SelectorEventLoop subclass."""

    def _ls_setup(self, tracer, virtual):
        self._lt = tracer
        self._ls_virtual = virtual
        self._ls_t0 = self.time()
        tracer.time_base = tracer.rec.now()  # a second asyncio.run continues where the first ended
        self._ls_base = tracer.time_base - self._ls_t0

    def run_until_complete(self, future):
        lt = self._lt
        code = getattr(future, "cr_code", None)
        if code is None or lt.muted or not lt.is_internal(code):
            return super().run_until_complete(future)
        # asyncio.run's shutdown_asyncgens / shutdown_default_executor: the engine has no such
        # steps, and they are no part of the user's program.
        lt.muted = True
        try:
            return super().run_until_complete(future)
        finally:
            lt.muted = bool(lt.rec.stop_reason)

    def _ls_now(self):
        return self._ls_base + self.time()

    # ---- queueing -----------------------------------------------------------------------------

    def call_soon(self, callback, *args, context=None):
        if self._closed:  # BaseEventLoop._check_closed, inlined: this runs for every task step
            raise RuntimeError("Event loop is closed")
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_soon")
            return self._call_soon(callback, args, context)
        lt = self._lt
        cur = lt.current
        if (cur is None or type(callback) not in _STEP_TYPES or callback.__self__ is not cur.task or args
                or context is None or cur.pending is not None or _get_ident() != lt.main_thread):
            return self._call_soon(callback, args, context)
        # The running task queues its own next step: a bare yield (sleep(0)), the last thing its step
        # does. Handle.__init__ inlined (not in debug mode, so no source traceback).
        handle = _new_object(StepHandle)
        handle._context = context
        handle._loop = self
        handle._callback = callback
        handle._args = args
        handle._cancelled = False
        handle._repr = None
        handle._source_traceback = None
        handle._ls_task = cur
        handle._ls_future = None
        lt.record_yield(cur, handle)
        lt.current = None  # its suspension is recorded: the loop has nothing left to record for this step
        self._ready.append(handle)
        return handle

    def _call_soon(self, callback, args, context):
        lt = self._lt
        cbt = type(callback)
        task = None
        fut = None
        if cbt in _STEP_TYPES:
            task = callback.__self__
        elif cbt is _BUILTIN_METHOD:
            owner = callback.__self__
            if isinstance(owner, _Task) and callback.__name__ == "task_wakeup":
                task = owner
                fut = args[0]
        elif cbt is types.MethodType:
            fn = callback.__func__
            if fn is _PY_STEP or fn is _PY_WAKEUP:
                task = callback.__self__
                if fn is _PY_WAKEUP:
                    fut = args[0]
        elif cbt.__name__ == "TaskStepMethWrapper":
            _STEP_TYPES.add(cbt)
            task = callback.__self__
        if task is not None:
            handle = StepHandle(callback, args, self, context)
            rec = lt.tasks.get(task)
            handle._ls_future = fut
            if rec is None:
                rec = lt.register(task)
                handle._ls_task = rec
                handle._ls_future = None
                handle._ls_queued = NO_EVENT if rec.hidden else lt.rec.record(TASK_SCHEDULED, rec.id, 0, NO_EVENT,
                                                                               SCHED_CREATED)
            else:
                handle._ls_task = rec
                cur = lt.current
                if rec.hidden or lt.muted:
                    handle._ls_queued = NO_EVENT
                elif threading.get_ident() != lt.main_thread:
                    handle._ls_queued = None
                    lt.foreign.append(handle)
                elif cur is not None and (rec is cur or fut is cur.task):
                    # Queued by the running step's own suspension or ending: recorded after it.
                    handle._ls_queued = None
                    if cur.pending is None:
                        cur.pending = [handle]
                    else:
                        cur.pending.append(handle)
                else:
                    lt.record_scheduled(handle)
        else:
            handle = CallbackHandle(callback, args, self, context)
            handle._ls_id = lt.rec.new_id("callback")
            cur = lt.current
            if lt.muted:
                handle._ls_queued = NO_EVENT
            elif threading.get_ident() != lt.main_thread:
                handle._ls_queued = None
                lt.foreign.append(handle)
            elif cur is not None and args and args[0] is cur.task:
                handle._ls_queued = None  # a done callback of the task that is finishing
                if cur.pending is None:
                    cur.pending = [handle]
                else:
                    cur.pending.append(handle)
            else:
                lt.record_queued(handle)
        if handle._source_traceback:
            del handle._source_traceback[-1]
        self._ready.append(handle)
        return handle

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = TracedTimerHandle(when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        lt = self._lt
        timer._ls_id = tid = lt.rec.new_id("timer")
        timer._ls_queued = NO_EVENT
        timer._ls_state = 0
        if lt.muted:
            return timer
        label = None
        if callback is futures._set_result_unless_cancelled and args:
            f = sys._getframe(1)
            for _ in range(3):  # call_at <- call_later <- sleep
                if f is None:
                    break
                if f.f_code is _SLEEP_CODE or f.f_code is _SLEEP0_CODE:
                    label = "sleep(" + _number(f.f_locals.get("delay")) + ")"
                    lt.sleeps[args[0]] = (tid, label)
                    break
                f = f.f_back
        if label is None:
            label = lt.callback_label(callback)
        lt.rec.record(TIMER_ARMED, tid, lt.rec.add_deadline(self._ls_base + when), lt.rec.intern(label), 0,
                      lt.stack_site(2))
        return timer

    def _timer_handle_cancelled(self, handle):
        super()._timer_handle_cancelled(handle)
        if type(handle) is TracedTimerHandle and handle._ls_state < 2 and not self._lt.muted:
            handle._ls_state = 2
            self._lt.rec.record(TIMER_CANCELLED, handle._ls_id)

    def create_task(self, coro, *, name=None, context=None):
        # BaseEventLoop.create_task, with TracedTask as the default task class.
        self._check_closed()
        if self._task_factory is None:
            task = TracedTask(coro, loop=self, name=name, context=context)
            if task._source_traceback:
                del task._source_traceback[-1]
        else:
            if context is None:
                task = self._task_factory(self, coro)
            else:
                task = self._task_factory(self, coro, context=context)
            tasks._set_task_name(task, name)
        return task

    def run_in_executor(self, executor, func, *args):
        fut = super().run_in_executor(executor, func, *args)
        try:
            self._lt.executor_futures[fut] = f"run_in_executor({_callable_name(func)})"
        except TypeError:
            pass
        return fut

    def call_exception_handler(self, context):
        lt = self._lt
        message = str(context.get("message", ""))
        if not lt.muted and threading.get_ident() == lt.main_thread:
            fut = context.get("future") or context.get("task")
            rec = lt.tasks.get(fut) if fut is not None else None
            exc = context.get("exception")
            text = message + (f": {_safe_repr(exc)}" if exc is not None else "")
            kind = DIAG_EXCEPTION_NEVER_RETRIEVED if "never retrieved" in message else DIAG_UNHANDLED_EXCEPTION
            lt.rec.diagnostic(kind, text, rec.id if rec is not None and not rec.hidden else 0)
        super().call_exception_handler(context)

    # ---- one iteration: CPython 3.11's _run_once, with the recording between its phases ---------

    def _ls_select(self, timeout):
        lt = self._lt
        if lt.max_seconds is not None and not self._ready and not self._stopping and self._scheduled:
            when = self._ls_base + self._scheduled[0]._when
            if when > lt.max_seconds:
                raise lt.stop(f"stopped at t={lt.rec.now():g}s (--max-seconds {lt.max_seconds:g}): the script was "
                              f"still running, its next timer due at t={when:g}s. A loop that never ends (`while True:` "
                              "around an await) keeps a program running forever: give it a way out, or trace a "
                              "shorter stretch with a smaller --max-seconds.")
        try:
            return self._ls_poll(timeout)
        except BaseException as e:
            if type(e).__name__ == "Deadlock":
                lt.record_deadlock()
            raise

    def _ls_poll(self, timeout):
        return self._selector.select(timeout)

    def _run_once(self):
        lt = self._lt
        R = lt.rec
        ev = R.events
        if R.stop_reason:
            raise TraceStopped(R.stop_reason)
        if lt.muted:
            return base_events.BaseEventLoop._run_once(self)
        if len(ev) >= lt.max_words:
            raise lt.stop(f"stopped after {lt.options.max_events} events (--max-events): the script ran longer "
                          "than the trace may hold")
        R.iteration += 1
        ev.extend((LOOP_ITERATION, 0, R.iteration, 0, _W_PHASE_IO, 0, 0, 0))
        lt.loop = self

        sched_count = len(self._scheduled)
        if (sched_count > base_events._MIN_SCHEDULED_TIMER_HANDLES and
                self._timer_cancelled_count / sched_count > base_events._MIN_CANCELLED_TIMER_HANDLES_FRACTION):
            new_scheduled = []
            for handle in self._scheduled:
                if handle._cancelled:
                    handle._scheduled = False
                else:
                    new_scheduled.append(handle)
            heapq.heapify(new_scheduled)
            self._scheduled = new_scheduled
            self._timer_cancelled_count = 0
        else:
            while self._scheduled and self._scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = heapq.heappop(self._scheduled)
                handle._scheduled = False

        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif self._scheduled:
            when = self._scheduled[0]._when
            timeout = min(max(0, when - self.time()), base_events.MAXIMUM_SELECT_TIMEOUT)

        n_ready = len(self._ready)
        event_list = self._ls_select(timeout)
        self._process_events(event_list)
        event_list = None

        now = self._ls_base + self.time()
        if now != R.epochs[-1][1]:
            R.advance_time(now)
            if lt.max_seconds is not None and now > lt.max_seconds:
                raise lt.stop(f"stopped at t={now:g}s: past the --max-seconds limit of {lt.max_seconds:g}s (the "
                              "script was still running)")
        if lt.foreign or lt.foreign_output:
            lt.record_foreign()
        if len(self._ready) > n_ready:
            self._ls_record_io(n_ready)

        ev.extend((_W_PHASE_TIMERS, 0, 0, 0))
        end_time = self.time() + self._clock_resolution
        while self._scheduled:
            handle = self._scheduled[0]
            if handle._when >= end_time:
                break
            handle = heapq.heappop(self._scheduled)
            handle._scheduled = False
            if type(handle) is TracedTimerHandle:
                handle._ls_state = 1
                handle._ls_queued = len(ev) >> 2
                ev.extend((TIMER_FIRED, handle._ls_id, 0, 0))
            self._ready.append(handle)

        ev.extend((_W_PHASE_READY, 0, 0, 0))
        debug = self._debug
        virtual = self._ls_virtual
        monotonic = time.monotonic
        ready = self._ready
        max_words = lt.max_words
        ntodo = len(ready)
        for i in range(ntodo):
            handle = ready.popleft()
            if handle._cancelled:
                continue
            th = type(handle)
            if th is StepHandle:
                rec = handle._ls_task
                if rec.hidden or lt.muted:
                    self._ls_run(handle)
                    continue
                if handle._ls_queued is None:
                    lt.record_foreign()
                lt.running_event = len(ev) >> 2
                ev.extend((_W_RESUMED, rec.id, 0, handle._ls_queued))
                lt.current = rec
                lt.blocked = 0.0
                started = 0.0 if virtual else monotonic()
                try:
                    if debug:
                        self._ls_run(handle)
                    else:
                        # Handle._run, inlined: one Python call less for every step.
                        try:
                            handle._context.run(handle._callback, *handle._args)
                        except (SystemExit, KeyboardInterrupt):
                            raise
                        except BaseException as exc:
                            _handle_failed(handle, exc)
                finally:
                    # None when call_soon already recorded how the step ended (a bare yield).
                    stepped = lt.current
                    lt.current = None
                if lt.muted:
                    continue
                if stepped is not None:
                    lt.after_step(rec)
                # Virtual time only moves in a step when time.sleep blocks it; real time always does.
                took = lt.blocked if virtual else monotonic() - started
                if took >= SLOW_STEP_SECONDS:
                    R.diagnostic(DIAG_SLOW_CALLBACK,
                                 f"Executing a step of {rec.name} took {took:.3f} seconds "
                                 f"(asyncio debug mode warns at {SLOW_STEP_SECONDS:.3f})", rec.id, rec.await_site)
                if len(ev) >= max_words:
                    raise lt.stop(f"stopped after {lt.options.max_events} events (--max-events): the script ran "
                                  "longer than the trace may hold")
            else:
                if not lt.muted:
                    if th is TracedTimerHandle:
                        handle._ls_state = 2
                        lt.running_event = handle._ls_queued
                        ev.extend((CALLBACK_RAN, handle._ls_id, 0, handle._ls_queued))
                    elif th is CallbackHandle:
                        if handle._ls_queued is None:
                            lt.record_foreign()
                        lt.running_event = handle._ls_queued
                        ev.extend((CALLBACK_RAN, handle._ls_id, 0, handle._ls_queued))
                    else:
                        cid, queued = lt.io_handles.get(handle, (0, NO_EVENT))
                        lt.running_event = queued
                        ev.extend((CALLBACK_RAN, cid, 0, queued))
                self._ls_run(handle)
            lt.running_event = NO_EVENT
        handle = None

    def _ls_run(self, handle):
        if self._debug:
            try:
                self._current_handle = handle
                t0 = self.time()
                handle._run()
                dt = self.time() - t0
                if dt >= self.slow_callback_duration:
                    base_events.logger.warning("Executing %s took %.3f seconds", base_events._format_handle(handle), dt)
            finally:
                self._current_handle = None
        else:
            handle._run()

    def _ls_record_io(self, start):
        """Callbacks _process_events queued for ready file descriptors (real I/O)."""
        lt = self._lt
        for i in range(start, len(self._ready)):
            h = self._ready[i]
            if type(h) is events.Handle:
                cid = lt.rec.new_id("callback")
                lt.io_handles[h] = (cid, lt.rec.record(CALLBACK_QUEUED, cid, 0,
                                                       lt.rec.intern(lt.callback_label(h._callback))))


from asyncio import base_events, format_helpers  # noqa: E402  (after the classes: only _run_once needs it)


def _handle_failed(handle, exc):
    """The except clause of CPython 3.11's Handle._run (which _run_once inlines for task steps)."""
    cb = format_helpers._format_callback_source(handle._callback, handle._args)
    context = {"message": f"Exception in callback {cb}", "exception": exc, "handle": handle}
    if handle._source_traceback:
        context["source_traceback"] = handle._source_traceback
    handle._loop.call_exception_handler(context)


def make_loop_classes(vclock):
    """The traced loops: on vclock's virtual clock, and on the real clock."""

    class TracedVirtualLoop(TracingLoopMixin, vclock.VirtualClockLoop):
        def __init__(self, tracer):
            super().__init__()
            self._ls_setup(tracer, virtual=True)

    class TracedRealLoop(TracingLoopMixin, asyncio.SelectorEventLoop):
        def __init__(self, tracer):
            super().__init__()
            self._ls_setup(tracer, virtual=False)

        def _ls_poll(self, timeout):
            # The real selector would wait forever when nothing can happen: look for that first.
            if timeout is None and not self._has_pending_work():
                events_ = self._selector.select(0.05)
                if events_ or self._ready:
                    return events_
                raise vclock.Deadlock()
            return self._selector.select(timeout)

        def _has_pending_work(self):
            own = self._ssock.fileno() if getattr(self, "_ssock", None) is not None else -1
            if any(key.fd != own for key in self._selector.get_map().values()):
                return True  # a socket or pipe of the script's own may still wake the loop
            ex = self._default_executor
            if ex is not None and (getattr(ex, "_work_queue", None) is not None and not ex._work_queue.empty()):
                return True
            return any(not f.done() for f in list(self._lt.executor_futures.keys()))

    return TracedVirtualLoop, TracedRealLoop


class TracingPolicy(asyncio.DefaultEventLoopPolicy):
    def __init__(self, loop_class, tracer):
        super().__init__()
        self._loop_class = loop_class
        self._tracer = tracer

    def new_event_loop(self):
        return self._loop_class(self._tracer)


def traced_sleep(tracer, original):
    """time.sleep inside the loop's thread blocks the loop: recorded as blocking_begin / blocking_end."""
    def sleep(seconds):
        loop = tracer.loop
        if (loop is None or not loop.is_running() or threading.get_ident() != tracer.main_thread
                or tracer.muted):
            return original(seconds)
        R = tracer.rec
        task = tracer.current.id if tracer.current is not None else 0
        site = tracer.stack_site(2)
        R.record(BLOCKING_BEGIN, task, R.add_deadline(seconds), 0, 0, site)
        original(seconds)
        R.advance_time(loop._ls_now())
        R.record(BLOCKING_END, task, 0, 0, 0, site)
        tracer.blocked += seconds
    return sleep


def never_awaited_hook(tracer, original):
    """warnings.showwarning: 'coroutine ... was never awaited' becomes a diagnostic too."""
    def showwarning(message, category, filename, lineno, file=None, line=None):
        try:
            if (issubclass(category, RuntimeWarning) and "was never awaited" in str(message)
                    and threading.get_ident() == tracer.main_thread and not tracer.muted):
                site = 0
                if filename and os.path.realpath(filename) == tracer.script:
                    site = tracer.rec.site(tracer.script_display, lineno or 0, "")
                task = tracer.current.id if tracer.current is not None else 0
                tracer.rec.diagnostic(DIAG_NEVER_AWAITED, str(message), task, site)
        finally:
            original(message, category, filename, lineno, file, line)
    return showwarning
