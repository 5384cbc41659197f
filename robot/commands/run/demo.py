"""robot demo <command> …: the command, recorded for training, slowed down, with pauses for reading."""
from __future__ import annotations

import argparse

from .. import implementation
from ..context import Context

SLOW_MO_MS = 250.0


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.record is None:
        args.record = ""  # recordings/ (ROBOT_RECORDINGS) unless --record DIR was given
    if args.slow_mo is None:
        args.slow_mo = SLOW_MO_MS
    args.demo_pause = max(args.demo_pause, 0.0)
    args.demo_highlight = min(args.demo_pause, 0.6)
    return int(implementation(args._demo_target).run(args, ctx) or 0)
