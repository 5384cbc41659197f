"""robot demo <command> …: the command, recorded for training, slowed down, with pauses for reading."""
from __future__ import annotations

import argparse

from .options import add_guide_arguments
from .site_commands import SITE_COMMANDS

NAME = "demo"
HELP = "run a command as a training demo: --record + slow motion + a pause after each step for reading"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pause", dest="demo_pause", type=float, default=1.2, metavar="S",
                   help="seconds held after each step so a viewer can read its subtitle (default 1.2)")
    add_guide_arguments(p, short=True)
    sub = p.add_subparsers(dest="demo_command", metavar="COMMAND", required=True)
    for command in SITE_COMMANDS:
        sp = sub.add_parser(command.NAME, help=command.HELP, description=f"{command.HELP} (recorded as a demo)")
        command.add_arguments(sp)
        sp.set_defaults(_demo_target=command)
