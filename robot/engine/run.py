"""Run a list of steps in a fresh browser context: tracing, failure artefacts, a new browser when
the old one dies, clean shutdown."""
from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection, Mapping

from playwright.sync_api import BrowserContext, Error as PlaywrightError, Page, Response

from ..errors import RobotError
from ..files import make_dirs
from .browser import BrowserHost, BrowserNotFound, BrowserSession, ContextSpec, LaunchSpec
from .failure_page import REDACTED_SELECTOR, clean_html, redact_page
from .overlay import blur_people
from .steps import ExclusiveWork, Observer, Runner, Step, StepContext, StepResult
from .trace_mask import cookie_values, mask_trace

log = logging.getLogger("robot")


@dataclass
class RunSettings:
    lang: str = "en"
    browser: str | None = None
    headed: bool = False
    slow_mo: float = 0.0
    step_timeout: float = 30.0
    long_timeout: float = 1800.0
    attempts: int = 3
    backoff: float = 0.5
    failures_dir: Path = Path("recordings/failures")
    run_name: str = "run"
    ignore_https_errors: bool = False
    trace: bool = True  # keep a trace so a failure can be replayed (started after the login)
    trace_screenshots: bool = False  # the trace's filmstrip: costly, so only for recordings
    # the trace's DOM snapshot of every action: costly on heavy pages, so only for recordings; a
    # failure keeps its page (screenshot + HTML) and the trace its actions and network log
    trace_snapshots: bool = False
    video_dir: Path | None = None
    video_size: tuple[int, int] = (1280, 720)
    secret_selectors: tuple[str, ...] = ()  # masked in every screenshot
    retry_budget: float = 600.0  # seconds of retrying one step may cost, in all
    downloads_dir: Path | None = None  # where the browser streams downloads (same disk as the output)
    browser_args: tuple[str, ...] = ()
    people_selectors: tuple[str, ...] = ()  # blurred on every page (--blur-people), see overlay.py
    max_relaunches: int = 1  # new browsers a run may start when Chromium dies
    progress: Any = None  # live progress on long work (robot.engine.progress), or None
    storage_state: Any = None  # a saved session to start the context with (path or dict)
    blocked_urls: tuple[str, ...] = ()  # what the browser never fetches in this run (see browser.block_urls)
    wait_until: str = "domcontentloaded"  # a navigation is done at this event ("load" for recordings)
    hidden_env: tuple[str, ...] = ()  # environment variables Playwright's driver and Chromium must not inherit
    # redacted from failure pages and screenshots (see failure_page.py); never in a repr
    secrets: tuple[str, ...] = field(default=(), repr=False)

    def launch_spec(self) -> LaunchSpec:
        return LaunchSpec(executable=self.browser, headed=self.headed, slow_mo=self.slow_mo,
                          downloads_dir=self.downloads_dir, extra_args=self.browser_args,
                          hidden_env=self.hidden_env)

    def context_spec(self) -> ContextSpec:
        return ContextSpec(lang=self.lang, step_timeout=self.step_timeout, video_dir=self.video_dir,
                           video_size=self.video_size, ignore_https_errors=self.ignore_https_errors,
                           storage_state=self.storage_state, blocked_urls=self.blocked_urls)


@dataclass
class RunOutcome:
    results: list[StepResult]
    data: dict[str, Any]
    started: float
    duration: float
    trace_path: Path | None = None
    video_path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    relaunches: int = 0  # how many times the browser died and was started again

    def summary(self) -> dict[str, Any]:
        """What --json and reports say of the run: each step's attempts, relaunches."""
        return {"steps": [r.as_dict() for r in self.results], "relaunches": self.relaunches}


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "run"


class TraceKeeper:
    """Playwright tracing that never sees a step handling a secret (the login), and whose saved
    files carry no cookie value (a session cookie is a credential: see trace_mask.py).

    Tracing starts at the first step that does not handle a secret; a later secret step (a
    re-login) closes the current chunk into a side file and tracing resumes after it. Every file
    written is masked at once: the cookies of the trace's own requests and responses, those of the
    context at that moment and ``known_cookies`` (the saved session the context started from)."""

    def __init__(self, context: BrowserContext, enabled: bool, spill_dir: Callable[[], Path],
                 screenshots: bool = False, known_cookies: set[str] | None = None,
                 snapshots: bool = True) -> None:
        self.snapshots = snapshots
        self.context = context
        self.enabled = enabled
        self.screenshots = screenshots
        self.started = False
        self.recording = False
        self.parts = 0
        self._spill_dir = spill_dir
        self.known_cookies: set[str] = set(known_cookies or ())

    def cookie_values(self) -> set[str]:
        """Every cookie value this run's browser held (to keep them out of what is written)."""
        try:
            self.known_cookies |= {str(c.get("value")) for c in self.context.cookies() if c.get("value")}
        except PlaywrightError:
            pass
        return set(self.known_cookies)

    def _mask(self, path: Path) -> None:
        """Cookie values out of a trace just written (a trace that cannot be masked is deleted)."""
        values = self.cookie_values()
        try:
            mask_trace(path, values)
        except Exception as err:  # noqa: BLE001 - never keep a trace that may hold a session cookie
            path.unlink(missing_ok=True)
            log.warning("the trace %s could not be cleared of cookie values, so it was deleted: %s", path, err)

    def before_step(self, step: Step) -> None:
        if not self.enabled:
            return
        if step.handles_secret:
            if self.recording:
                self.parts += 1
                # a full stop: a chunk's network log would still take in the login POST (its body)
                part = self._spill_dir() / f"trace-part{self.parts}.zip"
                self.context.tracing.stop(path=str(part))
                self.recording = self.started = False
                self._mask(part)
            return
        if not self.started:
            self.context.tracing.start(screenshots=self.screenshots, snapshots=self.snapshots, sources=False)
            self.started = self.recording = True
        elif not self.recording:
            self.context.tracing.start_chunk()
            self.recording = True

    def save(self, path: Path) -> Path | None:
        if not self.recording:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        self.context.tracing.stop_chunk(path=str(path))
        self.recording = False
        self._mask(path)
        return path if path.exists() else None

    def rebind(self, context: BrowserContext) -> None:
        """A new context after the browser died: what the old one traced is lost with it."""
        try:
            self.known_cookies |= {str(c.get("value")) for c in self.context.cookies() if c.get("value")}
        except PlaywrightError:
            pass
        self.context = context
        self.started = self.recording = False

    def close(self) -> None:
        if self.started:
            try:
                self.context.tracing.stop()
            except PlaywrightError:
                pass


def execute(steps: list[Step], *, settings: RunSettings, knowledge: Any, params: Any,
            login_steps: list[Step], navigation_check: Callable[[StepContext, Response], None] | None = None,
            observer_factory: Callable[[BrowserSession, RunSettings], Observer] | None = None,
            after: Callable[[BrowserSession, "RunOutcome", TraceKeeper], None] | None = None,
            after_close: Callable[[BrowserSession, "RunOutcome", BaseException | None], None] | None = None,
            diagnose: Callable[[Step, RobotError], RobotError] | None = None,
            host: BrowserHost | None = None, maybe_done: Collection[str] | Mapping[str, Any] = (),
            events: Callable[[str, StepResult], None] | None = None,
            at_end: Callable[[BrowserSession, "RunOutcome", BaseException | None], None] | None = None,
            stop: threading.Event | None = None, exclusive: ExclusiveWork | None = None,
            ) -> RunOutcome:
    """Open a browser context (on ``host``, or on a browser of its own), run the steps, leave a
    screenshot and a trace of a failed step.

    ``after`` runs before the browser context closes, ``after_close`` once it is closed (and its
    video files complete), both also when a step failed. ``at_end`` runs once tracing has stopped
    for good and before the context closes, also when a step failed, and never fails the run (the
    caller signs out there, or saves the session). ``maybe_done``, ``events``, ``stop``,
    ``exclusive``: see ``Runner``."""
    started = time.time()
    t0 = time.monotonic()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(started))
    failure_dir = settings.failures_dir / f"{stamp}-{safe_name(settings.run_name)}"
    own_host = host is None
    try:
        if host is None:
            host = BrowserHost(settings.launch_spec()).start()
        session = BrowserSession.open(host, settings.context_spec())
    except BrowserNotFound as err:
        if own_host and host is not None:
            host.close()
        raise RobotError(str(err)) from None
    except BaseException:
        if own_host and host is not None:
            host.close()
        raise
    outcome: RunOutcome | None = None
    error: BaseException | None = None
    try:
        if settings.people_selectors:
            blur_people(session.context, settings.people_selectors)

        def spill_dir() -> Path:  # private, like every folder the robot makes (pages of the site inside)
            return make_dirs(failure_dir)

        tracer = TraceKeeper(session.context, settings.trace, spill_dir, screenshots=settings.trace_screenshots,
                             snapshots=settings.trace_snapshots, known_cookies=cookie_values(settings.storage_state))
        observer = observer_factory(session, settings) if observer_factory else None

        def renew() -> Page:
            page = session.renew()
            if settings.people_selectors:
                blur_people(session.context, settings.people_selectors)
            tracer.rebind(session.context)
            return page

        def on_failure(ctx: StepContext, st: Step, err: Exception) -> str | None:
            make_dirs(failure_dir)
            index = ctx.result.index if ctx.result else 0
            shot = failure_dir / f"{index:02d}-{st.name}.png"
            try:  # first: what follows hands the page the secrets to redact, which no trace may record
                tracer.save(failure_dir / "trace.zip")
            except PlaywrightError as trace_err:
                log.debug("no failure trace: %s", str(trace_err).splitlines()[0] if str(trace_err) else trace_err)
            try:  # the secrets the page shows (an echoed POST, a password shown as text) out of it first
                redact_page(session.page, settings.secrets)
                redacted = True
            except PlaywrightError as redact_err:  # then no picture of it: it might show a secret
                redacted = False
                log.debug("no redaction of the failed page: %s", str(redact_err).splitlines()[0] if str(redact_err) else redact_err)
            try:
                if not redacted:
                    raise PlaywrightError("the page could not be cleared of secrets")
                masks = [session.page.locator(sel) for sel in (*settings.secret_selectors, REDACTED_SELECTOR)]
                session.page.screenshot(path=str(shot), full_page=True, mask=masks, timeout=10_000)
            except PlaywrightError as shot_err:  # the page may be gone: the failure is what matters
                log.debug("no failure screenshot: %s", str(shot_err).splitlines()[0] if str(shot_err) else shot_err)
            try:  # the page as the browser had it (the trace keeps no DOM snapshots outside recordings)
                html = clean_html(session.page.content(), cookie_values=tracer.cookie_values(),
                                  secrets=settings.secrets)
                (failure_dir / f"{index:02d}-{st.name}.html").write_text(html, encoding="utf-8")
            except PlaywrightError as html_err:
                log.debug("no failure page: %s", str(html_err).splitlines()[0] if str(html_err) else html_err)
            return str(failure_dir)

        runner = Runner(session.page, knowledge=knowledge, params=params, lang=settings.lang,
                        attempts=settings.attempts, step_timeout=settings.step_timeout,
                        long_timeout=settings.long_timeout, observer=observer, on_failure=on_failure,
                        navigation_check=navigation_check, login_steps=login_steps, tracing=tracer,
                        backoff=settings.backoff, retry_budget=settings.retry_budget, diagnose=diagnose,
                        renew=renew, max_relaunches=settings.max_relaunches, maybe_done=maybe_done,
                        events=events, progress=settings.progress, downloads_dir=settings.downloads_dir,
                        wait_until=settings.wait_until, stop=stop, exclusive=exclusive)
        outcome = RunOutcome(results=runner.results, data=runner.ctx.data, started=started, duration=0.0)
        try:
            runner.run(steps)
        except BaseException as err:
            error = err
            raise
        finally:
            outcome.duration = time.monotonic() - t0
            outcome.relaunches = runner.relaunches
            if isinstance(error, RobotError):
                error.run_summary = outcome.summary()
            _quietly(after, session, outcome, tracer, when_failed=error is not None)
            _quietly(tracer.close, when_failed=error is not None)
            _quietly(at_end, session, outcome, error, when_failed=True)
        return outcome
    finally:
        try:
            if after_close is not None and outcome is not None:
                session.close_context()
                _quietly(after_close, session, outcome, error, when_failed=error is not None)
        finally:
            session.close_context()
            if own_host:
                host.close()


def _quietly(fn: Callable[..., Any] | None, *args: Any, when_failed: bool) -> None:
    """Run a clean-up hook; when the run already failed, its own failure must not hide that one."""
    if fn is None:
        return
    if not when_failed:
        fn(*args)
        return
    try:
        fn(*args)
    except Exception as err:  # noqa: BLE001
        log.warning("after the failure, a clean-up step failed too: %s", str(err).splitlines()[0] if str(err) else err)
