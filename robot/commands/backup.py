"""robot backup --course X: the guide's first step, a verified .zip of the course."""
from __future__ import annotations

import argparse

from .options import add_site_arguments

NAME = "backup"
HELP = "back up a course: Maintenance → Create a backup → Download, then verify the .zip"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code, e.g. MATHS")
    p.add_argument("--out", help="folder for the .zip (ROBOT_OUT, default ./backups)")
    p.add_argument("--items", help="back up only these item types, e.g. documents,links (default: everything)")
    add_site_arguments(p)
