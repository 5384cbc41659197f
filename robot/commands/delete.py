"""robot delete --course X: Maintenance → Completely delete this course (after a verified backup)."""
from __future__ import annotations

import argparse

from .options import add_guard_arguments, add_site_arguments

NAME = "delete"
HELP = "delete a course for good (Maintenance → Completely delete this course); backup required"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code, e.g. MATHS")
    add_guard_arguments(p)
    add_site_arguments(p, changes_site=True)
