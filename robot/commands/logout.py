"""robot logout: end the saved session on the site and delete its file."""
from __future__ import annotations

import argparse

from .options import add_session_command_arguments

NAME = "logout"
HELP = "sign out of the site with the saved session (when it is still alive) and delete the session file"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_session_command_arguments(p.add_argument_group("site and browser"))
