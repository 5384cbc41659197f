"""Kill the real Chromium mid-step, as a crash or the out-of-memory killer would: find the main
*browser* process that Playwright launched under a given process and send it SIGKILL.

    from tests.browser_kill import kill_browser, browser_pids
    state.faults.add("POST", "/main/coursecopy/copy_course.php", "call",
                     fn=lambda: kill_browser(), form="copy_option=full_copy")

Only ``/proc`` is read (Linux).  The process tree of a Playwright run is: this Python process (or a
robot started as a subprocess) → Playwright's driver (node) → Chromium's browser process, which
Playwright always starts with ``--remote-debugging-pipe`` → its zygotes, renderers, GPU and utility
processes, each with a ``--type=…`` switch.  The browser process is the one with the pipe switch and
no ``--type=``: killing it takes its children down and Playwright reports the browser as closed.
"""
from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from typing import Any, Callable, Iterable

PROC = Path("/proc")
PLAYWRIGHT_SWITCH = "--remote-debugging-pipe"


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time in clock ticks) of a live process, or None."""
    try:
        raw = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()  # the command name may hold spaces and parentheses
    return fields[0], int(fields[1]), int(fields[19])


def _cmdline(pid: int) -> list[str]:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except OSError:
        return []


def descendants(root_pid: int) -> list[int]:
    """Every live process below ``root_pid`` (children, grandchildren, …)."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None:
                children.setdefault(stat[1], []).append(int(entry.name))
    found, todo = [], [root_pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def is_browser_process(pid: int) -> bool:
    """A Chromium main process started by Playwright (not a zombie, not a --type= child)."""
    stat = _stat(pid)
    args = _cmdline(pid)
    return (stat is not None and stat[0] != "Z" and PLAYWRIGHT_SWITCH in args
            and not any(arg.startswith("--type=") for arg in args))


def browser_pids(root_pid: int | None = None) -> list[int]:
    """The Playwright-launched Chromium browser processes below ``root_pid`` (default: this
    process), oldest first."""
    root = os.getpid() if root_pid is None else root_pid
    found = {pid for pid in descendants(root) if is_browser_process(pid)}
    # a child the browser has just forked still carries the browser's command line until it execs
    # (the zygote and other helpers get their --type= then): not a browser of its own
    pids = [pid for pid in found if (_stat(pid) or ("", 0, 0))[1] not in found]
    return sorted(pids, key=lambda pid: (_stat(pid) or ("", 0, 0))[2])


def kill_browser(root_pid: int | None = None, *, exclude: Iterable[int] = ()) -> int:
    """SIGKILL the newest Chromium browser process that Playwright launched below ``root_pid``
    (default: this test process, where the robot runs in a thread; pass a robot subprocess's pid for
    a robot run as a process), leaving out ``exclude`` (e.g. ``browser_pids()`` taken before the
    robot started, for a browser the tests share).  Returns the pid killed; LookupError if none."""
    left_out = set(exclude)
    candidates = [pid for pid in browser_pids(root_pid) if pid not in left_out]
    if not candidates:
        raise LookupError(f"no Chromium browser process below pid {root_pid or os.getpid()}")
    pid = candidates[-1]
    os.kill(pid, signal.SIGKILL)
    return pid


def in_own_thread(scenario: Callable[[], Any], timeout: float = 120) -> Any:
    """``scenario()``'s result, run in a thread of its own: a test that starts its own Playwright (to
    kill its Chromium) cannot use the main thread's, which pytest-playwright may hold in an xdist
    worker. Its exception is raised here; a scenario still running after ``timeout`` fails the test."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = scenario()
        except BaseException as exc:  # noqa: BLE001 - raised below, in the test's thread
            box["exc"] = exc

    worker = threading.Thread(target=run, name="own-playwright")
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), "the scenario hung"
    if "exc" in box:
        raise box["exc"]
    return box["result"]
