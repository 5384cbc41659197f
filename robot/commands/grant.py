"""robot grant --course X --user jdoe: teacher rights for a colleague (Users → Trainers → Enroll)."""
from __future__ import annotations

import argparse

from .options import add_site_arguments

NAME = "grant"
HELP = "give a colleague teacher rights in a course (Users → Trainers → Enroll teachers → Register)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code, e.g. MATHS")
    p.add_argument("--user", required=True, help="the colleague's username (a platform teacher)")
    add_site_arguments(p, changes_site=True)
