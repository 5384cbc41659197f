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
    p.add_argument("--prove-restore", metavar="SCRATCH",
                   help="prove the backup restores: import the fresh zip into SCRATCH (an empty course you teach), check "
                        "that every document and item arrived, then empty SCRATCH again (Maintenance → Empty this "
                        "course). Costs about one more import and one emptying of the course's size")
    add_site_arguments(p)
