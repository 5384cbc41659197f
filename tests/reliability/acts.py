"""Shared by the acts-then-fails tests (test_acts_then_fails*.py): the robot's settings for them and
what a run that met a lost answer must report."""
from __future__ import annotations

from pathlib import Path

from tests.robot_run import RobotResult, steps_of

PASSWORD = "teacher-Pw3!x"  # not a word of the messages (the robot redacts the password everywhere)
HELD = 120.0  # act_then_timeout holds the answer this long; faults.clear() after the test lets it go


def quick_env(practice_server, tmp_path: Path) -> dict[str, str]:
    """Quick timeouts (an answer held by act_then_timeout costs one of them), an unusual password."""
    practice_server.state.set_password("teacher", PASSWORD)
    return {
        "CHAMILO_URL": practice_server.url,
        "CHAMILO_USERNAME": "teacher",
        "CHAMILO_PASSWORD": PASSWORD,
        "ROBOT_OUT": str(tmp_path / "backups"),
        "ROBOT_RECORDINGS": str(tmp_path / "recordings"),
        "ROBOT_LOCK_DIR": str(tmp_path / "locks"),
        "ROBOT_STEP_TIMEOUT": "10",
        "ROBOT_LONG_TIMEOUT": "10",
        "PATH": "/usr/bin:/bin",
    }


def finished_already_done(result: RobotResult, step: str) -> dict:
    """The run finished, and ``step`` found its effect on the site instead of doing it again."""
    assert result.code == 0, result
    doc = result.json()
    steps = steps_of(doc)
    assert steps[step]["status"] == "ok" and steps[step]["already_done"] is True, (steps[step], result)
    assert steps[step]["attempts"] == 2, (steps[step], result)  # the lost answer, then the check
    assert not [s for s in doc["steps"] if s["already_done"] and s["name"] != step], result
    return doc
