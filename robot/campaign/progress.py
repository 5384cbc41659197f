"""Live progress of a campaign: overall (courses done / failed / left, elapsed, ETA) and per worker
(course, current step). Rich's live display when stderr is a terminal; otherwise one plain line per
event (CI logs). The engine's warnings (retries, re-logins) come through here too, named after the
worker and course they belong to."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable, TextIO

_where = threading.local()


def set_where(text: str) -> None:
    """Name the current thread's work in its log lines ("w2 MATHS backup")."""
    _where.text = text


def _clock(seconds: float) -> str:
    seconds = int(max(seconds, 0))
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


@dataclass
class WorkerState:
    course: str = ""
    command: str = ""
    step: str = ""
    since: float = 0.0


class Progress:
    """Counts and per-worker state, shared by the worker threads (every method is thread-safe)."""

    def __init__(self, total: int, workers: int, stream: TextIO, *, live: bool, verbose: bool = False,
                 redact: Callable[[str], str] = lambda s: s) -> None:
        self.total = total
        self.stream = stream
        self.verbose = verbose
        self.redact = redact
        self.done = self.failed = self.interrupted = 0
        self.skipped = 0  # done by an earlier run (--resume): left out of the ETA's pace
        self.workers = {f"w{i}": WorkerState() for i in range(1, workers + 1)}
        self.t0 = time.monotonic()
        self._lock = threading.Lock()
        self._live = None
        if live:
            from rich.console import Console
            from rich.live import Live

            self._console = Console(file=stream)
            self._live = Live(_Render(self), console=self._console, refresh_per_second=4, transient=False)

    # -- lifecycle ---------------------------------------------------------------------------------
    def __enter__(self) -> "Progress":
        if self._live is not None:
            self._live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._live is not None:
            self._live.stop()

    # -- what the workers tell --------------------------------------------------------------------
    def course_started(self, worker: str, code: str) -> None:
        with self._lock:
            self.workers[worker] = WorkerState(course=code, since=time.monotonic())

    def step(self, worker: str, code: str, command: str, step: str) -> None:
        with self._lock:
            state = self.workers[worker]
            state.command, state.step = command, step
        if self.verbose:
            self._say(f"{worker} {code} {command}: {step}")

    def command_started(self, worker: str, code: str, command: str, note: str = "") -> None:
        with self._lock:
            self.workers[worker].command, self.workers[worker].step = command, ""
        self._say(f"{worker} {code} {command} started" + (f" ({note})" if note else ""))

    def command_done(self, worker: str, code: str, command: str, seconds: float, note: str = "") -> None:
        self._say(f"{worker} {code} {command} done in {seconds:.1f} s" + (f" ({note})" if note else ""))

    def command_skipped(self, worker: str, code: str, command: str, why: str) -> None:
        self._say(f"{worker} {code} {command} skipped: {why}")

    def command_failed(self, worker: str, code: str, command: str, message: str) -> None:
        self._say(f"{worker} {code} {command} FAILED: {message}")

    def course_finished(self, worker: str, code: str, status: str, worked: bool = True) -> None:
        with self._lock:
            if not worked:
                self.skipped += 1
            if status == "ok":
                self.done += 1
            elif status == "failed":
                self.failed += 1
            else:
                self.interrupted += 1
            self.workers[worker] = WorkerState()
        if self._live is None:
            self._say(self.overall())

    def log(self, line: str) -> None:
        self._say(line)

    # -- telling -----------------------------------------------------------------------------------
    def overall(self) -> str:
        """The counts, as the lines told them: a course whose command said FAILED is failed, one
        stopped by Ctrl-C is interrupted (and left for --resume)."""
        with self._lock:
            finished = self.done + self.failed
            left = self.total - finished - self.interrupted
            elapsed = time.monotonic() - self.t0
            now_done = finished - self.skipped
            eta = f", ETA {_clock(elapsed / now_done * left)}" if now_done and left else ""
            stopped = f", {self.interrupted} interrupted" if self.interrupted else ""
            return (f"{finished}/{self.total} courses finished: {self.done} done, {self.failed} failed{stopped}, "
                    f"{left} left — elapsed {_clock(elapsed)}{eta}")

    def _say(self, text: str) -> None:
        line = self.redact(f"[{_clock(time.monotonic() - self.t0)}] {text}")
        if self._live is not None:
            self._console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.stream, flush=True)


class _Render:
    """What Rich draws at each refresh: the overall line and a table of the workers."""

    def __init__(self, progress: Progress) -> None:
        self.p = progress

    def __rich__(self):
        from rich.console import Group
        from rich.table import Table

        table = Table(box=None, show_header=True, header_style="bold", padding=(0, 2))
        for column in ("worker", "course", "command", "step", "for"):
            table.add_column(column)
        with self.p._lock:
            rows = [(name, s.course or "—", s.command, s.step, _clock(time.monotonic() - s.since) if s.course else "")
                    for name, s in self.p.workers.items()]
        for row in rows:
            table.add_row(*row)
        return Group(self.p.overall(), table)


class ProgressLogHandler(logging.Handler):
    """The engine's log records of a campaign, through Progress, named after the worker's work."""

    def __init__(self, progress: Progress, level: int) -> None:
        super().__init__(level)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        try:
            where = getattr(_where, "text", "")
            self.progress.log(f"{where}: {record.getMessage().strip()}" if where else record.getMessage().strip())
        except Exception:  # noqa: BLE001 - logging must never break a run
            self.handleError(record)
