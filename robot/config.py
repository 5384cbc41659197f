"""Settings: flags > environment > .env > defaults. Only this module reads os.environ."""
from __future__ import annotations

import hashlib
import os
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from dotenv import dotenv_values

from .errors import UsageError
from .origins import password_may_travel


class Secret:
    """A value that must never be printed. ``reveal()`` is called at the login fill only."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret(****)"

    __str__ = __repr__


ENV_KEYS = {
    "url": "CHAMILO_URL",
    "username": "CHAMILO_USERNAME",
    "password": "CHAMILO_PASSWORD",
    "lang": "ROBOT_LANG",
    "out": "ROBOT_OUT",
    "browser": "ROBOT_BROWSER",
    "long_timeout": "ROBOT_LONG_TIMEOUT",
    "step_timeout": "ROBOT_STEP_TIMEOUT",
    "attempts": "ROBOT_ATTEMPTS",
    "recordings": "ROBOT_RECORDINGS",
    "ca_bundle": "ROBOT_CA_BUNDLE",
    "lock_dir": "ROBOT_LOCK_DIR",
    "login": "CHAMILO_LOGIN",
    "session": "CHAMILO_SESSION",
    "max_course_info_mb": "ROBOT_MAX_COURSE_INFO_MB",
    "group_readable": "ROBOT_GROUP_READABLE",
}

DEFAULTS: dict[str, Any] = {
    "url": None,
    "username": None,
    "password": None,
    "lang": "en",
    "out": "backups",
    "browser": None,
    "long_timeout": 1800.0,
    "step_timeout": 30.0,
    "attempts": 3,
    "recordings": "recordings",
    "ca_bundle": None,
    "lock_dir": None,
    "login": "form",
    "session": None,
    "max_course_info_mb": 64,
    "group_readable": False,
}

# Settings that are secrets: kept out of the environment of the browser and its driver
SECRET_ENV_KEYS = ("CHAMILO_PASSWORD",)

# How the robot signs in (--login, CHAMILO_LOGIN): Chamilo's own form, the site's identity provider
# (single sign-on: CAS, Shibboleth), or only a session saved by `robot login` (never a password).
LOGIN_MODES = ("form", "sso", "session")


@dataclass(frozen=True)
class Config:
    url: str
    username: str
    password: Secret | None
    lang: str = "en"
    out: Path = Path("backups")
    browser: str | None = None
    long_timeout: float = 1800.0
    step_timeout: float = 30.0
    attempts: int = 3
    recordings: Path = Path("recordings")
    ca_bundle: str | None = None
    lock_dir: Path = Path("locks")
    headed: bool = False
    slow_mo: float = 0.0
    allow_insecure_http: bool = False
    progress: bool = False  # live progress on stderr (set by the CLI when stderr is a terminal)
    login: str = "form"
    session_file: Path = Path("session.json")  # the saved session of this site and user (robot login)
    # a backup's course_info.dat is read only up to this size (a zip is untrusted input: a 400 KB zip
    # may announce 500 MB); real ones are 4 KB to a few MB
    max_course_info_mb: int = 64
    group_readable: bool = False  # backups 0640 in folders 0750 (a team's shared folder) instead of 0600 / 0700
    # what the command line asked to record (--record, --blur-people, `robot demo`): a
    # robot.commands.run.record.RecordRequest, or None; every browser run of the command reads it here
    recording: Any = field(default=None, compare=False)
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def show(self) -> list[tuple[str, str, str]]:
        """(name, value, where it came from) with the password hidden."""
        rows = []
        for f in fields(self):
            if f.name in ("sources", "recording"):
                continue
            value = getattr(self, f.name)
            shown = "<set>" if f.name == "password" and value else ("<unset>" if value is None else str(value))
            rows.append((f.name, shown, self.sources.get(f.name, "default")))
        return rows


def _yes(value: Any, name: str) -> bool:
    """A yes/no setting: a flag's True, or 1/true/yes/on (0/false/no/off/empty) from the environment."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("", "0", "false", "no", "off"):
        return False
    raise UsageError(f"{name} must be yes or no (1/0, true/false), got {value!r}")


def default_lock_dir(environ: Mapping[str, str]) -> Path:
    """Where the one-robot-per-course locks live when ROBOT_LOCK_DIR is not set."""
    base = environ.get("XDG_RUNTIME_DIR") or environ.get("XDG_CACHE_HOME") or \
        os.path.join(environ.get("HOME") or os.path.expanduser("~"), ".cache")
    return Path(base) / "chamilo-robot" / "locks"


def default_session_file(url: str, username: str, environ: Mapping[str, str]) -> Path:
    """The saved session of ``username`` on the site ``url``: one file per site and user, in the
    user's state directory (platformdirs; on Linux ``$XDG_STATE_HOME`` or ``~/.local/state``, read
    from ``environ``), ``chamilo-robot/sessions/<host>[_<port>][_<path>]-<user>-<hash>.json``."""
    parts = urlsplit(url)
    site = re.sub(r"[^A-Za-z0-9.-]+", "_", f"{parts.hostname or ''}_{parts.port or ''}{parts.path}").strip("_.")
    user = re.sub(r"[^A-Za-z0-9.-]+", "_", username).strip("_.") or "user"
    digest = hashlib.sha256(f"{url.rstrip('/')}\n{username}".encode()).hexdigest()[:8]
    return state_dir(environ) / "sessions" / f"{site}-{user}-{digest}.json"


def state_dir(environ: Mapping[str, str]) -> Path:
    """The robot's folder in the user's state directory (platformdirs). On Linux and BSD that is
    ``$XDG_STATE_HOME`` when set, read from ``environ`` (the settings' environment), as platformdirs would."""
    import platformdirs

    xdg = environ.get("XDG_STATE_HOME") or ""
    if os.name == "posix" and sys.platform != "darwin" and os.path.isabs(xdg):
        return Path(xdg) / "chamilo-robot"
    return Path(platformdirs.user_state_dir("chamilo-robot", appauthor=False))


def load(flags: Mapping[str, Any], environ: Mapping[str, str] | None = None,
         dotenv_path: str | os.PathLike[str] | None = ".env", *, need_login: bool = True) -> Config:
    """Merge the settings. ``flags`` holds only what the user gave on the command line."""
    environ = os.environ if environ is None else environ
    dotenv: dict[str, str | None] = {}
    if dotenv_path and Path(dotenv_path).is_file():
        dotenv = dict(dotenv_values(dotenv_path))

    merged: dict[str, Any] = dict(DEFAULTS)
    sources: dict[str, str] = {}
    for name, key in ENV_KEYS.items():
        if dotenv.get(key) not in (None, ""):
            merged[name], sources[name] = dotenv[key], ".env"
        if environ.get(key) not in (None, ""):
            merged[name], sources[name] = environ[key], "env"
    for name, value in flags.items():
        if value is None:
            continue
        if name == "password":
            raise UsageError("the password is never taken from a flag: use CHAMILO_PASSWORD, .env or the prompt")
        merged[name], sources[name] = value, "flag"

    url = (merged["url"] or "").strip()
    if not url:
        raise UsageError("no Chamilo URL: set CHAMILO_URL (environment or .env) or pass --url")
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"the Chamilo URL must start with http:// or https://, got {url!r}")
    url = url.rstrip("/")
    allow_insecure = bool(merged.get("allow_insecure_http"))
    if not password_may_travel(url, allow_insecure_http=allow_insecure):
        raise UsageError(f"refusing plain http:// to a non-loopback host ({url}): the password would travel "
                         "in clear. Use https://, or --allow-insecure-http if you really mean it")
    username = (merged["username"] or "").strip()
    if need_login and not username:
        raise UsageError("no username: set CHAMILO_USERNAME or pass --username")
    lang = str(merged["lang"]).lower()
    if lang not in ("en", "fr"):
        raise UsageError(f"--lang must be en or fr, got {lang!r}")
    try:
        long_timeout = float(merged["long_timeout"])
        step_timeout = float(merged["step_timeout"])
        attempts = int(merged["attempts"])
        max_course_info_mb = int(merged["max_course_info_mb"])
    except (TypeError, ValueError) as err:
        raise UsageError(f"bad number in the settings: {err}") from None
    if attempts < 1 or step_timeout <= 0 or long_timeout <= 0:
        raise UsageError("timeouts must be positive and attempts at least 1")
    if max_course_info_mb < 1:
        raise UsageError("ROBOT_MAX_COURSE_INFO_MB must be at least 1")
    login = str(merged["login"] or "form").strip().lower()
    if login not in LOGIN_MODES:
        raise UsageError(f"--login / CHAMILO_LOGIN must be one of {', '.join(LOGIN_MODES)}, got {login!r}")
    session_file = Path(merged["session"]).expanduser() if merged["session"] else \
        default_session_file(url, username, environ)
    password = merged["password"]
    group_readable = _yes(merged.get("group_readable"), "ROBOT_GROUP_READABLE")
    return Config(
        url=url,
        username=username,
        password=Secret(password) if password else None,
        lang=lang,
        out=Path(merged["out"]),
        browser=merged["browser"] or None,
        long_timeout=long_timeout,
        step_timeout=step_timeout,
        attempts=attempts,
        recordings=Path(merged["recordings"]),
        ca_bundle=merged["ca_bundle"] or None,
        lock_dir=Path(merged["lock_dir"]) if merged["lock_dir"] else default_lock_dir(environ),
        headed=bool(merged.get("headed")),
        slow_mo=float(merged.get("slow_mo") or 0),
        allow_insecure_http=allow_insecure,
        login=login,
        session_file=session_file,
        max_course_info_mb=max_course_info_mb,
        group_readable=group_readable,
        sources=sources,
    )


def with_password(config: Config, password: str) -> Config:
    from dataclasses import replace
    return replace(config, password=Secret(password))
