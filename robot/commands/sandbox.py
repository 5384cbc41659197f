"""robot sandbox: start the practice Chamilo on 127.0.0.1 to try or rehearse the robot."""
from __future__ import annotations

import argparse

NAME = "sandbox"
HELP = "start the practice Chamilo (a local stand-in for Chamilo 1.11.32) and print its URL and logins"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765; 0 = any free port)")
    p.add_argument("--data", help="data folder (default: a new temporary folder)")
    p.add_argument("--lang", choices=["en", "fr"], help="force every page into this language")
    p.add_argument("--big", action="store_true", help="also seed BIG50, a course of about 50 MB")
    p.add_argument("--json", action="store_true", help="print the URL and logins as one JSON object")
    p.add_argument("--fault", action="append", default=[], metavar="SPEC",
                   help='inject a fault, e.g. "POST /main/coursecopy/create_backup.php status code=500 times=1"')
