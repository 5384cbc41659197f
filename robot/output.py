"""Human text vs --json. Every JSON document carries schema_version."""
from __future__ import annotations

import json
import sys
from typing import Any, TextIO

SCHEMA_VERSION = 1


class Output:
    def __init__(self, as_json: bool = False, out: TextIO | None = None, err: TextIO | None = None,
                 redact=lambda s: s) -> None:
        self.as_json = as_json
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.redact = redact
        self.printed = False  # a JSON document went out already (an error must not print a second)

    def line(self, text: str = "") -> None:
        """Human output (suppressed with --json)."""
        if not self.as_json:
            print(self.redact(text), file=self.out, flush=True)

    def warn(self, text: str) -> None:
        print(self.redact(text), file=self.err)

    def document(self, command: str, ok: bool, **fields: Any) -> None:
        if self.as_json:
            doc = {"schema_version": SCHEMA_VERSION, "command": command, "ok": ok, **fields}
            print(self.redact(json.dumps(doc, ensure_ascii=False, default=str)), file=self.out, flush=True)
            self.printed = True


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
