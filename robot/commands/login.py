"""robot login: sign in once and save the session (cookies, never the password) for later commands."""
from __future__ import annotations

import argparse

from .options import add_login_arguments

NAME = "login"
HELP = "sign in once (single sign-on too) and save the session for the next commands (--headed: sign in by hand)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("site and browser")
    g.add_argument("--url", help="Chamilo base URL (default: CHAMILO_URL)")
    g.add_argument("--username", help="Chamilo username (default: CHAMILO_USERNAME)")
    g.add_argument("--headed", action="store_true", default=None,
                   help="open a visible browser where you complete the sign-in yourself (second factor, consent "
                        "page); the session is saved once the browser is back on the site, signed in")
    g.add_argument("--wait", type=float, default=600.0, metavar="S",
                   help="with --headed: seconds to wait for you to finish signing in (default 600)")
    g.add_argument("--lang", choices=["en", "fr"], help="language of the browser (ROBOT_LANG)")
    g.add_argument("--browser", help="Chromium executable (ROBOT_BROWSER)")
    g.add_argument("--step-timeout", type=float, metavar="S", help="seconds per page or click (ROBOT_STEP_TIMEOUT, 30)")
    g.add_argument("--env-file", default=".env", help="settings file (default .env)")
    g.add_argument("--allow-insecure-http", action="store_true", default=None,
                   help="allow plain http:// to a non-loopback host (the password would travel in clear)")
    g.add_argument("--ca-bundle", help="CA certificates for a site (and its identity provider) with a private CA")
    add_login_arguments(g)
    g.add_argument("--json", action="store_true", help="print one JSON object instead of text")
