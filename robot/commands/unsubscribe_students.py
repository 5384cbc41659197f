"""robot unsubscribe-students --course X: every learner out (teachers stay), after a warning
announcement and a verified backup; the roster is saved first.  --restore ROSTER subscribes them back."""
from __future__ import annotations

import argparse

from .options import add_guard_arguments, add_site_arguments

NAME = "unsubscribe-students"
HELP = ("unsubscribe every learner of a course (teachers stay), saving them to a CSV roster first; "
        "needs a recent announcement and a backup; --restore ROSTER subscribes them back")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code, e.g. MATHS")
    p.add_argument("--roster", metavar="FILE",
                   help="where to save the learners first (default rosters/<CODE>_<YYYYmmdd-HHMMSS>.csv)")
    p.add_argument("--restore", metavar="ROSTER", help="subscribe the learners of this roster back (no unsubscribing)")
    p.add_argument("--notice-days", type=int, default=14, metavar="N",
                   help="refuse unless an announcement was posted in the course in the last N days (default 14)")
    p.add_argument("--no-notice", action="store_true", help="do not check that the learners were warned")
    add_guard_arguments(p)
    add_site_arguments(p, changes_site=True)
