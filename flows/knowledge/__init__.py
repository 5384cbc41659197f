"""Per-version knowledge of Chamilo's pages. Flows get the module with ``for_version``."""
from __future__ import annotations

from types import ModuleType

from robot.errors import UsageError

SUPPORTED = ("1.11",)


def for_version(version: str = "1.11") -> ModuleType:
    if version.startswith("1.11"):
        from . import chamilo_1_11
        return chamilo_1_11
    raise UsageError(f"Chamilo {version} is not supported (supported: {', '.join(SUPPORTED)})")
