"""robot copy --from MATHS --to MATHS2027 --on-conflict skip|rename|overwrite [--items …]."""
from __future__ import annotations

import argparse

from .options import add_site_arguments

NAME = "copy"
HELP = "copy a course into another one you teach (Maintenance → Copy course), with a before/after report"

# The same-name policies of flows.copy_course.POLICIES, in its order (a unit test holds them equal:
# the command line must not import the flows).
CONFLICT_HELP = {
    "skip": "files of the target with the same name are kept; the source's are not copied",
    "rename": "the source's file is copied as name_1.ext (then _2…), both are kept",
    "overwrite": "the target's file is replaced by the source's (Chamilo's default)",
}
POLICIES = tuple(CONFLICT_HELP)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="source", required=True, help="the course to copy (the old one), e.g. MATHS")
    p.add_argument("--to", dest="destination", required=True,
                   help="the target course, which you must teach (the new one), e.g. MATHS2027")
    p.add_argument("--on-conflict", dest="policy", required=True, choices=POLICIES,
                   help="files with the same name in the target: " + "; ".join(f"{k}: {v}" for k, v in CONFLICT_HELP.items()))
    p.add_argument("--items", help="copy only these item types, e.g. documents,links (default: everything)")
    add_site_arguments(p, changes_site=True)
