"""The options several commands share (light: argparse only): the site and browser options of every
command that drives a Chamilo site, the recording options, the backup guard of destructive commands."""
from __future__ import annotations

import argparse


def add_site_arguments(p: argparse.ArgumentParser, *, changes_site: bool = False, record: bool = True) -> None:
    g = p.add_argument_group("site and browser")
    g.add_argument("--url", help="Chamilo base URL (default: CHAMILO_URL)")
    g.add_argument("--username", help="Chamilo username (default: CHAMILO_USERNAME)")
    g.add_argument("--lang", choices=["en", "fr"], help="language of captions and of the browser (ROBOT_LANG)")
    g.add_argument("--headed", action="store_true", default=None, help="show the browser window")
    g.add_argument("--slow-mo", type=float, metavar="MS", help="pause MS milliseconds between browser actions")
    g.add_argument("--browser", help="Chromium executable (ROBOT_BROWSER)")
    g.add_argument("--attempts", type=int, help="attempts per step on transient failures (ROBOT_ATTEMPTS, 3)")
    g.add_argument("--step-timeout", type=float, metavar="S", help="seconds per page or click (ROBOT_STEP_TIMEOUT, 30)")
    g.add_argument("--long-timeout", type=float, metavar="S",
                   help="seconds for the backup / copy POST (ROBOT_LONG_TIMEOUT, 1800)")
    g.add_argument("--env-file", default=".env", help="settings file (default .env)")
    g.add_argument("--allow-insecure-http", action="store_true", default=None,
                   help="allow plain http:// to a non-loopback host (the password would travel in clear)")
    g.add_argument("--ca-bundle", help="CA certificates for a site (and its identity provider) with a private CA "
                                       "(ROBOT_CA_BUNDLE)")
    add_login_arguments(g)
    g.add_argument("--group-readable", action="store_true", default=None,
                   help="backups readable by your group (0640, new folders 0750) for a team sharing a folder "
                        "(ROBOT_GROUP_READABLE); default: only you (0600, new folders 0700)")
    g.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    g.add_argument("--dry-run", action="store_true", help="show the steps that would be clicked, change nothing")
    if record:
        add_record_arguments(g)
    if changes_site:
        g.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def add_session_command_arguments(g: argparse._ArgumentGroup) -> None:
    """What `robot login` and `robot logout` take to reach the site and sign in (no steps to retry,
    nothing to record, nothing to confirm)."""
    g.add_argument("--url", help="Chamilo base URL (default: CHAMILO_URL)")
    g.add_argument("--username", help="Chamilo username (default: CHAMILO_USERNAME)")
    g.add_argument("--browser", help="Chromium executable (ROBOT_BROWSER)")
    g.add_argument("--step-timeout", type=float, metavar="S", help="seconds per page or click (ROBOT_STEP_TIMEOUT, 30)")
    g.add_argument("--env-file", default=".env", help="settings file (default .env)")
    g.add_argument("--allow-insecure-http", action="store_true", default=None,
                   help="allow plain http:// to a non-loopback host (the password would travel in clear)")
    g.add_argument("--ca-bundle", help="CA certificates for a site (and its identity provider) with a private CA "
                                       "(ROBOT_CA_BUNDLE)")
    add_login_arguments(g)
    g.add_argument("--json", action="store_true", help="print one JSON object instead of text")


LOGIN_MODES = ("form", "sso", "session")  # robot.config.LOGIN_MODES (a unit test holds them equal)


def add_login_arguments(g: argparse._ArgumentGroup) -> None:
    """--login MODE and --session FILE (what they do: flows/login.py, robot/sessions.py)."""
    g.add_argument("--login", choices=LOGIN_MODES,
                   help="how to sign in (CHAMILO_LOGIN): form = Chamilo's own form (default); sso = the site's "
                        "identity provider (CAS, Shibboleth) with your password; session = only a session saved by "
                        "`robot login`, never a password")
    g.add_argument("--session", metavar="FILE",
                   help="the saved session file (CHAMILO_SESSION; default: one per site and user in your state "
                        "folder, e.g. ~/.local/state/chamilo-robot/sessions/)")


def add_record_arguments(g: argparse._ArgumentGroup) -> None:
    """--record [DIR] and --blur-people (what they do: robot/commands/run/record.py)."""
    g.add_argument("--record", nargs="?", const="", metavar="DIR",
                   help="record the run for training: video + subtitles, trace, one screenshot per step, "
                        "guide.html / guide.pdf, in DIR/<date>-<command>-<course>/ (DIR: ROBOT_RECORDINGS, "
                        "default ./recordings)")
    g.add_argument("--blur-people", action="store_true", default=False,
                   help="blur users' names and e-mail addresses in screenshots and video")
    add_guide_arguments(g)


GUIDES = ("teacher", "full")  # robot.engine.guide.GUIDES (a unit test holds them equal)


def add_guide_arguments(g: argparse._ArgumentGroup | argparse.ArgumentParser, *, short: bool = False) -> None:
    """What the recording's guide says: which steps, its title, its opening words. ``short``: the
    names `robot demo` takes before its command (--title, --intro, --guide; dests ``demo_*``)."""
    title, intro, dest = ("--title", "--intro", "demo_") if short else ("--guide-title", "--guide-intro", "")
    g.add_argument("--guide", dest=f"{dest}guide", choices=GUIDES, default=None,
                   help="the guide of the recording: teacher = the steps a person does, in a person's words "
                        "(default); full = every step the robot took (for the team)")
    g.add_argument(title, dest=f"{dest}guide_title", metavar="TEXT",
                   help="the guide's title (default: the procedure and the course)")
    g.add_argument(intro, dest=f"{dest}guide_intro", metavar="FILE",
                   help="the guide's opening words: a Markdown (.md) or text file")


def add_guard_arguments(p: argparse.ArgumentParser) -> None:
    """--backup-first / --backup FILE of the destructive commands (the guard: robot/commands/run/course_admin.py)."""
    g = p.add_argument_group("safety: a verified backup first (one of them is required)")
    g.add_argument("--backup-first", action="store_true",
                   help="back the course up (Maintenance → Create a backup → Download, verified) in the same run, "
                        "before changing it; the .zip goes to --out / ROBOT_OUT")
    g.add_argument("--backup", metavar="FILE",
                   help="a backup .zip of this course made earlier: checked to be this course's (course_info.dat) "
                        "and verified again before anything is clicked")
    g.add_argument("--out", help="folder for the --backup-first .zip (ROBOT_OUT, default ./backups)")
