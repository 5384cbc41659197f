"""Campaign workers: threads, each with its own Playwright driver and Chromium (Playwright's sync API
wants one per thread), one sign-in reused across its courses, a fresh browser context per course.

A worker's first command signs in (its login steps, in the campaign's login mode; with single
sign-on, from the identity provider's session the campaign signed in once: ``sign_in_once``); the
worker keeps the session's cookies in memory — never on disk — and starts each next command's context
from them: its login steps then find the browser signed in and type nothing, or, when the site has
expired the session, sign in again (and the worker keeps the new cookies). Chamilo keeps one security
token per PHP session, so workers never share a Chamilo session. A worker signs out at its end.

Each command of a course runs as the command line would run it (``robot.commands.run.<name>.plan``
then ``execute_plan``: course locks, the verified-backup guard, the .part rename, failure screenshot
and trace), its steps journalled as they go. A course's commands run in order and the course stops at
its first failure; the other courses go on.
"""
from __future__ import annotations

import logging
import queue
import shutil
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from flows.knowledge import for_version
from flows.login import SIGNED_IN, log_out
from robot.commands import implementation
from robot.commands.run.common import CommandPlan, execute_plan, settings_from
from robot.commands.run.signin import LoginPlan, SharedSignIn
from robot.commands.site_commands import SITE_COMMANDS
from robot.config import Config
from robot.engine.browser import BrowserHost
from robot.engine.run import execute
from robot.engine.steps import StepResult
from robot.errors import AuthError, Interrupted, RobotError

from .journal import Journal, unverified
from .plan import CommandSpec, PlannedCommand, PlannedCourse, _Refusal
from .progress import Progress, set_where

log = logging.getLogger("robot")


class BrowserUnavailable(RobotError):
    """The worker's Chromium does not start at all: no course can run on it."""


@dataclass
class Campaign:
    """What the workers share."""

    config: Config
    journal: Journal
    progress: Progress
    specs: dict[str, CommandSpec]
    downloads_root: Path
    shared: SharedSignIn  # the campaign's one sign-in (robot/commands/run/signin.py: sign_in_once)
    stop: threading.Event = field(default_factory=threading.Event)
    fatal: list[RobotError] = field(default_factory=list)  # e.g. the site refused the login: everyone stops

    def abort(self, err: RobotError) -> None:
        self.fatal.append(err)
        self.stop.set()


def error_record(err: BaseException) -> dict[str, Any]:
    """A failure as the journal and the report keep it: the diagnosis, the screenshot, the trace."""
    if not isinstance(err, RobotError):
        return {"type": type(err).__name__, "message": f"unexpected error (a bug): {err}", "exit_code": 1}
    record: dict[str, Any] = {"type": type(err).__name__, "message": err.message, "step": err.step,
                              "kind": err.kind, "hint": err.hint, "exit_code": err.exit_code,
                              "artifacts": err.artifacts}
    if err.artifacts and Path(err.artifacts).is_dir():
        folder = Path(err.artifacts)
        record["screenshots"] = sorted(str(p) for p in folder.glob("*.png"))
        record["trace"] = str(folder / "trace.zip") if (folder / "trace.zip").is_file() else None
    return record


class Worker(threading.Thread):
    def __init__(self, number: int, campaign: Campaign, courses: "queue.Queue[PlannedCourse]") -> None:
        super().__init__(name=f"campaign-w{number}", daemon=True)
        self.label = f"w{number}"
        self.c = campaign
        self.courses = courses
        self.host: BrowserHost | None = None
        self.session: dict | None = None  # this worker's signed-in storage state (cookies), in memory only
        self.downloads = campaign.downloads_root / self.label
        self._stopped_at: str | None = None
        # set when the thread's work is over (signed out, browser closed): what the campaign waits for,
        # not Thread.join — a join that a Ctrl-C interrupts can leave a live thread marked as ended
        # (CPython's _wait_for_tstate_lock releases the running thread's lock when interrupted)
        self.ended = threading.Event()

    # -- the thread --------------------------------------------------------------------------------
    def run(self) -> None:
        try:
            while not self.c.stop.is_set():
                try:
                    course = self.courses.get_nowait()
                except queue.Empty:
                    break
                self.run_course(course)
        except BrowserUnavailable as err:  # no browser at all: nothing can run (the others' fail alike)
            self.c.abort(err)
        finally:
            try:
                if self.host is not None:
                    self.sign_out()
                    self.host.close()
                shutil.rmtree(self.downloads, ignore_errors=True)
            finally:
                self.ended.set()

    def _host(self) -> BrowserHost:
        if self.host is None:
            spec = replace(settings_from(self.c.config, "campaign").launch_spec(), downloads_dir=self.downloads)
            try:
                self.host = BrowserHost(spec).start()
            except Exception as err:  # noqa: BLE001 - BrowserNotFound, a broken install
                raise BrowserUnavailable(f"{self.label}: cannot start the browser: {err}") from None
        return self.host

    # -- one course --------------------------------------------------------------------------------
    def run_course(self, course: PlannedCourse) -> None:
        progress = self.c.progress
        progress.course_started(self.label, course.code)
        guard_backup: str | None = None  # the zip of this course's `backup`, for the destructive commands after it
        status, worked = "ok", False
        for position, planned in enumerate(course.commands):
            if self.c.stop.is_set():
                status = "interrupted"
                break
            set_where(f"{self.label} {course.code} {planned.name}")
            row = self.c.journal.command(course.code, position)
            if row.status == "done":
                why = unverified(row.name, row.evidence)
                if why is None:
                    progress.command_skipped(self.label, course.code, planned.name, "done in an earlier run")
                    if planned.name == "backup" and row.evidence:
                        guard_backup = row.evidence.get("path")
                    continue
                progress.log(f"{self.label} {course.code} {planned.name}: done by an earlier run, but {why}: again")
            worked = True
            ended, outcome = self.run_command(course, position, planned, guard_backup)
            if ended != "done":
                status = ended  # failed, or interrupted — as the journal says (and the report counts)
                break
            if planned.name == "backup":
                guard_backup = outcome.get("path")
        set_where("")
        progress.course_finished(self.label, course.code, status, worked)

    def run_command(self, course: PlannedCourse, position: int, planned: PlannedCommand,
                    guard_backup: str | None) -> tuple[str, dict[str, Any]]:
        """Run one command: how it ended ("done", "failed" or "interrupted", as the journal records it)
        and its evidence (the --json fields) when done."""
        journal, progress, code = self.c.journal, self.c.progress, course.code
        t0 = time.monotonic()
        try:
            config, plan = self.plan(planned, guard_backup)
        except Exception as err:  # noqa: BLE001 - a usage error of this command (or a bug): this course only
            record = error_record(RobotError(str(err)) if isinstance(err, _Refusal) else err)
            journal.fail(code, position, record)
            progress.command_failed(self.label, code, planned.name, record["message"])
            return "failed", {}
        maybe_done = journal.maybe_done(code, position)
        note = f"checking first: {', '.join(maybe_done)}" if maybe_done else ""
        host = self._host()
        run = journal.begin(code, position, self.label)
        progress.command_started(self.label, code, planned.name, note)
        try:
            outcome = execute_plan(config, plan, host=host, login=self.login_plan(), maybe_done=maybe_done,
                                   events=self._events(code, position, run, planned.name),
                                   after=self._keep_session, stop=self.c.stop)
        except Interrupted as err:
            where = str(err) or f"before its step {self._stopped_at or ''}"
            journal.fail(code, position, {"type": "Interrupted", "message": f"stopped (Ctrl-C): {where}"},
                         seconds=time.monotonic() - t0, status="interrupted")
            progress.log(f"{self.label} {code} {planned.name} stopped (Ctrl-C): {where}; --resume goes on from there")
            return "interrupted", {}
        except Exception as err:  # noqa: BLE001 - one course's failure never stops the others
            record = error_record(err)
            journal.fail(code, position, record, seconds=time.monotonic() - t0)
            shot = f" (screenshot and trace: {record['artifacts']})" if record.get("artifacts") else ""
            progress.command_failed(self.label, code, planned.name, record["message"] + shot)
            if isinstance(err, AuthError):
                self.c.abort(err)
            return "failed", {}
        summary = plan.summarise(outcome)
        journal.finish(code, position, evidence=summary.fields, lines=summary.lines, seconds=outcome.duration)
        progress.command_done(self.label, code, planned.name, outcome.duration)
        return "done", summary.fields

    def plan(self, planned: PlannedCommand, guard_backup: str | None) -> tuple[Config, CommandPlan]:
        """The command's plan, built the way its command line builds it (the plan is the --yes)."""
        spec = self.c.specs[planned.name]
        args = spec.parse(planned.argv)
        args.dry_run, args.yes = False, True
        if planned.backup_guarded:
            if not guard_backup:
                raise RobotError("the backup that guards this command is missing (its `backup` did not run)")
            args.backup = guard_backup  # verified again by the command's guard before anything is clicked
        config = self.c.config
        if getattr(args, "out", None):
            config = replace(config, out=Path(args.out).resolve())
        module = implementation(next(m for m in SITE_COMMANDS if m.NAME == planned.name))
        return config, module.plan(args, config)

    # -- the worker's session ----------------------------------------------------------------------
    def login_plan(self) -> LoginPlan:
        """Start from this worker's session (else the campaign's shared sign-in, or nothing: the login
        steps sign in); never sign out at the end of a command — the next one goes on with it."""
        shared = self.c.shared
        return LoginPlan(mode=shared.mode, steps=shared.login_steps,
                         storage_state=self.session if self.session is not None else shared.worker_state,
                         keep=True, save_to=None)

    def _keep_session(self, session: Any, outcome: Any, tracer: Any) -> None:
        """After each command: its context's cookies, for the next one (a re-login renewed them)."""
        try:
            self.session = session.context.storage_state() if outcome.data.get(SIGNED_IN) else None
        except Exception:  # noqa: BLE001 - the browser died: the next command signs in again
            self.session = None

    def sign_out(self) -> None:
        """At the worker's end: its session ends on the site (not the identity provider's, shared)."""
        if self.session is None or self.host is None:
            return
        config, k = self.c.config, for_version("1.11")
        settings = replace(settings_from(config, "sign-out"), trace=False, storage_state=self.session)

        def leave(session: Any, outcome: Any, error: BaseException | None) -> None:
            log_out(session.page, k, config.url, site_only=self.c.shared.worker_state is not None,
                    timeout_ms=config.step_timeout * 1000)

        try:
            execute([], settings=settings, knowledge=k, params=None, login_steps=[], host=self.host, at_end=leave)
        except Exception as err:  # noqa: BLE001 - signing out is best effort
            log.warning("%s: could not sign out: %s", self.label, str(err).splitlines()[0] if str(err) else err)
        self.session = None

    def _events(self, code: str, position: int, run: int, command: str) -> Callable[[str, StepResult], None]:
        journal, progress, stop = self.c.journal, self.c.progress, self.c.stop

        def on_event(kind: str, result: StepResult) -> None:
            if kind == "started":
                if stop.is_set():
                    self._stopped_at = result.name
                    raise Interrupted(f"before its step {result.name}")
                progress.step(self.label, code, command, result.name)
            journal.step_event(code, position, run, kind, result)
        return on_event
