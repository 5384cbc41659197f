"""robot courses: the courses the signed-in account can act on (a teacher's, or a platform admin's
every course), as a table, CSV or JSON, filtered; optionally a campaign plan for them."""
from __future__ import annotations

import argparse

from .options import add_site_arguments

NAME = "courses"
HELP = ("list the courses you can act on (a teacher: the courses you teach; a platform admin: every course): "
        "code, title, language, category, visibility, teachers, learners; --plan writes a campaign plan")


def add_arguments(p: argparse.ArgumentParser) -> None:
    f = p.add_argument_group("which courses")
    f.add_argument("--search", metavar="TEXT", default="",
                   help="courses whose code or title holds TEXT (as the admin's course list's search)")
    f.add_argument("--teacher", metavar="USER", default="", help="courses USER teaches (a username)")
    f.add_argument("--category", metavar="CODE", default="", help="courses of this category code")
    o = p.add_argument_group("output")
    o.add_argument("--csv", nargs="?", const="-", metavar="FILE",
                   help="CSV (`;`, UTF-8) instead of the table: on the standard output, or in FILE")
    o.add_argument("--plan", metavar="FILE",
                   help="also write a campaign plan (CSV) for the listed courses, ready to edit and to check with "
                        "`robot campaign FILE`")
    o.add_argument("--do", default="backup", metavar="COMMANDS",
                   help="the plan's commands for every course, e.g. backup+archive (default backup)")
    p.add_argument("--page-size", type=int, default=1000, metavar="N",
                   help="rows a page when the admin's course list is searched (courses_per_page; default 1000)")
    add_site_arguments(p, record=False)
