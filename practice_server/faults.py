"""Fault injection for the practice Chamilo (documented in docs/RELIABILITY.md).

A fault matches requests by method (or ``*``) and exact ``request.path`` (or ``*``: every path),
and, optionally, only those whose raw query string contains ``query`` and/or whose form has the
field ``form`` (``name`` or ``name=value``), so that a fault can target exactly the request that
changes the site when a read-only view shares its path.  The first ``skip`` matching requests go
through untouched, the next ``times`` ones get the fault, later ones go through again.

    state.faults.add("POST", "/main/coursecopy/create_backup.php", "status", code=500)
    state.faults.add("GET", "/main/course_info/download.php", "cut_download", after_bytes=4096)
    state.faults.add("GET", "/main/user/user.php", "act_then_status", code=502, query="unregister=yes")
    state.faults.add("*", "*", "db_down", times=1000)
    state.faults.add("POST", "/main/coursecopy/create_backup.php", "call", fn=kill_the_browser)
    state.faults.add_spec("POST /index.php delay seconds=2 times=3 skip=1")
"""

from __future__ import annotations

import shlex
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

# kind -> (required params, optional params)
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "delay": (("seconds",), ()),
    "status": (("code",), ()),
    "blank": ((), ()),
    "empty_download": ((), ()),
    "cut_download": (("after_bytes",), ()),
    "drip": (("bytes_per_sec",), ()),
    "expire_session": ((), ()),
    "token_mismatch": ((), ()),
    "archive_not_writable": ((), ()),
    "corrupt_zip": ((), ()),
    # the page handler runs fully (its change is saved), then the answer is lost
    "act_then_status": (("code",), ()),
    "act_then_timeout": (("seconds",), ()),
    "act_then_cut": ((), ()),
    # Chamilo's own error pages (UI-REFERENCE §14) and the maintenance plugin's redirect
    "db_down": ((), ()),
    "php_fatal": ((), ()),
    "not_allowed": ((), ()),
    "maintenance": ((), ()),
    # a login page turned against whoever signs in (hostile_pages.py): the form holding a password
    # field posts elsewhere, or a script makes it do so once the password is typed; the field is
    # read-only; the answer to the POST is a debug error page that lists the posted fields
    "form_action": (("action",), ()),
    "form_action_script": (("action",), ("on",)),
    "password_readonly": ((), ()),
    "echo_post": ((), ()),
    # a proxy in front of the site drops the browser's Accept-Language: anonymous pages come in the
    # platform's language whatever the browser asks (issue 21: the login page's language menu)
    "no_accept_language": ((), ()),
    # Python only (FaultPlan.parse refuses it): fn() is called before the page handler
    "call": (("fn",), ()),
}

# kinds that answer the request themselves before the session is loaded (the page handler does not run)
ANSWERING_KINDS = {"status", "blank", "empty_download", "db_down", "maintenance", "echo_post"}
# kinds that answer the request themselves once the session is loaded (the page handler does not run)
ANSWERING_WITH_SESSION_KINDS = {"not_allowed"}
# kinds that let the page handler run, then replace, hold or cut its answer
AFTER_HANDLER_KINDS = {"act_then_status", "act_then_timeout", "act_then_cut", "php_fatal"}
# kinds that rewrite the page the handler answered (its login form), whatever else happens
PAGE_REWRITING_KINDS = {"form_action", "form_action_script", "password_readonly"}
# kinds that only exist in Python (their parameter is not text)
PYTHON_ONLY_KINDS = {"call"}

# the page the maintenance plugin's rewrite rule sends every other URL to (it is never redirected)
MAINTENANCE_PAGE = "/maintenance.html"


def _coerce(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


@dataclass
class FaultPlan:
    """What to inject: parsed from the CLI or built by :meth:`Faults.add`."""

    method: str
    path: str
    kind: str
    times: int = 1
    skip: int = 0
    params: dict[str, Any] = field(default_factory=dict)
    query: str | None = None  # a substring of the raw query string (as sent, still URL-encoded)
    form: str | None = None   # a form field that must be posted: "name" or "name=value"

    def __post_init__(self) -> None:
        self.method = self.method.upper()
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r} (known: {', '.join(sorted(KINDS))})")
        if self.path != "*" and not self.path.startswith("/"):
            raise ValueError(f"fault path must start with '/' (or be '*'): {self.path!r}")
        if self.query == "" or self.form == "":
            raise ValueError("query= and form= need a value")
        required, optional = KINDS[self.kind]
        missing = [p for p in required if p not in self.params]
        if missing:
            raise ValueError(f"fault {self.kind!r} needs {', '.join(missing)}=...")
        unknown = [p for p in self.params if p not in required + optional]
        if unknown:
            raise ValueError(f"fault {self.kind!r} does not take {', '.join(unknown)}")
        if self.kind in ("status", "act_then_status") and int(self.params["code"]) < 400:
            raise ValueError(f"{self.kind} fault needs an error code (>= 400)")
        if self.kind == "call" and not callable(self.params["fn"]):
            raise ValueError("call fault needs fn=<a callable>")
        if self.times < 0 or self.skip < 0:
            raise ValueError("times and skip must be >= 0")

    def matches(self, method: str, path: str, query: str = "",
                form: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None) -> bool:
        """Whether a request is one this fault counts (``form`` may be a callable, read only when needed)."""
        if self.method not in ("*", method.upper()) or self.path not in ("*", path):
            return False
        if self.kind == "maintenance" and path == MAINTENANCE_PAGE:
            return False
        if self.query is not None and self.query not in query and self.query not in unquote_plus(query):
            return False
        if self.form is not None:
            fields = form() if callable(form) else form
            name, has_value, value = self.form.partition("=")
            if fields is None or name not in fields:
                return False
            if has_value:
                values = fields.getlist(name) if hasattr(fields, "getlist") else [fields[name]]
                if value not in values:
                    return False
        return True

    @classmethod
    def parse(cls, spec: str) -> "FaultPlan":
        """``"POST /main/coursecopy/create_backup.php status code=500 times=1"`` → FaultPlan."""
        words = shlex.split(spec)
        if len(words) < 3:
            raise ValueError(f"fault spec needs 'METHOD PATH KIND [key=value ...]': {spec!r}")
        method, path, kind, *rest = words
        if kind in PYTHON_ONLY_KINDS:
            raise ValueError(f"fault {kind!r} takes a Python callable: use state.faults.add(..., {kind!r}, fn=...)")
        times, skip, params, match = 1, 0, {}, {}
        for word in rest:
            if "=" not in word:
                raise ValueError(f"fault parameter must be key=value: {word!r}")
            key, value = word.split("=", 1)
            if key == "times":
                times = int(value)
            elif key == "skip":
                skip = int(value)
            elif key in ("query", "form"):
                match[key] = value
            else:
                params[key] = _coerce(value)
        return cls(method, path, kind, times=times, skip=skip, params=params, **match)

    def __str__(self) -> str:
        extra = "".join(f" {k}={v}" for k, v in self.params.items())
        match = "".join(f" {k}={v}" for k, v in (("query", self.query), ("form", self.form)) if v is not None)
        return f"{self.method} {self.path} {self.kind}{extra}{match} times={self.times} skip={self.skip}"


@dataclass
class Fault:
    """An armed fault: a plan plus how many matching requests it has seen and faulted."""

    plan: FaultPlan
    seen: int = 0
    fired: int = 0

    @property
    def kind(self) -> str:
        return self.plan.kind

    @property
    def params(self) -> dict[str, Any]:
        return self.plan.params

    @property
    def exhausted(self) -> bool:
        return self.fired >= self.plan.times


class Faults:
    """The armed faults of one practice server (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._released = threading.Event()  # set by clear(): held answers (act_then_timeout) end early

    def add(self, method: str, path: str, kind: str, times: int = 1, skip: int = 0, *,
            query: str | None = None, form: str | None = None, **params: Any) -> Fault:
        return self.add_plan(FaultPlan(method, path, kind, times=times, skip=skip, params=params,
                                       query=query, form=form))

    def add_plan(self, plan: FaultPlan) -> Fault:
        fault = Fault(plan)
        with self._lock:
            self._faults.append(fault)
        return fault

    def add_spec(self, spec: str) -> Fault:
        return self.add_plan(FaultPlan.parse(spec))

    def clear(self) -> None:
        """Disarm every fault and let answers still held by ``act_then_timeout`` go now."""
        with self._lock:
            self._faults.clear()
            self._released.set()
            self._released = threading.Event()

    def hold(self, seconds: float) -> None:
        """Wait ``seconds`` (``act_then_timeout``), or less if :meth:`clear` is called meanwhile."""
        with self._lock:
            released = self._released
        released.wait(seconds)

    def __iter__(self):
        with self._lock:
            return iter(list(self._faults))

    def __len__(self) -> int:
        with self._lock:
            return len(self._faults)

    def take(self, method: str, path: str, query: str = "",
             form: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None) -> list[Fault]:
        """The faults that fire for this request (counting it against every matching fault).
        ``query`` is the raw query string; ``form`` the posted fields (or a callable giving them)."""
        fired: list[Fault] = []
        with self._lock:
            for fault in self._faults:
                if not fault.plan.matches(method, path, query, form):
                    continue
                fault.seen += 1
                if fault.seen <= fault.plan.skip or fault.exhausted:
                    continue
                fault.fired += 1
                fired.append(fault)
        return fired
