"""robot login: sign in once and save the session (cookies, never the password) for later commands."""
from __future__ import annotations

import argparse

from .options import add_session_command_arguments

NAME = "login"
HELP = "sign in once (single sign-on too) and save the session for the next commands (--headed: sign in by hand)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("site and browser")
    add_session_command_arguments(g)
    g.add_argument("--headed", action="store_true", default=None,
                   help="open a visible browser where you complete the sign-in yourself (second factor, consent "
                        "page); the session is saved once the browser is back on the site, signed in")
    g.add_argument("--wait", type=float, default=600.0, metavar="S",
                   help="with --headed: seconds to wait for you to finish signing in (default 600)")
    g.add_argument("--lang", choices=["en", "fr"], help="language of the browser (ROBOT_LANG)")
