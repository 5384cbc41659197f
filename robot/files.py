"""Files and folders the robot writes: private by default, never through a symbolic link.

* ``make_dirs``: only the folders the robot creates get its mode (0700, or 0750 for a team with
  ``--group-readable``); a folder that exists already (the one a user named, the current folder)
  is left as it is.
* ``open_new``: a new file opened with ``O_CREAT | O_EXCL | O_NOFOLLOW`` and its mode from the
  start. A leftover entry of that name (a ``.part`` of a killed run, or a symbolic link someone
  planted) is removed first — ``unlink`` removes a link, never what it points to — and a
  symbolic link put there in between makes the open fail instead of writing through it.
* ``file_mode`` / ``folder_mode``: 0600 / 0700, or 0640 / 0750 when ``group_readable``.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700
GROUP_FILE, GROUP_FOLDER = 0o640, 0o750


class UnsafePath(OSError):
    """A path the robot refuses to write through (a symbolic link, another user's file)."""


def file_mode(group_readable: bool = False) -> int:
    return GROUP_FILE if group_readable else PRIVATE_FILE


def folder_mode(group_readable: bool = False) -> int:
    return GROUP_FOLDER if group_readable else PRIVATE_FOLDER


def make_dirs(path: Path | str, mode: int = PRIVATE_FOLDER) -> Path:
    """Create ``path`` and its missing parents, each new one with ``mode`` (whatever the umask);
    folders that exist keep their mode. Returns ``path``."""
    path = Path(path)
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=mode)
        except FileExistsError:  # made meanwhile (another robot): not ours to change
            continue
        os.chmod(folder, mode)
    if not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path))
    return path


def remove_leftover(path: Path | str) -> None:
    """Remove what sits at ``path`` (a file or a symbolic link, never followed); a folder stays."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "a folder is in the way", str(path))
    os.unlink(path)


def open_new(path: Path | str, mode: int = PRIVATE_FILE) -> int:
    """A new file at ``path`` for writing (a file descriptor), mode ``mode`` from its creation;
    never follows a symbolic link (see the module's docstring)."""
    remove_leftover(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), mode)
    os.fchmod(fd, mode)  # the umask may have taken bits away
    return fd


def copy_into_new(source: Path | str, target: Path | str, mode: int = PRIVATE_FILE) -> None:
    """Copy ``source`` to a new file ``target`` (``open_new``): a download kept across disks."""
    fd = open_new(target, mode)
    with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
        while chunk := src.read(1 << 20):
            out.write(chunk)
