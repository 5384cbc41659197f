"""Fixtures of the course-administration tests (issue 4): a robot environment per module, backups
made on the practice server's side, and snapshots of its data to compare before / after a run.

Runs are expensive (a real Chromium), so each module runs the robot a few times in module-scoped
fixtures and its tests assert on snapshots taken right after each run (the practice server is reset
after every test by tests/conftest.py)."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from practice_server import backup as practice_backup

COURSES = ("DEMO101", "HIST2026", "ADMIN1")


@pytest.fixture(scope="module")
def module_dir(tmp_path_factory, request) -> Path:
    return tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture(scope="module")
def env(practice_server, module_dir) -> dict[str, str]:
    """Settings for robot runs against the practice Chamilo, as its teacher."""
    return {
        "CHAMILO_URL": practice_server.url,
        "CHAMILO_USERNAME": "teacher",
        "CHAMILO_PASSWORD": "teacher",
        "ROBOT_OUT": str(module_dir / "backups"),
        "ROBOT_RECORDINGS": str(module_dir / "recordings"),
        "ROBOT_LOCK_DIR": str(module_dir / "locks"),
        "ROBOT_STEP_TIMEOUT": "15",
        "PATH": "/usr/bin:/bin",
    }


def make_backup(practice_server, code: str, dest: Path) -> Path:
    """A real full backup of ``code`` made by the practice server itself (as create_backup.php does)."""
    st = practice_server.state
    teacher = st.user_by_username("teacher")
    made = practice_backup.create_backup(st, code, teacher["id"], "en", practice_server.url + "/")
    dest.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(made, dest / made.name))


@pytest.fixture(scope="module")
def backups(practice_server, module_dir) -> dict[str, Path]:
    """A verified-looking backup .zip of each course, outside the server (``--backup FILE``)."""
    practice_server.state.reset()
    out = {code: make_backup(practice_server, code, module_dir / "given") for code in ("DEMO101", "HIST2026")}
    practice_server.state.reset()
    return out


def snapshot(state) -> dict[str, Any]:
    """Everything the commands of this issue may change, per course."""
    snap: dict[str, Any] = {}
    for code in COURSES:
        course = state.course(code)
        snap[code] = None if course is None else {
            "course": course,
            "files": state.course_files(code),
            "users": [(u["username"], u["status"]) for u in state.course_users(code)],
            "documents": [d["path"] for d in state.documents(code)],
            "links": [lk["title"] for lk in state.links(code)],
            "announcements": [(a["title"], a["email_sent"]) for a in state.announcements(code)],
            "descriptions": [d["title"] for d in state.course_descriptions(code)],
        }
    return snap


def students(snap: dict, code: str) -> list[str]:
    return [u for u, status in snap[code]["users"] if status == 5]


def teachers(snap: dict, code: str) -> list[str]:
    return [u for u, status in snap[code]["users"] if status == 1]
