"""Shared settings of the tests/copy robot runs (real Chromium, the practice Chamilo over HTTP)."""
from __future__ import annotations

from pathlib import Path

import pytest

from practice_server import seed

COPY = "/main/coursecopy/copy_course.php"
ADD = "/main/create_course/add_course.php"


def env_for(srv, folder: Path, username: str = "teacher") -> dict[str, str]:
    """Settings for a robot run as ``username``. The password is set to an unusual one (until the next
    reset): with the seed's password = username, the robot's redaction would hide the word "teacher"
    from every message."""
    password = f"{username}-Pw3!x"
    srv.state.set_password(username, password)
    return {
        "CHAMILO_URL": srv.url,
        "CHAMILO_USERNAME": username,
        "CHAMILO_PASSWORD": password,
        "ROBOT_OUT": str(folder / "backups"),
        "ROBOT_RECORDINGS": str(folder / "recordings"),
        "ROBOT_LOCK_DIR": str(folder / "locks"),
        "ROBOT_STEP_TIMEOUT": "20",
        "PATH": "/usr/bin:/bin",
    }


@pytest.fixture
def copy_env(practice_server, tmp_path: Path) -> dict[str, str]:
    return env_for(practice_server, tmp_path)


def seeded_files(code: str) -> dict[str, bytes]:
    """The seed's files of a course: {stored path: bytes}."""
    course = next(c for c in seed.COURSES if c.code == code)
    return {d.path.lstrip("/"): seed.doc_bytes(code, d) for d in course.docs if not d.is_folder}


def renamed(path: str, i: int = 1) -> str:
    stem, dot, ext = path.rpartition(".")
    return f"{stem}_{i}.{ext}" if dot else f"{path}_{i}"
