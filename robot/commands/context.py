"""What the CLI hands to each command when it runs (light: no browser, no flows)."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

from robot.engine.redact import Redactor
from robot.output import Output

if TYPE_CHECKING:  # the light half imports no Playwright
    from robot.engine.browser import WarmHosts


@dataclass
class Context:
    """Where to write, the environment, the secrets to hide; ``hosts``: warm browsers to run on
    (a program running many commands in one thread), else each run starts a browser of its own."""

    output: Output
    environ: Mapping[str, str]
    redactor: Redactor
    stdin_isatty: bool = field(default_factory=lambda: sys.stdin.isatty())
    hosts: "WarmHosts | None" = None
