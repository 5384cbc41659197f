"""robot show ZIP [--html DIR]: read a backup without Chamilo and without a network."""
from __future__ import annotations

import argparse

NAME = "show"
HELP = "read a backup .zip without Chamilo: a summary, or with --html a folder of pages to open in a browser"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("zip", metavar="ZIP", help="a backup .zip made by Chamilo 1.11 (or by robot backup)")
    p.add_argument("--html", metavar="DIR",
                   help="write DIR/index.html (open it in a browser) with the course's documents beside it in "
                        "DIR/documents/: announcements, descriptions, links, tests with their answers, forums, "
                        "learning paths, glossary. DIR must be new or empty")
    p.add_argument("--lang", choices=["en", "fr"], help="language of the page's captions (ROBOT_LANG, default en)")
    p.add_argument("--json", action="store_true", help="print what the backup holds as one JSON object")
    p.add_argument("--env-file", default=".env", help="settings file (default .env): ROBOT_LANG, ROBOT_MAX_COURSE_INFO_MB")
