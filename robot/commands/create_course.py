"""robot create-course --title "…" --code MATHS2027: a new, empty course (the guide's case 2)."""
from __future__ import annotations

import argparse

from .options import add_site_arguments

NAME = "create-course"
HELP = "create a new, empty course: My courses → Create a course (e.g. next year's, CODE + year)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title", required=True, help="the course name, e.g. \"Mathematics 2027\"")
    p.add_argument("--code", required=True, help="the new course code: letters and digits only, e.g. MATHS2027")
    p.add_argument("--language", help="course language: en, fr or a Chamilo language name (default: the form's, "
                                      "i.e. your profile's)")
    p.add_argument("--category", help="category code, e.g. LANG (default: none)")
    p.add_argument("--teachers-from", metavar="OLD",
                   help="then make the teachers of course OLD teachers of the new one (its Users → Trainers → "
                        "Enroll teachers), e.g. last year's course")
    add_site_arguments(p, changes_site=True)
