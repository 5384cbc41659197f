"""robot logout: end the saved session on the site and delete its file."""
from __future__ import annotations

import argparse

from .options import add_login_arguments

NAME = "logout"
HELP = "sign out of the site with the saved session (when it is still alive) and delete the session file"


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("site and browser")
    g.add_argument("--url", help="Chamilo base URL (default: CHAMILO_URL)")
    g.add_argument("--username", help="Chamilo username (default: CHAMILO_USERNAME)")
    g.add_argument("--browser", help="Chromium executable (ROBOT_BROWSER)")
    g.add_argument("--step-timeout", type=float, metavar="S", help="seconds per page or click (ROBOT_STEP_TIMEOUT, 30)")
    g.add_argument("--env-file", default=".env", help="settings file (default .env)")
    g.add_argument("--allow-insecure-http", action="store_true", default=None,
                   help="allow plain http:// to a non-loopback host")
    g.add_argument("--ca-bundle", help="CA certificates for a site (and its identity provider) with a private CA")
    add_login_arguments(g)
    g.add_argument("--json", action="store_true", help="print one JSON object instead of text")
