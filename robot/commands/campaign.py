"""robot campaign PLAN.toml: the same procedures on many courses, one plan file, one report.

    # campaign.toml
    [defaults]                 # options given to every command that takes them
    out = "backups/2026"
    lang = "fr"

    [[course]]
    code = "MATHS"
    do = ["backup", "rollover"]    # in order; a course stops at its first failure
    year = 2027                    # → --year 2027 (for the commands that take it)
    on-conflict = "rename"

    [[course]]
    code = "HIST"
    do = ["backup"]

Each command runs as if typed (its own browser, its own checks and lock), with --yes: the plan is
the confirmation. The report (JSON and Markdown) goes next to the plan, or to --report.
(How: robot/commands/run/campaign.py.)
"""
from __future__ import annotations

import argparse

NAME = "campaign"
HELP = "run procedures on many courses from one plan file (TOML) and write a report"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("plan", help="the plan file (TOML), see `robot campaign --help`")
    p.add_argument("--report", help="report file stem (default: <plan>-report-<time>)")
    p.add_argument("--dry-run", action="store_true", help="show what each command would click")
    p.add_argument("--yes", action="store_true", help="confirm the plan (required unless --dry-run)")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--env-file", default=".env", help="settings file (default .env)")
