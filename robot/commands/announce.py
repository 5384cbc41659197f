"""robot announce --course X --title … --message … [--no-email]: Announcements → add, to everyone."""
from __future__ import annotations

import argparse

from .options import add_site_arguments

NAME = "announce"
HELP = "post an announcement to everyone in a course (by e-mail too, unless --no-email)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code, e.g. MATHS")
    p.add_argument("--title", required=True, help="the subject")
    p.add_argument("--message", required=True, help="the text (a new line starts a new paragraph; \\n works too)")
    p.add_argument("--no-email", action="store_true", help="do not also send it by e-mail")
    add_site_arguments(p, changes_site=True)
