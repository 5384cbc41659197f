"""robot demo <command> …: the command, recorded for training, slowed down, with pauses for reading."""
from __future__ import annotations

import argparse

from .common import Context

NAME = "demo"
HELP = "run a command as a training demo: --record + slow motion + a pause after each step for reading"
SLOW_MO_MS = 250.0


def add_arguments(p: argparse.ArgumentParser) -> None:
    from . import COMMANDS  # the package imports this module: look the commands up at parser time

    p.add_argument("--pause", dest="demo_pause", type=float, default=1.2, metavar="S",
                   help="seconds held after each step so a viewer can read its subtitle (default 1.2)")
    sub = p.add_subparsers(dest="demo_command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        probe = argparse.ArgumentParser(add_help=False)
        if module.NAME == NAME or not _records(module, probe):
            continue
        sp = sub.add_parser(module.NAME, help=module.HELP, description=f"{module.HELP} (recorded as a demo)")
        module.add_arguments(sp)
        sp.set_defaults(_demo_target=module)


def _records(module, probe: argparse.ArgumentParser) -> bool:
    """Whether ``module`` drives the site (it has --record, from add_site_arguments)."""
    try:
        module.add_arguments(probe)
    except argparse.ArgumentError:
        return False
    return any(a.dest == "record" for a in probe._actions)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.record is None:
        args.record = ""  # recordings/ (ROBOT_RECORDINGS) unless --record DIR was given
    if args.slow_mo is None:
        args.slow_mo = SLOW_MO_MS
    args.demo_pause = max(args.demo_pause, 0.0)
    args.demo_highlight = min(args.demo_pause, 0.6)
    return int(args._demo_target.run(args, ctx) or 0)
