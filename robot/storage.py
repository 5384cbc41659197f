"""Checks on the output folder, made before any work starts on the site."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .errors import UsageError
from .files import folder_mode, make_dirs
from .output import human_size

MARGIN = 1.2  # room for the archive and its .part twin being renamed


class StorageError(UsageError):
    """The output folder cannot take the file (exit 2: fix the setting, nothing was done)."""


def expected_size(folder: Path, pattern: str) -> int | None:
    """The size of the biggest earlier file matching ``pattern`` in ``folder``, if any."""
    try:
        sizes = [p.stat().st_size for p in folder.glob(pattern) if p.is_file()]
    except OSError:
        return None
    return max(sizes) if sizes else None


def check_output_dir(folder: Path, expected_bytes: int | None = None, *, group_readable: bool = False) -> None:
    """The folder exists (or can be made: private, or group-readable for a team), is writable, and
    has room for ``expected_bytes``."""
    try:
        make_dirs(folder, folder_mode(group_readable))
    except OSError as err:
        raise StorageError(f"cannot create the output folder {folder}: {err.strerror}") from None
    if not folder.is_dir():
        raise StorageError(f"the output path {folder} is not a folder")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".robot-write-test-"):
            pass
    except OSError as err:
        raise StorageError(f"the output folder {folder} is not writable: {err.strerror}") from None
    if expected_bytes:
        free = shutil.disk_usage(folder).free
        if free < expected_bytes * MARGIN:
            raise StorageError(f"not enough free space in {folder}: {human_size(free)} free, the archive is "
                               f"expected to take about {human_size(expected_bytes)} (its last backup)")


def private_dir(path: Path) -> Path:
    """``path``, created private (0700) when missing; a folder that exists is left as it is."""
    return make_dirs(path)
