"""The commands of `robot`: a light registry, so that help and usage errors need no browser.

Each command has two modules:

    robot/commands/<name>.py       what the command line accepts: NAME, HELP, add_arguments(parser).
                                   Light: argparse and the standard library only.
    robot/commands/run/<name>.py   what the command does: run(args, ctx) -> exit code. Heavy
                                   (Playwright, flows, cryptography…): imported by ``implementation``
                                   only once the arguments are parsed and the command runs.

So `robot --help`, `robot backup --help` and a mistyped option are answered by argparse before any
of the browser stack is imported (tests/unit/test_cli_light.py holds that rule). To add a command:
write both modules and list the first one below (and in site_commands.py if it drives the site).
"""
from __future__ import annotations

import importlib
from types import ModuleType

from . import (announce, archive, backup, campaign, copy, courses, create_course, delete, demo, empty, grant, handover,
               login, logout, restore, revoke, rollover, sandbox, show, unsubscribe_students)

# In the order `robot --help` lists them.
COMMANDS: list[ModuleType] = [backup, sandbox, demo, courses, create_course, copy, rollover, campaign,
                              empty, delete, archive, announce, unsubscribe_students, grant, revoke, handover,
                              restore, show, login, logout]


def implementation(command: ModuleType) -> ModuleType:
    """The module that runs ``command`` (robot/commands/run/<same name>.py), imported now."""
    return importlib.import_module(f"{__name__}.run.{command.__name__.rsplit('.', 1)[-1]}")
