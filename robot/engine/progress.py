"""Live progress on long work, for a person watching a terminal (stderr only).

Three shapes, all context managers:

* ``waiting(what)``: a spinner with the elapsed time while the server works on a long request
  (building a backup, copying a course);
* ``transfer(what, size, total)``: a bar with bytes, total (when known), rate and ETA, fed by
  polling ``size()`` (the bytes on disk of a download the browser is streaming);
* ``counting(what, total)``: a bar advanced by the caller (``advance(n)``), e.g. while the zip is
  checked.

``NoProgress`` does nothing: it is what runs when stderr is not a terminal, with ``--json``, in CI
logs and in tests. Rich is imported only when progress is shown. Knows nothing about the site.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Protocol, TextIO


class Progress(Protocol):
    def waiting(self, what: str) -> Any: ...
    def transfer(self, what: str, size: Callable[[], int], total: int | None) -> Any: ...
    def counting(self, what: str, total: int) -> Any: ...


class NoProgress:
    """Progress for nobody: no output at all."""

    @contextmanager
    def waiting(self, what: str) -> Iterator[None]:
        yield

    @contextmanager
    def transfer(self, what: str, size: Callable[[], int], total: int | None) -> Iterator[None]:
        yield

    @contextmanager
    def counting(self, what: str, total: int) -> Iterator[Callable[[int], None]]:
        yield lambda n: None


class TerminalProgress:
    """Rich progress on a terminal stream (stderr). Each display ends when its block ends, so the
    step lines logged before and after stay in order."""

    def __init__(self, stream: TextIO, refresh_per_second: float = 8.0) -> None:
        from rich.console import Console

        self.console = Console(file=stream, stderr=True)
        self.refresh = refresh_per_second

    def _progress(self, *columns: Any) -> Any:
        from rich.progress import Progress as RichProgress

        return RichProgress(*columns, console=self.console, transient=True,
                            refresh_per_second=self.refresh)

    @contextmanager
    def waiting(self, what: str) -> Iterator[None]:
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()) as bar:
            bar.add_task(f"{what} — the server is working", total=None)
            yield

    @contextmanager
    def transfer(self, what: str, size: Callable[[], int], total: int | None) -> Iterator[None]:
        from rich.progress import (BarColumn, DownloadColumn, TextColumn, TimeRemainingColumn,
                                   TransferSpeedColumn)

        with self._progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                            TransferSpeedColumn(), TimeRemainingColumn()) as bar:
            task = bar.add_task(what, total=total)
            stop = threading.Event()

            def poll() -> None:  # a file size read from another thread: no browser call here
                while not stop.wait(1 / self.refresh):
                    try:
                        bar.update(task, completed=size())
                    except OSError:
                        pass

            watcher = threading.Thread(target=poll, name="robot-download-progress", daemon=True)
            watcher.start()
            try:
                yield
            finally:
                stop.set()
                watcher.join()
                try:
                    bar.update(task, completed=size())
                except OSError:
                    pass

    @contextmanager
    def counting(self, what: str, total: int) -> Iterator[Callable[[int], None]]:
        from rich.progress import BarColumn, DownloadColumn, TextColumn, TimeRemainingColumn

        with self._progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                            TimeRemainingColumn()) as bar:
            task = bar.add_task(what, total=total)
            yield lambda n: bar.advance(task, n)
