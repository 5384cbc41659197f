"""robot archive --course X [--label …] [--visibility private|closed]: mark an old course as an archive."""
from __future__ import annotations

import argparse
import datetime as dt

from .options import add_site_arguments

NAME = "archive"
HELP = ("keep an old course as an archive: the label in its title and atop its introduction, private (or "
        "closed), subscriptions and unsubscriptions closed (Settings, course home)")


def default_label(today: dt.date | None = None) -> str:
    year = (today or dt.date.today()).year
    return f"Archive {year - 1}-{year}"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="course code, e.g. MATHS")
    p.add_argument("--label", help=f"the archive label (default: \"{default_label()}\")")
    p.add_argument("--visibility", choices=["private", "closed"], default="private",
                   help="private: only its members may enter (default); closed: only its teachers")
    add_site_arguments(p, changes_site=True)
