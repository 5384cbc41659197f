"""One robot per course at a time: an advisory file lock per (site, course)."""
from __future__ import annotations

import fcntl
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import RobotError


class CourseLocked(RobotError):
    """Another robot is already working on this course."""

    exit_code = 7


def lock_path(directory: Path, site_url: str, course: str) -> Path:
    """The lock file of ``course`` on ``site_url`` in ``directory``."""
    key = hashlib.sha256(f"{site_url.rstrip('/').lower()}|{course.upper()}".encode()).hexdigest()[:16]
    return directory / f"{course.upper()}-{key}.lock"


@contextmanager
def course_lock(site_url: str, course: str, *, directory: Path, command: str) -> Iterator[Path]:
    """Hold the lock of ``course`` on ``site_url`` for the block; raise CourseLocked if taken."""
    directory.mkdir(parents=True, exist_ok=True)
    path = lock_path(directory, site_url, course)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another robot"
            raise CourseLocked(f"course {course.upper()} is busy: {holder} is working on it; "
                               "wait for it to finish (one robot per course at a time)") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"robot {command} (pid {os.getpid()})".encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing releases the lock
