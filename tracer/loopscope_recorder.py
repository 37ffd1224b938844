"""The trace being recorded and its file format (docs/trace-format.md, version 1).

Events are kept in one array of 32-bit words, four per event, exactly as the file stores them, so
recording an event is one array.extend and writing the trace is one tobytes(). The first word packs
kind | aux << 8 | site << 16 (the C++ struct {u8 kind; u8 aux; u16 site} read little-endian).
"""
import array
import os
import struct
import sys
import tempfile

FORMAT_VERSION = 1
NO_EVENT = 0xFFFFFFFF
MAX_SITES = 0x10000  # a site id is 16 bits


# Event kinds, in the order of loopscope::event_kind.
(LOOP_ITERATION, LOOP_PHASE, TIME_ADVANCED, TASK_CREATED, TASK_SCHEDULED, TASK_RESUMED, TASK_SUSPENDED,
 TASK_FINISHED, FUTURE_CREATED, FUTURE_RESOLVED, TIMER_ARMED, TIMER_FIRED, TIMER_CANCELLED, CALLBACK_QUEUED,
 CALLBACK_RAN, OUTPUT, BLOCKING_BEGIN, BLOCKING_END, DIAGNOSTIC, CANCEL_REQUESTED) = range(20)

# loop_phase
PHASE_TIMERS, PHASE_READY, PHASE_IO, PHASE_IDLE = range(4)
# schedule_reason
(SCHED_CREATED, SCHED_YIELDED, SCHED_TIMER_FIRED, SCHED_FUTURE_RESOLVED, SCHED_TASK_FINISHED, SCHED_CANCELLED,
 SCHED_WOKEN) = range(7)
# await_kind
AWAIT_YIELD, AWAIT_SLEEP, AWAIT_FUTURE, AWAIT_TASK, AWAIT_GATHER, AWAIT_PRIMITIVE, AWAIT_IO = range(7)
# outcome
OUTCOME_RESULT, OUTCOME_EXCEPTION, OUTCOME_CANCELLED = range(3)
# diagnostic_kind
(DIAG_DEADLOCK, DIAG_NEVER_AWAITED, DIAG_EXCEPTION_NEVER_RETRIEVED, DIAG_SLOW_CALLBACK, DIAG_UNHANDLED_EXCEPTION,
 DIAG_LIMIT_REACHED) = range(6)


def word0(kind, aux=0, site=0):
    return kind | (aux << 8) | (site << 16)


class Recorder:
    """Everything one tracer run records, across every event loop the script creates."""

    def __init__(self, title, clock):
        self.title = title
        self.clock = clock  # "virtual" or "real"
        self.events = array.array("I")
        self.strings = [""]
        self.string_ids = {"": 0}
        self.sites = [(0, 0, 0)]
        self.site_ids = {}
        self.epochs = [(0, 0.0)]  # (first event, seconds)
        self.deadlines = []
        self.iteration = 0
        self.next_ids = {"task": 0, "future": 0, "timer": 0, "callback": 0}
        self.stop_reason = None  # set once a limit stops the run; nothing is recorded after it

    # ---- tables -------------------------------------------------------------------------------

    def intern(self, s):
        sid = self.string_ids.get(s)
        if sid is None:
            sid = self.string_ids[s] = len(self.strings)
            self.strings.append(s)
        return sid

    def add_string(self, s):
        """Without interning: printed lines rarely repeat."""
        self.strings.append(s)
        return len(self.strings) - 1

    def site(self, file, line, function):
        key = (file, line, function)
        sid = self.site_ids.get(key)
        if sid is None:
            if len(self.sites) >= MAX_SITES:
                return 0  # "unknown site": the table is full
            sid = self.site_ids[key] = len(self.sites)
            self.sites.append((self.intern(file), line, self.intern(function)))
        return sid

    def add_deadline(self, seconds):
        self.deadlines.append(float(seconds))
        return len(self.deadlines) - 1

    def new_id(self, kind):
        self.next_ids[kind] += 1
        return self.next_ids[kind]

    # ---- events -------------------------------------------------------------------------------

    def record(self, kind, subject=0, a=0, b=0, aux=0, site=0):
        index = len(self.events) >> 2
        self.events.extend((kind | (aux << 8) | (site << 16), subject, a, b))
        return index

    def event_count(self):
        return len(self.events) >> 2

    def advance_time(self, seconds):
        """The clock moved: a new epoch, marked by a time_advanced event (nothing if unchanged)."""
        if seconds == self.epochs[-1][1]:
            return
        index = len(self.events) >> 2
        if index == 0:  # nothing happened yet: the first epoch just starts later
            self.epochs[0] = (0, seconds)
            return
        self.epochs.append((index, seconds))
        self.events.extend((TIME_ADVANCED, 0, len(self.epochs) - 1, 0))

    def now(self):
        return self.epochs[-1][1]

    def diagnostic(self, kind, message, task=0, site=0):
        return self.record(DIAGNOSTIC, task, 0, self.add_string(message), kind, site)

    # ---- the file -----------------------------------------------------------------------------

    def to_bytes(self):
        """The whole file. Reads the tables once, so it is safe to call while the script is stopped."""
        def text(s):
            data = s.encode("utf-8", "backslashreplace")
            return struct.pack("<I", len(data)) + data

        def section(tag, payload):
            return tag + struct.pack("<Q", len(payload)) + payload

        # Events first: the tables only grow, so copies taken after them cover every index they use,
        # even if another thread (the wall-time watchdog) writes while the script still records.
        events = array.array("I", self.events[: (len(self.events) >> 2) << 2])
        count = len(events) >> 2
        strings = list(self.strings)
        sites = list(self.sites)
        epochs = list(self.epochs)
        deadlines = list(self.deadlines)
        if sys.byteorder != "little":
            events.byteswap()
        parts = [b"LSTRACE\n", struct.pack("<II", FORMAT_VERSION, 6)]
        parts.append(section(b"META", text(self.title) + text("loopscope python tracer") + text(self.clock)))
        parts.append(section(b"STRS", struct.pack("<I", len(strings)) + b"".join(text(s) for s in strings)))
        parts.append(section(b"SITE", struct.pack("<I", len(sites)) +
                             b"".join(struct.pack("<III", f, line, fn) for f, line, fn in sites)))
        epochs = [(first, t) for first, t in epochs if first <= count] or [(0, 0.0)]
        parts.append(section(b"TIME", struct.pack("<I", len(epochs)) +
                             b"".join(struct.pack("<Id", first, t) for first, t in epochs)))
        parts.append(section(b"DEAD", struct.pack("<I", len(deadlines)) +
                             b"".join(struct.pack("<d", d) for d in deadlines)))
        parts.append(section(b"EVTS", struct.pack("<Q", count) + events.tobytes()))
        return b"".join(parts)

    def save(self, path):
        """Atomically: a temporary file in the same folder, then os.replace."""
        data = self.to_bytes()
        folder = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", dir=folder)
        try:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)  # mkstemp's 0600 would hide the trace from the user's other tools
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        return len(data)
