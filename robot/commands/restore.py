"""robot restore --course X --from ZIP [--items …] [--on-conflict skip|rename|overwrite] [--server-file NAME]."""
from __future__ import annotations

import argparse

from .options import add_site_arguments

NAME = "restore"
HELP = "restore a course from a backup zip (Maintenance → Import backup), checked before and after"

# The same-name policies of flows.restore.POLICIES (a unit test holds them equal).
CONFLICT_HELP = {
    "skip": "files of the course with the same name are kept; the zip's are not imported (the default: "
            "nothing of the course is replaced, and a second import adds no file)",
    "rename": "the zip's file is imported as name_1.ext (then _2…), both are kept — a second import doubles "
              "every file",
    "overwrite": "the course's file is replaced by the zip's (Chamilo's default on this page)",
}
POLICIES = tuple(CONFLICT_HELP)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", required=True, help="the course to restore into (one you teach), e.g. MATHS")
    p.add_argument("--from", dest="zip", required=True, metavar="ZIP",
                   help="the backup .zip (a robot backup or any Chamilo 1.11 backup): checked before anything is sent")
    p.add_argument("--items", help="import only these item types, e.g. documents,links (default: everything; "
                                   "needs an upload, not --server-file)")
    p.add_argument("--on-conflict", dest="policy", default="skip", choices=POLICIES,
                   help="files with the same name in the course: " + "; ".join(f"{k}: {v}" for k, v in
                                                                           CONFLICT_HELP.items()))
    p.add_argument("--server-file", metavar="NAME",
                   help="import the copy of this backup already on the server (e.g. 2_MATHS_20270601-101500.zip, as "
                        "the Import backup page lists it) instead of uploading the zip — for a zip over the site's "
                        "upload limit; full imports only. --from still names the local copy the result is checked "
                        "against")
    add_site_arguments(p, changes_site=True)
