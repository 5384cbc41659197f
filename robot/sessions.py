"""Saved sessions (`robot login`): a Playwright storage state in a file private to the user.

One file per site and user (``Config.session_file``: ``--session FILE``, ``CHAMILO_SESSION``, else
the user's state directory, see ``config.default_session_file``). Its content is what Playwright's
``BrowserContext.storage_state()`` gives (``cookies``, ``origins``: the site's and the identity
provider's cookies, never a password) plus a ``chamilo_robot`` block saying for which site and user
it was saved, when and how::

    {"cookies": [...], "origins": [...],
     "chamilo_robot": {"schema_version": 1, "site": "https://…", "username": "jdoe",
                       "saved": "2026-12-02T09:15:00+01:00", "login": "sso"}}

The file is created with mode 0600 (``os.open`` with that mode, then renamed over the old one: it
is never readable by others, not even for an instant) in a folder of mode 0700. No browser here.
"""
from __future__ import annotations

import json
import logging
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from .errors import UsageError

log = logging.getLogger("robot")

META = "chamilo_robot"
SCHEMA_VERSION = 1


def _private_folder(folder: Path) -> None:
    existed = folder.is_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not existed:
        try:
            os.chmod(folder, 0o700)
        except OSError:
            pass


def write(path: Path, state: dict[str, Any], *, site: str, username: str, login: str) -> Path:
    """Save ``state`` (a Playwright storage state) for ``site`` and ``username``, mode 0600."""
    _private_folder(path.parent)
    doc = {"cookies": list(state.get("cookies") or []), "origins": list(state.get("origins") or []),
           META: {"schema_version": SCHEMA_VERSION, "site": site.rstrip("/"), "username": username,
                  "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "login": login}}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".session-", suffix=".json")  # mode 0600
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(doc, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read(path: Path, *, site: str, username: str) -> dict[str, Any] | None:
    """The storage state saved for ``site`` and ``username`` (cookies and origins only, as
    Playwright takes it), or None when there is no such file. A file saved for another site or user
    is a usage error; a file others may read is made private again, with a warning."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise UsageError(f"cannot read the saved session {path}: {err.strerror}") from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("the saved session %s could be read by other users: made private (mode 0600)", path)
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise UsageError(f"the saved session {path} is not readable ({err}): delete it (`robot logout`) "
                         "and run `robot login` again") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("cookies"), list):
        raise UsageError(f"{path} is not a saved session (no cookies list): run `robot login` again")
    meta = doc.get(META) or {}
    saved_site, saved_user = str(meta.get("site") or "").rstrip("/"), meta.get("username")
    if meta and (saved_site != site.rstrip("/") or saved_user != username):
        raise UsageError(f"the saved session {path} belongs to {saved_user!r} on {saved_site}, not to {username!r} "
                         f"on {site}: give another --session file, or run `robot login`")
    return {"cookies": doc["cookies"], "origins": doc.get("origins") or []}


def delete(path: Path) -> bool:
    """Remove the saved session; True when there was one."""
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return False
