"""robot campaign PLAN: the same procedures on many courses, from one plan file (TOML or CSV), with
parallel workers, a resumable journal, live progress and one report.

    robot campaign plan.toml --dry-run              # every course's steps, nothing clicked
    robot campaign plan.csv --yes --workers 3       # the plan is the confirmation
    robot campaign plan.csv --yes --resume          # after a crash or Ctrl-C: finish the job
    robot campaign plan.csv --yes --shard 1/3 --journal shard-1.sqlite   # one slice of three
    robot campaign merge shard-*.sqlite --report faculty   # the shards' journals → one report

The plan's formats: robot/campaign/plan.py (and docs/CAMPAIGN.md). How it runs: robot/campaign/.
"""
from __future__ import annotations

import argparse

from .options import add_site_arguments

NAME = "campaign"
HELP = "run procedures on many courses from one plan file (TOML or CSV): workers, journal, report"
MAX_WORKERS = 8


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.epilog = ("A plan: CSV with the columns code, do (commands joined by +, e.g. backup+rollover) and any option "
                "of those commands (year, on-conflict, title, message, user, backup-first…); or TOML: [defaults] "
                "and one [[course]] each. The whole plan is checked first; every error is listed with its line. "
                "Then `robot campaign merge JOURNAL...` joins shards' journals. See docs/CAMPAIGN.md.")
    p.add_argument("plan", help="the plan file (.toml or .csv); or `merge` followed by shard journals")
    p.add_argument("journals", nargs="*", metavar="JOURNAL", help="with `merge`: the shards' journal files")
    g = p.add_argument_group("campaign")
    g.add_argument("--workers", type=int, default=2, metavar="N",
                   help=f"courses worked on at once, each by its own browser (default 2, at most {MAX_WORKERS})")
    g.add_argument("--journal", metavar="PATH",
                   help="the journal (SQLite) of this run (default: next to the plan, <plan>.journal.sqlite)")
    g.add_argument("--resume", action="store_true",
                   help="finish the campaign of the journal: done and verified commands are skipped (with no "
                        "journal yet, start one: a retried job keeps one command line)")
    g.add_argument("--shard", metavar="K/N",
                   help="run the slice K of N (K from 0 to N-1) of the plan, e.g. $JOB_COMPLETION_INDEX/3")
    g.add_argument("--report", metavar="STEM", help="report files STEM.html and STEM.json (default: beside the journal)")
    g.add_argument("--offline-check", action="store_true",
                   help="check the plan without logging in (courses are not looked up on the site)")
    g.add_argument("--teacher-summaries", metavar="DIR",
                   help="also write one page per teacher (DIR/<teacher>.html: their courses and what was done to "
                        "each) and DIR/summaries.csv (one line per teacher), ready to send")
    add_site_arguments(p, changes_site=True, record=False)
