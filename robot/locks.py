"""One robot per course at a time: an advisory file lock per (site, course). And work a site can
only do once at a time (``SiteWork``: a backup being built, an import): a lock per (site, work)
that robots wait for — the threads of one process (a campaign's workers) and the robots of one
machine (several command lines, several shards) alike."""
from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import stat
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import Interrupted, RobotError, UsageError
from .files import make_dirs

log = logging.getLogger("robot")


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


# --- work that a site can only do once at a time --------------------------------------------------

_LOCAL_GUARD = threading.Lock()
_LOCAL: dict[Path, threading.Lock] = {}  # one per lock file: the threads of this process queue here


def _local_lock(path: Path) -> threading.Lock:
    with _LOCAL_GUARD:
        return _LOCAL.setdefault(path, threading.Lock())


class SiteWork:
    """The site-wide locks of the engine's ``Step.exclusive`` (robot/engine/steps.py) for one site.

    ``acquire(name, stop)`` waits until this run alone holds ``name`` on the site: first among the
    threads of this process (a campaign's workers), then among the robots of this machine (an
    advisory file lock ``<directory>/site-<name>-<hash of the site>.lock``, which names its holder).
    It raises ``Interrupted`` when ``stop`` is set while it waits. ``release(name)`` lets go. Robots
    on other machines cannot see these locks (docs/CAMPAIGN.md says what protects them)."""

    def __init__(self, site_url: str, directory: Path, *, holder: str = "a robot", poll: float = 0.2) -> None:
        self.site_url = site_url.rstrip("/").lower()
        self.directory = directory
        self.holder = holder
        self.poll = poll
        self._held: dict[str, tuple[threading.Lock, int]] = {}

    def path(self, name: str) -> Path:
        key = hashlib.sha256(f"{self.site_url}|{name}".encode()).hexdigest()[:16]
        return self.directory / f"site-{name}-{key}.lock"

    def acquire(self, name: str, stop: threading.Event | None = None) -> None:
        path = self.path(name)
        local = _local_lock(path)
        told = False
        while not local.acquire(timeout=self.poll):
            if not told:
                log.info("    waiting for %s on the site: another worker of this robot is doing it", name)
                told = True
            if stop is not None and stop.is_set():
                raise Interrupted(f"stopped while waiting for {name} on the site")
        try:
            make_dirs(self.directory)
            fd = open_lock_file(path)  # as a course's lock: never through a planted link, never another's file
        except BaseException:
            local.release()
            raise
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not told:
                        other = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another robot"
                        log.warning("    waiting for %s on the site: %s is doing it", name, other)
                        told = True
                    if stop is not None:
                        if stop.wait(self.poll):
                            raise Interrupted(f"stopped while waiting for {name} on the site") from None
                    else:
                        time.sleep(self.poll)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{self.holder} (pid {os.getpid()})".encode(), 0)
        except BaseException:
            os.close(fd)
            local.release()
            raise
        self._held[name] = (local, fd)

    def release(self, name: str) -> None:
        held = self._held.pop(name, None)
        if held is None:
            return
        local, fd = held
        try:
            os.close(fd)  # closing releases the file lock
        finally:
            local.release()
