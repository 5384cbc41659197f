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
