"""One robot per course at a time: an advisory file lock per (site, course)."""
from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import RobotError, UsageError
from .files import make_dirs


class CourseLocked(RobotError):
    """Another robot is already working on this course."""

    exit_code = 7


def lock_path(directory: Path, site_url: str, course: str) -> Path:
    """The lock file of ``course`` on ``site_url`` in ``directory``."""
    key = hashlib.sha256(f"{site_url.rstrip('/').lower()}|{course.upper()}".encode()).hexdigest()[:16]
    return directory / f"{course.upper()}-{key}.lock"


def open_lock_file(path: Path) -> int:
    """The lock file at ``path``, created (``O_EXCL``) or reused, never through a symbolic link and
    never one another user owns: in a lock folder others can write to, a planted link or file must
    not make the robot write where they want (it writes its name and pid into the lock)."""
    flags = os.O_RDWR | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        try:
            return os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP or path.is_symlink():
            raise UsageError(f"the lock file {path} is a symbolic link: refused (someone may be trying to make the "
                             "robot write elsewhere); remove it, or use a ROBOT_LOCK_DIR of your own") from None
        raise UsageError(f"cannot open the lock file {path}: {err.strerror}") from None
    info = os.fstat(fd)
    if info.st_uid != os.geteuid() or not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise UsageError(f"the lock file {path} belongs to another user (uid {info.st_uid}) or is not a plain file: "
                         "refused; remove it, or use a ROBOT_LOCK_DIR of your own")
    return fd


@contextmanager
def course_lock(site_url: str, course: str, *, directory: Path, command: str) -> Iterator[Path]:
    """Hold the lock of ``course`` on ``site_url`` for the block; raise CourseLocked if taken."""
    try:
        make_dirs(directory)
    except OSError as err:
        raise UsageError(f"cannot create the lock folder {directory}: {err.strerror or err}") from None
    path = lock_path(directory, site_url, course)
    fd = open_lock_file(path)
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
