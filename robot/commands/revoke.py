"""robot revoke --course X --user jdoe: remove a colleague's teacher rights (Users → Trainers → Unsubscribe)."""
from __future__ import annotations

import argparse

from .options import add_site_arguments

NAME = "revoke"
HELP = "remove a colleague's teacher rights in a course (Users → Trainers → Unsubscribe)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code, e.g. MATHS")
    p.add_argument("--user", required=True, help="the colleague's username")
    add_site_arguments(p, changes_site=True)
