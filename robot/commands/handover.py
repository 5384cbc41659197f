"""robot handover --course X --to USER [--leave]: hand a course over to a colleague (grant), then
optionally leave it (remove the signed-in account's own teacher rights, once USER's are verified)."""
from __future__ import annotations

import argparse

from .options import add_site_arguments

NAME = "handover"
HELP = ("hand a course over: make USER a teacher (Users → Trainers → Enroll teachers), then with --leave remove "
        "your own teacher rights")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code, e.g. MATHS")
    p.add_argument("--to", required=True, metavar="USER", help="the colleague's username (a platform teacher)")
    p.add_argument("--leave", action="store_true",
                   help="then remove your own teacher rights (the last step, after USER's are verified; Chamilo "
                        "lets only a platform admin's account do it)")
    add_site_arguments(p, changes_site=True)
