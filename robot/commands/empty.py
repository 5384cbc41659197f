"""robot empty --course X [--items …]: Maintenance → Empty this course (after a verified backup)."""
from __future__ import annotations

import argparse

from .options import add_guard_arguments, add_site_arguments

NAME = "empty"
HELP = "empty a course for next year (Maintenance → Empty this course): everything, or --items; backup required"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code, e.g. MATHS")
    p.add_argument("--items", help="empty only these item types, e.g. documents,links (default: everything, "
                                   "confirmed with the course code)")
    p.add_argument("--official-code", help="the code to type when the site's official code differs from --course")
    add_guard_arguments(p)
    add_site_arguments(p, changes_site=True)
