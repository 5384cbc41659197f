"""What the CLI hands to each command when it runs (light: no browser, no flows)."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable, Mapping

from robot.engine.redact import Redactor
from robot.output import Output


@dataclass
class Context:
    """Where to write, the environment, the secrets to hide; ``main`` is ``robot.cli.main``, handed
    over so that a command running other commands (the campaign) needs not import the CLI."""

    output: Output
    environ: Mapping[str, str]
    redactor: Redactor
    stdin_isatty: bool = field(default_factory=lambda: sys.stdin.isatty())
    main: Callable[..., int] | None = None
