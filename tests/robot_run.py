"""Run the robot's CLI in-process, in a thread of its own (Playwright's sync API allows one per
thread, and pytest-playwright may hold the main thread's).

Every run of a test process goes to one long-lived thread, ``robot-cli``, which keeps its browsers
warm between runs (``robot.engine.browser.WarmHosts``, as any program running many commands in one
process may): each run still gets a fresh browser context, but not a Playwright driver and a Chromium
of its own — the suite's runs cost about a second and a half less each. ``warm=False`` runs one
command as the command line does, in a browser of its own (a test about the browser's own process)."""
from __future__ import annotations

import atexit
import io
import json
import os
import queue
import threading
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from robot.cli import main


@dataclass
class RobotResult:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.stdout)

    def __str__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


class _RobotThread:
    """The test process's robot thread: runs the calls it is given, one at a time, with warm browsers."""

    def __init__(self) -> None:
        self._calls: queue.Queue[Callable[[Any], None] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._serve, name="robot-cli", daemon=True)
        self._thread.start()
        atexit.register(self.stop)

    def _serve(self) -> None:
        from robot.engine.browser import WarmHosts

        hosts = WarmHosts()
        try:
            while (call := self._calls.get()) is not None:
                call(hosts)
        finally:
            hosts.close()

    def run(self, call: Callable[[Any], None]) -> None:
        done = threading.Event()

        def wrapped(hosts: Any) -> None:
            try:
                call(hosts)
            finally:
                done.set()
        self._calls.put(wrapped)
        done.wait()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._calls.put(None)
            self._thread.join(timeout=30)


_robot_thread: _RobotThread | None = None
_robot_thread_lock = threading.Lock()


def _shared_thread() -> _RobotThread:
    global _robot_thread
    with _robot_thread_lock:
        if _robot_thread is None:
            _robot_thread = _RobotThread()
        return _robot_thread


def run_robot(args: Sequence[str], env: Mapping[str, str], *, warm: bool = True) -> RobotResult:
    if env.get("CHAMILO_URL") and not env.get("ROBOT_LOCK_DIR"):
        # the course locks would go to ~/.cache/chamilo-robot: a test keeps them in its tmp dir
        raise AssertionError("a robot run in the tests must set ROBOT_LOCK_DIR (under the test's tmp dir)")
    out, err = io.StringIO(), io.StringIO()
    box: dict[str, Any] = {}

    def target(hosts: Any = None) -> None:
        try:
            box["code"] = main([*args, "--env-file", os.devnull], env=dict(env), stdout=out, stderr=err,
                               hosts=hosts)
        except BaseException as exc:  # surfaced in the test below
            box["exc"] = exc

    if warm:
        _shared_thread().run(target)
    else:
        t = threading.Thread(target=target, name="robot-cli-cold")
        t.start()
        t.join()
    if "exc" in box:
        raise box["exc"]
    return RobotResult(box["code"], out.getvalue(), err.getvalue())


def steps_of(doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The ``steps`` of a --json document (a success, or a failure's), by name (the last of a name)."""
    return {s["name"]: s for s in doc.get("steps") or []}


def assert_one_attempt_each(result: RobotResult) -> dict[str, Any]:
    """A happy path: every step took exactly one attempt, nothing was found already done, the
    browser was never started again (a hidden retry must not make a broken step look fine)."""
    assert result.code == 0, result
    doc = result.json()
    steps = doc.get("steps") or []
    assert steps, f"no steps in the --json output:\n{result}"
    redone = [(s["name"], s["attempts"], s["already_done"], s["relaunched"]) for s in steps
              if s["attempts"] != 1 or s["already_done"] or s["relaunched"] or s["status"] != "ok"]
    assert not redone, f"steps that did not run exactly once: {redone}\n{result}"
    assert doc.get("relaunches") == 0, result
    return doc
