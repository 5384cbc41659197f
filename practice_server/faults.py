"""Fault injection for the practice Chamilo (documented in docs/RELIABILITY.md).

A fault matches requests by method and exact ``request.path``.  The first ``skip`` matching
requests go through untouched, the next ``times`` ones get the fault, later ones go through again.

    state.faults.add("POST", "/main/coursecopy/create_backup.php", "status", code=500)
    state.faults.add("GET", "/main/course_info/download.php", "cut_download", after_bytes=4096)
    state.faults.add_spec("POST /index.php delay seconds=2 times=3 skip=1")
"""

from __future__ import annotations

import shlex
import threading
from dataclasses import dataclass, field
from typing import Any

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
}

# kinds that answer the request themselves (the page handler does not run)
ANSWERING_KINDS = {"status", "blank", "empty_download"}


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

    def __post_init__(self) -> None:
        self.method = self.method.upper()
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r} (known: {', '.join(sorted(KINDS))})")
        if not self.path.startswith("/"):
            raise ValueError(f"fault path must start with '/': {self.path!r}")
        required, optional = KINDS[self.kind]
        missing = [p for p in required if p not in self.params]
        if missing:
            raise ValueError(f"fault {self.kind!r} needs {', '.join(missing)}=...")
        unknown = [p for p in self.params if p not in required + optional]
        if unknown:
            raise ValueError(f"fault {self.kind!r} does not take {', '.join(unknown)}")
        if self.kind == "status" and int(self.params["code"]) < 400:
            raise ValueError("status fault needs an error code (>= 400)")
        if self.times < 0 or self.skip < 0:
            raise ValueError("times and skip must be >= 0")

    @classmethod
    def parse(cls, spec: str) -> "FaultPlan":
        """``"POST /main/coursecopy/create_backup.php status code=500 times=1"`` → FaultPlan."""
        words = shlex.split(spec)
        if len(words) < 3:
            raise ValueError(f"fault spec needs 'METHOD PATH KIND [key=value ...]': {spec!r}")
        method, path, kind, *rest = words
        times, skip, params = 1, 0, {}
        for word in rest:
            if "=" not in word:
                raise ValueError(f"fault parameter must be key=value: {word!r}")
            key, value = word.split("=", 1)
            if key == "times":
                times = int(value)
            elif key == "skip":
                skip = int(value)
            else:
                params[key] = _coerce(value)
        return cls(method, path, kind, times=times, skip=skip, params=params)

    def __str__(self) -> str:
        extra = "".join(f" {k}={v}" for k, v in self.params.items())
        return f"{self.method} {self.path} {self.kind}{extra} times={self.times} skip={self.skip}"


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

    def add(self, method: str, path: str, kind: str, times: int = 1, skip: int = 0, **params: Any) -> Fault:
        return self.add_plan(FaultPlan(method, path, kind, times=times, skip=skip, params=params))

    def add_plan(self, plan: FaultPlan) -> Fault:
        fault = Fault(plan)
        with self._lock:
            self._faults.append(fault)
        return fault

    def add_spec(self, spec: str) -> Fault:
        return self.add_plan(FaultPlan.parse(spec))

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def __iter__(self):
        with self._lock:
            return iter(list(self._faults))

    def __len__(self) -> int:
        with self._lock:
            return len(self._faults)

    def take(self, method: str, path: str) -> list[Fault]:
        """The faults that fire for this request (counting it against every matching fault)."""
        fired: list[Fault] = []
        with self._lock:
            for fault in self._faults:
                if fault.plan.method != method.upper() or fault.plan.path != path:
                    continue
                fault.seen += 1
                if fault.seen <= fault.plan.skip or fault.exhausted:
                    continue
                fault.fired += 1
                fired.append(fault)
        return fired
