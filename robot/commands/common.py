"""What every site-driving command shares: settings, password prompt, browser run, dry-run plan."""
from __future__ import annotations

import argparse
import getpass
import logging
import sys
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from flows.common import LOGIN_STEPS, Site, session_check
from flows.diagnose import diagnose
from flows.knowledge import for_version
from robot.config import Config, load, with_password
from robot.engine.redact import Redactor
from robot.engine.run import RunOutcome, RunSettings, execute
from robot.engine.steps import Step
from robot.errors import UsageError
from robot.locks import course_lock
from robot.tls import browser_args_for
from robot.output import Output

from . import record

log = logging.getLogger("robot")


@dataclass
class Context:
    """Handed to each command: where to write, the environment, the secrets to hide."""

    output: Output
    environ: Mapping[str, str]
    redactor: Redactor
    stdin_isatty: bool = field(default_factory=lambda: sys.stdin.isatty())


def add_site_arguments(p: argparse.ArgumentParser, *, changes_site: bool = False) -> None:
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
    g.add_argument("--ca-bundle", help="CA certificates for a site with a private CA")
    g.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    g.add_argument("--dry-run", action="store_true", help="show the steps that would be clicked, change nothing")
    record.add_arguments(g)
    if changes_site:
        g.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def config_from(args: argparse.Namespace, ctx: Context, *, need_login: bool = True) -> Config:
    flags = {
        "url": args.url, "username": args.username, "lang": args.lang, "browser": args.browser,
        "headed": args.headed, "slow_mo": args.slow_mo, "attempts": args.attempts,
        "step_timeout": args.step_timeout, "long_timeout": args.long_timeout,
        "allow_insecure_http": args.allow_insecure_http, "ca_bundle": args.ca_bundle,
        "out": getattr(args, "out", None),
    }
    config = load(flags, ctx.environ, args.env_file, need_login=need_login)
    if need_login and not config.password and not getattr(args, "dry_run", False):
        if not ctx.stdin_isatty:
            raise UsageError("no password: set CHAMILO_PASSWORD (environment or .env); "
                             "there is no terminal to ask for it")
        config = with_password(config, getpass.getpass(f"Chamilo password for {config.username}: "))
    if config.password:
        ctx.redactor.add(config.password.reveal())
    record.remember(args, config)
    return config


def site_of(config: Config) -> Site:
    return Site(base_url=config.url, username=config.username, password=config.password)


def settings_from(config: Config, run_name: str, **extra: Any) -> RunSettings:
    if config.ca_bundle and "browser_args" not in extra:
        extra["browser_args"] = browser_args_for(config.url, config.ca_bundle)
    return RunSettings(lang=config.lang, browser=config.browser, headed=config.headed,
                       slow_mo=config.slow_mo, step_timeout=config.step_timeout,
                       long_timeout=config.long_timeout, attempts=config.attempts,
                       failures_dir=config.recordings / "failures", run_name=run_name,
                       secret_selectors=('input[type="password"]',), **extra)


def knowledge():
    return for_version("1.11")


def print_plan(ctx: Context, command: str, steps: list[Step], lang: str, k: Any, **fields: Any) -> int:
    """--dry-run: the steps and what each would click, nothing run."""
    out = ctx.output
    out.line(f"Dry run of `{command}`: nothing will be clicked or changed. The steps would be:")
    for i, st in enumerate(steps, 1):
        flag = "  (changes the site)" if st.changes_site else ""
        out.line(f"  {i:2d}. {st.name:<24} {st.caption(lang)}{flag}")
        target = st.describe_target(k)
        if target:
            out.line(f"      {'':<24} → {target}")
    out.document(command, True, dry_run=True, **fields,
                 steps=[{"name": st.name, "caption": st.caption(lang), "target": st.describe_target(k),
                         "changes_site": st.changes_site} for st in steps])
    return 0


def run_steps(config: Config, steps: list[Step], params: Any, run_name: str,
              observer_factory: Callable | None = None, *, lock_courses: tuple[str, ...] = (),
              **settings: Any) -> RunOutcome:
    """Run the steps in a fresh browser, holding the lock of every course they touch."""
    run_settings, hooks = record.prepare(settings_from(config, run_name, **settings), config, knowledge())
    courses = tuple(dict.fromkeys(c for c in (getattr(params, "course", None), *lock_courses) if c))
    with ExitStack() as locks:
        for code in courses:
            locks.enter_context(course_lock(config.url, code, directory=config.lock_dir,
                                            command=run_name))
        return execute(steps, settings=run_settings, knowledge=knowledge(),
                       params=params, login_steps=LOGIN_STEPS, navigation_check=session_check,
                       diagnose=diagnose, **{"observer_factory": observer_factory, **hooks})


def course_code(value: str) -> str:
    code = value.strip().upper()
    if not code or not code.replace("_", "").replace("-", "").isalnum():
        raise UsageError(f"{value!r} is not a course code")
    return code


def confirm(ctx: Context, args: argparse.Namespace, question: str) -> None:
    """Destructive commands: --yes, or an interactive yes."""
    if getattr(args, "yes", False):
        return
    if not ctx.stdin_isatty:
        raise UsageError(f"{question} — refusing without --yes (no terminal to ask)")
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes", "o", "oui"):
        raise UsageError("cancelled")


def out_dir(config: Config, args: argparse.Namespace) -> Path:
    return Path(getattr(args, "out", None) or config.out)
