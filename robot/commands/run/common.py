"""What every site-driving command shares when it runs: settings, password prompt, browser run, dry-run plan."""
from __future__ import annotations

import argparse
import getpass
import logging
import os
import secrets
import shutil
import threading
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Collection, Mapping

from flows.common import Site, session_check
from flows.diagnose import diagnose
from flows.knowledge import for_version
from flows.login import steps_for
from robot.config import Config, load, with_password
from robot.engine.browser import BrowserHost, WarmHosts
from robot.engine.run import RunOutcome, execute
from robot.engine.steps import Step, StepResult
from robot.errors import UsageError
from robot.locks import SiteWork, course_lock
from robot.texts import Say

from ..context import Context
from . import record
from .signin import LoginPlan, at_end, plan_for, settings_from  # noqa: F401 - settings_from: commands import it here

log = logging.getLogger("robot")


def config_from(args: argparse.Namespace, ctx: Context, *, need_login: bool = True) -> Config:
    flags = {
        "url": args.url, "username": args.username, "lang": args.lang, "browser": args.browser,
        "headed": args.headed, "slow_mo": args.slow_mo, "attempts": args.attempts,
        "step_timeout": args.step_timeout, "long_timeout": args.long_timeout,
        "allow_insecure_http": args.allow_insecure_http, "ca_bundle": args.ca_bundle,
        "out": getattr(args, "out", None),
        "login": getattr(args, "login", None), "session": getattr(args, "session", None),
        "group_readable": getattr(args, "group_readable", None),
    }
    config = load(flags, ctx.environ, args.env_file, need_login=need_login)
    if ctx.output.err.isatty() and not ctx.output.as_json:
        config = replace(config, progress=True)
    # `session` never types a password; form / sso with a saved session sign in only when it expired
    needs_password = need_login and config.login != "session" and not config.session_file.is_file()
    if needs_password and not config.password and not getattr(args, "dry_run", False):
        if not ctx.stdin_isatty:
            raise UsageError("no password: set CHAMILO_PASSWORD (environment or .env); "
                             "there is no terminal to ask for it")
        config = with_password(config, getpass.getpass(f"Chamilo password for {config.username}: "))
    if config.password:
        ctx.redactor.add(config.password.reveal())
    return replace(config, recording=record.request_from(args, config))


def backup_settings(config: Config) -> dict[str, Any]:
    """What every backup a command makes takes from the settings (its params' fields): the modes of
    its files and the biggest course_info.dat its check reads."""
    return {"group_readable": config.group_readable, "max_course_info": config.max_course_info_mb * 1024 * 1024}


def site_of(config: Config) -> Site:
    return Site(base_url=config.url, username=config.username, password=config.password, login=config.login,
                allow_insecure_http=config.allow_insecure_http)


def knowledge():
    return for_version("1.11")


def print_plan(ctx: Context, command: str, steps: list[Step], lang: str, k: Any, *, login: str = "form",
               **fields: Any) -> int:
    """--dry-run: the steps (after the sign-in steps of the ``login`` mode) and what each would click, nothing run."""
    out, say = ctx.output, Say(lang)
    steps = [*steps_for(login), *steps]
    out.line(say("Dry run of `{command}`: nothing will be clicked or changed. The steps would be:",
                 "Essai à blanc de `{command}` : rien ne sera cliqué ni modifié. Les étapes seraient :", command=command))
    for i, st in enumerate(steps, 1):
        flag = say("  (changes the site)", "  (modifie le site)") if st.changes_site else ""
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
              login: LoginPlan | None = None, host: BrowserHost | None = None, hosts: WarmHosts | None = None,
              maybe_done: Collection[str] | Mapping[str, Any] = (),
              events: Callable[[str, StepResult], None] | None = None,
              after: Callable[..., None] | None = None, stop: threading.Event | None = None,
              **settings: Any) -> RunOutcome:
    """Run the steps in a fresh browser context (on ``host``, else in a browser of its own), holding
    the lock of every course they touch. ``steps`` start signed in: the sign-in steps of the way
    ``config.login`` says (from the saved session when there is one; ``login``: a campaign worker's
    plan) go in front of them; the session is saved again or signed out at the end. ``maybe_done``,
    ``events``, ``stop``: see ``robot.engine.steps.Runner``;
    ``after(session, outcome, tracer)`` runs before the context closes (a campaign worker keeps the
    session's cookies there, in memory). The steps' site-wide work (``Step.exclusive``: a backup
    being built, an import) waits for the site's ``SiteWork`` lock in ``config.lock_dir``, which the
    campaign's workers and the other robots of this machine share."""
    login = login or plan_for(config)
    run_settings, hooks = record.prepare(settings_from(config, run_name, storage_state=login.storage_state,
                                                       **settings), config, knowledge())
    if after is not None:
        hooks = {**hooks, "after": _both(hooks.get("after"), after)}
    if host is None and hosts is not None:
        host = hosts.host_for(run_settings.launch_spec())
    courses = tuple(dict.fromkeys(c for c in (getattr(params, "course", None), *lock_courses) if c))
    with ExitStack() as locks:
        for code in courses:
            locks.enter_context(course_lock(config.url, code, directory=config.lock_dir,
                                            command=run_name))
        return execute([*login.steps, *steps], settings=run_settings, knowledge=knowledge(),
                       params=params, login_steps=login.steps, navigation_check=session_check,
                       diagnose=diagnose, at_end=at_end(login, config), host=host, maybe_done=maybe_done,
                       events=events, stop=stop,
                       exclusive=SiteWork(config.url, config.lock_dir, holder=f"robot {run_name}"),
                       **{"observer_factory": observer_factory, **hooks})


def warm_host(ctx: Context, settings: Any) -> BrowserHost | None:
    """The warm browser of ``ctx.hosts`` for a run with these ``RunSettings`` (a command that calls
    the engine itself: login, logout, the campaign's sign-in), or None: the run starts its own."""
    return ctx.hosts.host_for(settings.launch_spec()) if ctx.hosts is not None else None


def _both(first: Callable[..., None] | None, second: Callable[..., None]) -> Callable[..., None]:
    if first is None:
        return second

    def hook(*args: Any) -> None:
        first(*args)
        second(*args)
    return hook


# --- one command on one course: its plan, run by the command line or by a campaign worker ---------

@dataclass
class Summary:
    """What a finished command says: lines for a person, fields for --json (and a campaign's journal)."""

    lines: list[str]
    fields: dict[str, Any]


@dataclass
class CommandPlan:
    """What one site command does on one course, built by the command's ``plan(args, config)`` from
    its options: the steps and their parameters, the courses it locks, what to check just before the
    browser starts, and how to tell the outcome. ``run_plan`` runs it for the command line; a
    campaign worker runs the same plan (``execute_plan``) in its warm browser — so both keep the
    command's guarantees: course locks, the verified-backup guard, the .part rename, failure
    screenshots and traces."""

    command: str
    course: str
    steps: list[Step]
    params: Any
    summarise: Callable[[RunOutcome], Summary]
    lock_courses: tuple[str, ...] = ()
    question: str | None = None  # what a person confirms first (destructive or site-changing), unless --yes
    before: Callable[[], None] | None = None  # checks right before the browser starts (free space…)
    downloads: Path | None = None  # the run downloads a file: a private folder on the output's disk
    notes: list[str] = field(default_factory=list)  # said before a dry run's steps
    dry_fields: dict[str, Any] = field(default_factory=dict)

    @property
    def run_name(self) -> str:
        return f"{self.command}-{self.course}"


def execute_plan(config: Config, plan: CommandPlan, *, host: BrowserHost | None = None,
                 hosts: WarmHosts | None = None, **engine: Any) -> RunOutcome:
    """Run a command's plan: its last checks, then its steps (``engine``: see ``run_steps``).
    On a worker's ``host`` (or a warm one of ``hosts``) the browser's download folder is that
    host's; otherwise the run gets a private one in ``plan.downloads`` (shared by the robots that
    write to the same folder: a campaign's, other command lines'), removed afterwards with
    ``plan.downloads`` when nobody else uses it."""
    if plan.before is not None:
        plan.before()
    own_downloads = plan.downloads / f"run-{os.getpid()}-{secrets.token_hex(4)}" \
        if plan.downloads is not None and host is None and hosts is None else None
    if own_downloads is not None:
        engine["downloads_dir"] = own_downloads
    try:
        return run_steps(config, plan.steps, plan.params, plan.run_name, lock_courses=plan.lock_courses,
                         host=host, hosts=hosts, **engine)
    finally:
        if own_downloads is not None:
            shutil.rmtree(own_downloads, ignore_errors=True)
            try:
                own_downloads.parent.rmdir()  # .robot-downloads, when no other run uses it
            except OSError:
                pass


def run_plan(ctx: Context, args: argparse.Namespace, config: Config, plan: CommandPlan) -> int:
    """The command line's run of one plan: --dry-run lists its steps; else confirm, run, tell."""
    if getattr(args, "dry_run", False):
        for note in plan.notes:
            ctx.output.line(note)
        return print_plan(ctx, plan.command, plan.steps, config.lang, knowledge(), login=config.login,
                          **plan.dry_fields)
    if plan.question:
        confirm(ctx, args, plan.question, config.lang)
    outcome = execute_plan(config, plan, hosts=ctx.hosts)
    summary = plan.summarise(outcome)
    for line in summary.lines:
        ctx.output.line(line)
    ctx.output.document(plan.command, True, **summary.fields)
    return 0


def course_code(value: str) -> str:
    code = value.strip().upper()
    if not code or not code.replace("_", "").replace("-", "").isalnum():
        raise UsageError(f"{value!r} is not a course code")
    return code


def confirm(ctx: Context, args: argparse.Namespace, question: str, lang: str = "en") -> None:
    """Destructive commands: --yes, or an interactive yes (y / yes / o / oui)."""
    if getattr(args, "yes", False):
        return
    if not ctx.stdin_isatty:
        raise UsageError(f"{question} — refusing without --yes (no terminal to ask)")
    answer = input(f"{question} {Say(lang)('[y/N]', '[o/N]')} ").strip().lower()
    if answer not in ("y", "yes", "o", "oui"):
        raise UsageError("cancelled")


def out_dir(config: Config, args: argparse.Namespace) -> Path:
    return Path(getattr(args, "out", None) or config.out)
