"""Run the robot's CLI in-process, in its own thread (Playwright's sync API allows one per thread,
and pytest-playwright may hold the main thread's)."""
from __future__ import annotations

import io
import json
import os
import threading
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

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


def run_robot(args: Sequence[str], env: Mapping[str, str]) -> RobotResult:
    if env.get("CHAMILO_URL") and not env.get("ROBOT_LOCK_DIR"):
        # the course locks would go to ~/.cache/chamilo-robot: a test keeps them in its tmp dir
        raise AssertionError("a robot run in the tests must set ROBOT_LOCK_DIR (under the test's tmp dir)")
    out, err = io.StringIO(), io.StringIO()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["code"] = main([*args, "--env-file", os.devnull], env=dict(env), stdout=out, stderr=err)
        except BaseException as exc:  # surfaced in the test below
            box["exc"] = exc

    t = threading.Thread(target=target, name="robot-cli")
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
