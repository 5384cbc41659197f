"""robot rollover --course MATHS --year 2027: backup → new course MATHS2027 → copy → (archive)."""
from __future__ import annotations

import argparse

from .copy import POLICIES
from .options import add_site_arguments

NAME = "rollover"
HELP = ("a new course for next year: back up COURSE, create COURSE+YEAR, copy COURSE into it "
        "(rerun after an interruption to finish the job)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="the old course, e.g. MATHS")
    p.add_argument("--year", required=True, type=int, help="the new academic year, e.g. 2027 (new code MATHS2027)")
    p.add_argument("--on-conflict", dest="policy", default="rename", choices=POLICIES,
                   help="files with the same name in the new course (default rename: nothing is lost)")
    p.add_argument("--archive-old", action="store_true",
                   help="then archive the old course (needs `robot archive`, flows/archive_course.py)")
    p.add_argument("--code", help="the new course's code (default: COURSE + YEAR; a trailing year is replaced: "
                                  "HIST2026 → HIST2027)")
    p.add_argument("--title", help="the new course's title (default: the old title with the year)")
    p.add_argument("--language", help="the new course's language (default: the old course's)")
    p.add_argument("--category", help="the new course's category code (default: none)")
    p.add_argument("--teachers", choices=("same", "me"), default="same",
                   help="the new course's teachers: same = the old course's, enrolled through its Users → Trainers "
                        "(default); me = only you, who create it")
    p.add_argument("--out", help="folder for the backup .zip and the rollover journal (ROBOT_OUT, default ./backups)")
    add_site_arguments(p, changes_site=True)
