"""What every site-driving command shares when it runs: settings, password prompt, browser run, dry-run plan."""
from __future__ import annotations

import argparse
import getpass
import logging
import sys
from dataclasses import replace
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable

from flows.common import LOGIN_STEPS, Site, session_check
from flows.diagnose import diagnose
from flows.knowledge import for_version
from robot.config import Config, load, with_password
from robot.engine.run import RunOutcome, RunSettings, execute
from robot.engine.steps import Step
from robot.errors import UsageError
from robot.locks import course_lock
from robot.tls import browser_args_for

from ..context import Context
from . import record

log = logging.getLogger("robot")


def config_from(args: argparse.Namespace, ctx: Context, *, need_login: bool = True) -> Config:
    flags = {
        "url": args.url, "username": args.username, "lang": args.lang, "browser": args.browser,
        "headed": args.headed, "slow_mo": args.slow_mo, "attempts": args.attempts,
        "step_timeout": args.step_timeout, "long_timeout": args.long_timeout,
        "allow_insecure_http": args.allow_insecure_http, "ca_bundle": args.ca_bundle,
        "out": getattr(args, "out", None),
    }
    config = load(flags, ctx.environ, args.env_file, need_login=need_login)
    if ctx.output.err.isatty() and not ctx.output.as_json:
        config = replace(config, progress=True)
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
    if config.progress and "progress" not in extra:
        from robot.engine.progress import TerminalProgress
        extra["progress"] = TerminalProgress(sys.stderr)
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
