"""Named steps, retries and the runner. Knows Playwright and tenacity, nothing about the site it drives.

A flow is a list of ``Step``s. Each step is one click of the procedure a person follows, with a
caption in English and French. The runner logs it, times it, retries it on transient failures
(timeouts, HTTP 5xx) and turns what it could not survive into a ``StepFailed``.

Retrying a step that submitted a form means showing the form again: a step names the step to
``replay_from``; on a retry the runner goes back to the URL that step started on (a GET) and
replays the steps from there. ``retry="in_place"`` retries without navigating (a download link
clicked again); ``retry="never"`` does not retry (a login POST).

Two rules make retries safe:

* **Check before redoing.** A step that changes the site declares its ``Effect``: where a person
  would look, and a ``check`` telling whether the effect is already there. When such a step failed
  after its request left the browser (a timeout, a 5xx from a proxy, a cut connection, a dead
  browser: the server may have done the work), the runner runs the check before anything else and
  does not redo a done effect. A step without a check is not retried after its request was sent:
  it fails with a message naming what to look at on the site.
* **A dead browser is a transient fault.** When the page, context or browser is gone, the runner
  asks for a new one (``renew``), logs in again and replays from the failed step's replay point,
  at most ``max_relaunches`` times per run.

Two more things a flow or a caller may ask:

* **Work only one run may do at a time on the site.** A step marked ``exclusive=NAME`` holds the
  site-wide lock ``NAME`` (from ``exclusive``, the caller's lock provider: ``acquire(name, stop)`` /
  ``release(name)``) while it runs; consecutive steps with the same name hold it throughout, steps
  replayed for a retry take it again, and it is let go as soon as a step without it starts (or the
  run ends). The flows say which steps and why; the engine only holds.
* **Clean up after a failure.** A step with ``cleanup`` (a function of the step context) still runs
  after an earlier step failed, when ``cleanup(ctx)`` says it is needed — a scratch course emptied
  again whatever happened to the import into it. Only the later steps so marked run, in order, each
  with its retries; the run still ends with the first failure, whose hint says how the clean-up went.
  Not after a stop (``Interrupted``).
* **Stop when asked.** With ``stop`` (a ``threading.Event``), the runner stops before the next
  attempt of a step, during the wait before it, and while waiting for a lock, by raising
  ``Interrupted`` (the step's result says "interrupted").
"""
from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Mapping, Protocol

from playwright.sync_api import Dialog, Download, Error as PlaywrightError, Locator, Page, Response
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, stop_after_delay, wait_exponential

from ..errors import (BrowserGone, HttpError, Interrupted, RobotError, SessionExpired, StepFailed, TransientError,
                      UnexpectedDialog)
from ..files import PRIVATE_FILE, copy_into_new
from .browser import is_gone_error
from .progress import NoProgress, Progress

log = logging.getLogger("robot")


@dataclass(frozen=True)
class Effect:
    """What a site-changing step leaves on the site, and how to tell it is already there.

    ``where`` tells a person where to look (a sentence, or a function of the step context).
    ``check(ctx)`` tells the robot: True when the effect is there. It runs on a logged-in page, may
    navigate, and when it returns True it leaves ``ctx.data`` as the step would have (the steps that
    follow read it). Without a ``check`` the step is never redone once its request may have reached
    the site."""

    where: str | Callable[["StepContext"], str]
    check: Callable[["StepContext"], bool] | None = None
    baseline: Callable[["StepContext"], Any] | None = None  # what the site held before: read by check


    def describe(self, ctx: "StepContext") -> str:
        if callable(self.where):
            try:
                return self.where(ctx)
            except Exception as err:  # noqa: BLE001 - a description must not hide the real failure
                return f"<{err}>"
        return self.where


@dataclass(frozen=True)
class Step:
    name: str
    en: str
    fr: str
    action: Callable[["StepContext"], Any]
    target: Callable[[Any], str] | None = None
    retry: str = "replay"  # "replay" | "in_place" | "never"
    replay_from: str | None = None
    long: bool = False
    changes_site: bool = False
    dialog: str | None = None  # the kind of JS dialog this step expects: "confirm" | "alert"
    handles_secret: bool = False
    effect: Effect | None = None  # for a step that changes the site: how to tell it is done
    exclusive: str = ""  # site-wide work only one run may do at a time (see the module's docstring)
    cleanup: Callable[["StepContext"], bool] | None = None  # runs after an earlier failure when true (docstring)
    # the teacher's guide (robot/engine/guide.py): a step a person never does (the robot's own
    # check of an archive) is left out of it, or told in a person's words (teacher_en / teacher_fr)
    robot_only: bool = False
    teacher_en: str | None = None
    teacher_fr: str | None = None

    def caption(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def teacher_caption(self, lang: str) -> str | None:
        """What a teacher's guide says of this step: its person's wording, else its caption; None
        for a step a person does not do."""
        if self.robot_only:
            return None
        own = self.teacher_fr if lang == "fr" else self.teacher_en
        return own or self.caption(lang)

    def describe_target(self, knowledge: Any) -> str:
        if self.target is None:
            return ""
        try:
            return self.target(knowledge)
        except Exception as err:  # noqa: BLE001 - a dry-run description must not crash the plan
            return f"<{err}>"


def step(name: str, *, en: str, fr: str, target: Callable[[Any], str] | None = None,
         retry: str = "replay", replay_from: str | None = None, long: bool = False,
         changes_site: bool = False, dialog: str | None = None,
         handles_secret: bool = False, effect: Effect | None = None, exclusive: str = "",
         robot_only: bool = False, teacher_en: str | None = None, teacher_fr: str | None = None,
         ) -> Callable[[Callable[["StepContext"], Any]], Step]:
    """Decorator: turn ``def open_x(s): ...`` into a named ``Step``.

    For the teacher's guide, say what a person does: ``robot_only=True`` for a step no person does
    (left out of it), or ``teacher_en`` / ``teacher_fr`` for a person's wording of a robot's step
    (« Vérifiez que le fichier .ZIP s'ouvre » rather than the robot's zip test)."""
    if retry not in ("replay", "in_place", "never"):
        raise ValueError(f"unknown retry mode {retry!r}")
    if effect is not None and not changes_site:
        raise ValueError(f"step {name!r} declares an effect but does not change the site")
    if robot_only and (teacher_en or teacher_fr):
        raise ValueError(f"step {name!r} is robot-only: it has no teacher's wording")
    if bool(teacher_en) != bool(teacher_fr):
        raise ValueError(f"step {name!r}: give the teacher's wording in English and French")

    def wrap(fn: Callable[["StepContext"], Any]) -> Step:
        return Step(name=name, en=en, fr=fr, action=fn, target=target, retry=retry,
                    replay_from=replay_from, long=long, changes_site=changes_site,
                    dialog=dialog, handles_secret=handles_secret, effect=effect, exclusive=exclusive,
                    robot_only=robot_only, teacher_en=teacher_en, teacher_fr=teacher_fr)

    return wrap


@dataclass
class StepResult:
    index: int
    name: str
    caption: str
    status: str = "pending"  # ok | failed | skipped | interrupted
    attempts: int = 0
    started: float = 0.0
    duration: float = 0.0
    url: str = ""
    label: str = ""  # the visible text of the element the step clicked, as the site shows it
    error: str = ""
    screenshot: str = ""
    dialogs: list[str] = field(default_factory=list)
    already_done: bool = False  # its effect was found on the site: not done a second time
    relaunched: bool = False  # the browser died during this step and was started again
    changes_site: bool = False
    baseline: Any = None  # the site before the step first acted (see Effect.baseline)
    teacher_caption: str | None = None  # the teacher's guide's wording; None: a step no person does
    notes: list[str] = field(default_factory=list)  # said under the step in the guide (StepContext.note)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "attempts": self.attempts,
                "seconds": round(self.duration, 3), "already_done": self.already_done,
                "relaunched": self.relaunched}


class Observer(Protocol):
    """Recording hooks (video captions, step screenshots). All optional."""

    def step_started(self, ctx: "StepContext", result: StepResult) -> None: ...
    def before_action(self, ctx: "StepContext", locator: Locator | None) -> None: ...
    def step_finished(self, ctx: "StepContext", result: StepResult) -> None: ...


class ExclusiveWork(Protocol):
    """The caller's site-wide locks (``Step.exclusive``): ``acquire`` waits until this run holds
    ``name`` alone (raising ``Interrupted`` when ``stop`` is set meanwhile); ``release`` lets it go."""

    def acquire(self, name: str, stop: threading.Event | None = None) -> None: ...
    def release(self, name: str) -> None: ...


def interruptible_sleep(stop: threading.Event | None, what: str = "") -> Callable[[float], None]:
    """A ``sleep(seconds)`` for the waits between attempts that raises ``Interrupted`` as soon as
    ``stop`` is set (at once when it already is); plain ``time.sleep`` without a ``stop``."""
    if stop is None:
        return time.sleep

    def sleep(seconds: float) -> None:
        if stop.wait(seconds):
            raise Interrupted(f"stopped while waiting to try {what or 'the step'} again")
    return sleep


class NullObserver:
    def step_started(self, ctx: "StepContext", result: StepResult) -> None:
        pass

    def before_action(self, ctx: "StepContext", locator: Locator | None) -> None:
        pass

    def step_finished(self, ctx: "StepContext", result: StepResult) -> None:
        pass


class StepContext:
    """What a step sees: the page, the knowledge of the site, the flow's parameters and data."""

    def __init__(self, runner: "Runner", page: Page, knowledge: Any, params: Any, data: dict) -> None:
        self.runner = runner
        self.page = page
        self.k = knowledge
        self.params = params
        self.data = data
        self.current: Step | None = None
        self.result: StepResult | None = None

    # -- settings ---------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.runner.lang

    @property
    def progress(self) -> Progress:
        return self.runner.progress

    def note(self, *, en: str, fr: str) -> None:
        """A sentence for the reader of the guide about this step (in the run's language), e.g. a
        choice the robot made that a person may have to make too."""
        if self.result is not None:
            text = fr if self.lang == "fr" else en
            if text not in self.result.notes:
                self.result.notes.append(text)

    @property
    def baseline(self) -> Any:
        """The current site-changing step's snapshot of the site before it first acted (see Effect)."""
        return self.runner.baselines.get(self.current.name) if self.current else None

    @property
    def wait_until(self) -> str:
        """The load state a navigation of this run waits for (flows pass it to their own waits)."""
        return self.runner.wait_until

    @property
    def timeout_ms(self) -> float:
        step = self.current
        return (self.runner.long_timeout if step and step.long else self.runner.step_timeout) * 1000

    # -- actions that wait on a condition ---------------------------------------------------
    def goto(self, url: str) -> Response | None:
        response = self.page.goto(url, timeout=self.timeout_ms, wait_until=self.runner.wait_until)
        self.check_response(response)
        return response

    def click(self, locator: Locator, *, navigates: bool = True, force: bool = False) -> Response | None:
        """Click an element (outlined first when recording); wait for the page it opens."""
        locator = locator.first
        if force:
            locator.wait_for(state="attached", timeout=self.timeout_ms)
        self._note_label(locator)
        self.runner.observer.before_action(self, locator)
        if not navigates:
            locator.click(timeout=self.timeout_ms, force=force)
            return None
        with self.page.expect_navigation(timeout=self.timeout_ms, wait_until=self.runner.wait_until) as nav:
            locator.click(timeout=self.timeout_ms, force=force)
        response = nav.value
        self.check_response(response)
        return response

    def mark(self, locator: Locator) -> None:
        """Say which element this step is about, without clicking it (a radio already chosen)."""
        locator = locator.first
        self._note_label(locator)
        self.runner.observer.before_action(self, locator)

    def download(self, locator: Locator | None = None, *, url: str | None = None,
                 timeout_s: float | None = None) -> Download:
        """Click a link that serves a file (or open its ``url`` again, as a person would paste it)
        and return the finished download, or raise TransientError."""
        if locator is not None:
            locator = locator.first
            locator.wait_for(state="visible", timeout=self.timeout_ms)
            self._note_label(locator)
            self.runner.observer.before_action(self, locator)
            href = locator.get_attribute("href") or ""
        elif url:
            href = url
        else:
            raise ValueError("download() needs a locator or a url")
        downloads: list[Download] = []
        pages: list[Response] = []
        totals: list[int] = []  # Content-Length of the file's answer, when the server sends it
        seen = self._download_files()

        def on_download(dl: Download) -> None:  # a Python function: Playwright cannot wrap a builtin method
            downloads.append(dl)

        def on_response(resp: Response) -> None:
            attachment = "attachment" in (resp.headers.get("content-disposition") or "")
            if attachment and (resp.headers.get("content-length") or "").isdigit():
                totals.append(int(resp.headers["content-length"]))
            if resp.request.is_navigation_request() and resp.frame == self.page.main_frame and not attachment:
                pages.append(resp)

        self.page.on("download", on_download)
        self.page.on("response", on_response)
        try:
            if locator is not None:
                locator.click(timeout=self.timeout_ms)
            else:
                self.page.evaluate("u => window.location.assign(u)", href)
            deadline = time.monotonic() + (timeout_s or self.runner.step_timeout)
            while not downloads:
                if pages:
                    resp = pages[-1]
                    try:
                        self.page.wait_for_load_state("load", timeout=self.timeout_ms)
                    except PlaywrightError:
                        pass
                    try:
                        empty = not resp.body()
                    except PlaywrightError:
                        empty = False
                    if empty and resp.status < 400:
                        raise TransientError(f"the link {href!r} answered an empty page instead of a file",
                                             kind="empty_download")
                    self.check_response(resp)  # 5xx, or the login page of an expired session
                    raise TransientError(f"the link {href!r} opened a page ({resp.status}, "
                                         f"{resp.headers.get('content-type', '?')}) instead of a file",
                                         kind="page_instead_of_file")
                if time.monotonic() > deadline:
                    raise TransientError(f"no download started within {timeout_s or self.runner.step_timeout:.0f} s",
                                         kind="no_download")
                self.page.wait_for_timeout(50)  # pumps Playwright's events; not a fixed pause
        finally:
            self.page.remove_listener("download", on_download)
            self.page.remove_listener("response", on_response)
        dl = downloads[0]
        with self.progress.transfer(f"Downloading {dl.suggested_filename}", self._stream_size(seen),
                                    totals[-1] if totals else None):
            failure = dl.failure()  # waits until the download finished or failed
        if failure:
            raise TransientError(f"the download of {dl.suggested_filename!r} failed: {failure}", kind="download_broken")
        return dl

    def _download_files(self) -> set[str]:
        folder = self.runner.downloads_dir
        try:
            return {p.name for p in folder.iterdir()} if folder else set()
        except OSError:
            return set()

    def _stream_size(self, before: set[str]) -> Callable[[], int]:
        """Bytes the browser has written so far of the download that started after ``before``."""
        folder = self.runner.downloads_dir

        def size() -> int:
            if folder is None:
                return 0
            return sum(p.stat().st_size for p in folder.iterdir() if p.name not in before and p.is_file())
        return size

    @staticmethod
    def keep_download(download: Download, target: "os.PathLike[str] | str", mode: int = PRIVATE_FILE) -> None:
        """Move the finished download to ``target`` with ``mode`` (a rename when on the same disk, else
        a copy into a new file); a symbolic link at ``target`` is replaced, never written through."""
        source = download.path()
        try:
            os.chmod(source, mode)
            os.replace(source, target)
        except OSError:
            copy_into_new(source, target, mode)

    def check_response(self, response: Response | None) -> None:
        if response is None:
            return
        status = response.status
        if status >= 500:
            raise HttpError(f"the server answered HTTP {status} for {response.url}", status=status, url=response.url)
        if status >= 400:
            raise StepFailed(f"the server answered HTTP {status} for {response.url}", status=status)
        self.runner.after_navigation(self, response)

    def _note_label(self, locator: Locator) -> None:
        """Keep the element's visible label for the recording's guide (a round trip: only when recording)."""
        if self.result is None or isinstance(self.runner.observer, NullObserver):
            return
        try:
            text = locator.evaluate(_LABEL_JS, timeout=1000)
        except PlaywrightError:
            text = ""
        self.result.label = " ".join((text or "").split())[:200]


# The text a person sees on (or for) an element: its text, its <label>, its tooltip, its icon's
# title, a button's value. Never a password field's value.
_LABEL_JS = """el => {
  const clean = t => (t || '').replace(/\\s+/g, ' ').trim();
  const own = clean(el.innerText);
  if (own) return own;
  const label = Array.from(el.labels || []).map(l => clean(l.innerText)).find(Boolean);
  if (label) return label;
  for (const a of ['aria-label', 'title', 'alt']) { const v = clean(el.getAttribute(a)); if (v) return v; }
  const inner = el.querySelector('[title], img[alt], [aria-label]');
  if (inner) return clean(inner.getAttribute('title') || inner.getAttribute('alt') || inner.getAttribute('aria-label'));
  return ['button', 'submit', 'reset'].includes(el.type) ? clean(el.getAttribute('value')) : '';
}"""


class _Attempts:
    """What the runner remembers about one step across its attempts."""

    def __init__(self, maybe_sent: bool) -> None:
        self.maybe_sent = maybe_sent  # a request of this step may have reached the site
        self.last_error: BaseException | None = None


class Runner:
    """Runs steps on one page with retries, logging, timing, dialogs and failure artefacts.

    ``renew()`` gives a new page in a new browser context (a new browser when it died); the runner
    then logs in again with ``login_steps``. ``maybe_done`` names site-changing steps an earlier,
    interrupted run may have done: their effect is checked before they run (a mapping gives each
    one the baseline that run recorded). ``events(kind, result)`` hears "started" and "finished" for
    every step, and "acting" right before a site-changing step's action (its baseline known) — a
    campaign journal writes them down."""

    def __init__(self, page: Page, *, knowledge: Any, params: Any, lang: str = "en",
                 attempts: int = 3, step_timeout: float = 30.0, long_timeout: float = 1800.0,
                 observer: Observer | None = None, on_failure: Callable[[StepContext, Step, Exception], str | None] | None = None,
                 navigation_check: Callable[[StepContext, Response], None] | None = None,
                 login_steps: list[Step] | None = None, tracing: Any = None,
                 backoff: float = 0.5, retry_budget: float = 600.0,
                 diagnose: Callable[[Step, RobotError], RobotError] | None = None,
                 renew: Callable[[], Page] | None = None, max_relaunches: int = 1,
                 maybe_done: Collection[str] | Mapping[str, Any] = (),
                 events: Callable[[str, StepResult], None] | None = None,
                 progress: Progress | None = None, downloads_dir: Path | None = None,
                 wait_until: str = "load", stop: threading.Event | None = None,
                 exclusive: ExclusiveWork | None = None) -> None:
        self.lang = lang
        self.attempts = attempts
        self.step_timeout = step_timeout
        self.long_timeout = long_timeout
        self.observer: Observer = observer or NullObserver()
        self.on_failure = on_failure
        self.navigation_check = navigation_check
        self.login_steps = login_steps or []
        self.tracing = tracing
        self.backoff = backoff
        self.retry_budget = retry_budget
        self.diagnose = diagnose
        self.renew = renew
        self.max_relaunches = max_relaunches
        self.maybe_done = set(maybe_done)
        self.baselines: dict[str, Any] = {name: value for name, value in maybe_done.items() if value is not None} \
            if isinstance(maybe_done, Mapping) else {}
        self.events = events
        self.progress: Progress = progress or NoProgress()
        self.downloads_dir = downloads_dir  # where the browser streams downloads (for their progress)
        # when a navigation counts as done: each next action waits for its own element anyway, so a
        # run that is not recorded needs not wait for every picture and script ("load")
        self.wait_until = wait_until
        self.stop = stop  # set by the caller to stop between attempts (a campaign's Ctrl-C)
        self.exclusive = exclusive  # the site-wide locks of Step.exclusive (None: nobody to share with)
        self._holding = ""  # the exclusive work this run holds now
        self.relaunches = 0
        self.ctx = StepContext(self, page, knowledge, params, {})
        self.results: list[StepResult] = []
        self._start_urls: dict[str, str] = {}
        self._relogged = False
        self._dialog_texts: list[str] = []
        self._unexpected_dialog: str | None = None
        self._watch: _Attempts | None = None  # the site-changing step whose requests are being watched
        self.page = page
        self._attach(page)

    def _attach(self, page: Page) -> None:
        self.page = page
        self.ctx.page = page
        page.on("dialog", self._on_dialog)
        page.on("request", self._on_request)

    # -- hooks ------------------------------------------------------------------------------
    def after_navigation(self, ctx: StepContext, response: Response) -> None:
        if self.navigation_check is not None:
            self.navigation_check(ctx, response)

    def _on_dialog(self, dialog: Dialog) -> None:
        step = self.ctx.current
        text = f"{dialog.type}: {dialog.message}"
        if step is not None and step.dialog == dialog.type:
            self._dialog_texts.append(text)
            dialog.accept()
        else:
            self._unexpected_dialog = text
            dialog.dismiss()

    def _on_request(self, request: Any) -> None:
        # conservative: any page load or XHR while a site-changing step acts may carry the change
        if self._watch is not None and request.resource_type in ("document", "xhr", "fetch"):
            self._watch.maybe_sent = True

    # -- running ----------------------------------------------------------------------------
    def run(self, steps: Iterable[Step]) -> list[StepResult]:
        steps = list(steps)
        total = len(steps)
        try:
            for i, st in enumerate(steps):
                try:
                    self._run_with_retries(steps, i, total)
                except RobotError as failure:
                    self._clean_up(steps, i, total, failure)
                    raise
        finally:
            self._hold("")
        return self.results

    def _clean_up(self, steps: list[Step], failed: int, total: int, failure: RobotError) -> None:
        """After step ``failed`` failed: the later steps with a ``cleanup`` that says they are needed,
        in order, each with its retries. Their outcome is told in ``failure``'s hint, never instead of it."""
        last = None
        for j in range(failed + 1, len(steps)):
            st = steps[j]
            try:
                if st.cleanup is None or not st.cleanup(self.ctx):
                    continue
                log.warning("    after the failure, cleaning up: %s", st.caption(self.lang))
                self._run_with_retries(steps, j, total)
                last = st
            except Interrupted:
                break
            except Exception as err:  # noqa: BLE001 - the first failure is the run's; this one is told in it
                said = err.message if isinstance(err, RobotError) else _first_line(err)
                failure.hint = _joined(failure.hint, f"the clean-up after it failed too, at “{st.caption(self.lang)}”: "
                                                     f"{said}")
                return
        if last is not None:
            failure.hint = _joined(failure.hint, f"the robot still did its clean-up after it, down to "
                                                 f"“{last.caption(self.lang)}”")

    def _hold(self, name: str) -> None:
        """Hold the exclusive work ``name`` ("" for none) from now on: let go of another one held,
        take this one unless already held (waiting for it, interruptibly)."""
        if self._holding == name or self.exclusive is None:
            return
        if self._holding:
            self.exclusive.release(self._holding)
            log.debug("    released %s", self._holding)
            self._holding = ""
        if name:
            self.exclusive.acquire(name, self.stop)
            self._holding = name

    def _run_with_retries(self, steps: list[Step], i: int, total: int) -> None:
        st = steps[i]
        result = StepResult(index=len(self.results) + 1, name=st.name, caption=st.caption(self.lang),
                            changes_site=st.changes_site, teacher_caption=st.teacher_caption(self.lang))
        self.results.append(result)
        log.info("[%d/%d] %s — %s", i + 1, total, st.name, result.caption)
        self.ctx.current, self.ctx.result = st, result
        self._start_urls[st.name] = self.page.url
        result.started = time.time()
        t0 = time.monotonic()
        self.observer.step_started(self.ctx, result)
        self._event("started", result)
        attempts = 1 if st.retry == "never" else self.attempts
        state = _Attempts(maybe_sent=st.changes_site and st.name in self.maybe_done)
        try:
            for attempt in Retrying(stop=stop_after_attempt(attempts) | stop_after_delay(self.retry_budget),
                                    wait=wait_exponential(multiplier=self.backoff, max=8),
                                    retry=retry_if_exception_type(TransientError), reraise=True,
                                    sleep=interruptible_sleep(self.stop, st.name),
                                    before_sleep=lambda rs: log.warning(
                                        "    %s: attempt %d failed (%s); retrying", st.name,
                                        rs.attempt_number, rs.outcome.exception() if rs.outcome else "?")):
                with attempt:
                    result.attempts = attempt.retry_state.attempt_number
                    self._attempt(steps, i, result, state)
        except Interrupted:
            result.status = "interrupted"
            result.duration = time.monotonic() - t0
            result.error = "interrupted (stop asked)"
            self._event("finished", result)
            raise
        except Exception as err:
            result.status = "failed"
            result.duration = time.monotonic() - t0
            result.url = self.page.url
            failure = self._fail(st, result, err, unsure=st.changes_site and state.maybe_sent
                                 and isinstance(err, TransientError))
            self._event("finished", result)
            raise failure from err
        result.status = "ok"
        result.duration = time.monotonic() - t0
        result.url = self.page.url
        result.dialogs = list(self._dialog_texts)
        self._dialog_texts.clear()
        self.observer.step_finished(self.ctx, result)
        self._event("finished", result)

    def _event(self, kind: str, result: StepResult) -> None:
        if self.events is not None:
            self.events(kind, result)

    def _attempt(self, steps: list[Step], i: int, result: StepResult, state: _Attempts) -> None:
        """One attempt of step ``i``: get back on track after a failure, check before redoing, act."""
        st = steps[i]
        if result.attempts > 1 and self.stop is not None and self.stop.is_set():
            raise Interrupted(f"stopped before trying {st.name} again")
        try:
            if result.attempts > 1 and self._browser_gone(state.last_error):
                self._relaunch(result)
            if st.changes_site and state.maybe_sent and self._effect_already_there(st, result):
                return
            if result.attempts > 1:
                self._recover(steps, i)
            self._hold(st.exclusive)
            if st.changes_site:
                self._before_acting(st, result)
            self._watch = state if st.changes_site else None
            try:
                self._run_once(st)
            finally:
                self._watch = None
        except BaseException as err:
            state.last_error = err
            raise

    def _run_once(self, st: Step) -> None:
        self._unexpected_dialog = None
        if self.tracing is not None:
            self.tracing.before_step(st)
        try:
            if st.long:
                with self.progress.waiting(st.caption(self.lang)):
                    st.action(self.ctx)
            else:
                st.action(self.ctx)
        except PlaywrightTimeout as err:
            raise TransientError(f"timed out: {_first_line(err)}", kind="timeout") from err
        except SessionExpired:
            if self._relogged or not self.login_steps:
                raise
            self._relogged = True
            log.warning("    the session expired: logging in again once")
            self._relogin()
            raise
        except PlaywrightError as err:
            if is_gone_error(err):
                raise BrowserGone(f"the browser page is gone: {_first_line(err)}") from err
            if "net::ERR_CERT" in str(err):
                raise StepFailed(f"the site's TLS certificate is not trusted: {_first_line(err)}",
                                 kind="tls_untrusted") from err
            if self._unexpected_dialog:
                raise UnexpectedDialog(f"the page opened a dialog: {self._unexpected_dialog}") from err
            raise TransientError(_first_line(err)) from err
        if self._unexpected_dialog:
            raise UnexpectedDialog(f"the page opened a dialog this step does not expect: {self._unexpected_dialog}")

    # -- getting back on track ----------------------------------------------------------------
    def _browser_gone(self, error: BaseException | None) -> bool:
        if isinstance(error, BrowserGone):
            return True
        try:
            return self.page.is_closed() or not self.page.context.browser or not self.page.context.browser.is_connected()
        except PlaywrightError:
            return True

    def _relaunch(self, result: StepResult) -> None:
        """A new browser context (and browser, if it died), logged in again."""
        if self.renew is None or self.relaunches >= self.max_relaunches:
            again = " again" if self.relaunches else ""
            raise StepFailed(f"the browser died{again} during “{result.caption}”", kind="browser_gone",
                             attempts=result.attempts)
        self.relaunches += 1
        result.relaunched = True
        log.warning("    the browser is gone: starting a new one and logging in again")
        self._attach(self.renew())
        self._relogin()

    def _before_acting(self, st: Step, result: StepResult) -> None:
        """Snapshot the site before a site-changing step first acts (once: a redo keeps the first)."""
        if st.effect is not None and st.effect.baseline is not None and st.name not in self.baselines:
            self.baselines[st.name] = st.effect.baseline(self.ctx)
        result.baseline = self.baselines.get(st.name)
        self._event("acting", result)

    def _effect_already_there(self, st: Step, result: StepResult) -> bool:
        """A site-changing step whose request may have reached the site: is its effect there?"""
        effect = st.effect
        where = effect.describe(self.ctx) if effect else "the site"
        if effect is None or effect.check is None:
            raise StepFailed(f"the answer to “{result.caption}” was lost after the request reached the site; "
                             "the robot cannot tell whether the change was made, so it does not do it again",
                             kind="unverifiable_change", attempts=result.attempts,
                             hint=f"look at {where} before running the command again")
        log.info("    %s: checking whether the site already has it (%s)", st.name, where)
        saved = self.ctx.current, self.ctx.result
        try:
            done = bool(effect.check(self.ctx))
        except PlaywrightTimeout as err:
            raise TransientError(f"checking {where} timed out: {_first_line(err)}", kind="timeout") from err
        except PlaywrightError as err:
            if is_gone_error(err):
                raise BrowserGone(f"the browser page is gone: {_first_line(err)}") from err
            raise TransientError(f"checking {where} failed: {_first_line(err)}") from err
        finally:
            self.ctx.current, self.ctx.result = saved
        if done:
            log.warning("    %s: already done on the site (the lost answer's work is there): not done again", st.name)
            result.already_done = True
        return done

    def _relogin(self) -> None:
        saved = self.ctx.current, self.ctx.result
        for st in self.login_steps:
            self.ctx.current = st
            self._run_once(st)
        self.ctx.current, self.ctx.result = saved

    def _recover(self, steps: list[Step], i: int) -> None:
        st = steps[i]
        if st.retry == "in_place":
            return
        origin = st.replay_from or st.name
        j = next((n for n in range(i, -1, -1) if steps[n].name == origin), i)
        url = self._start_urls.get(steps[j].name)
        if url and url != "about:blank":
            log.info("    back to %s", url)
            response = self.page.goto(url, timeout=self.step_timeout * 1000, wait_until=self.wait_until)
            self.ctx.check_response(response)
        saved = self.ctx.current, self.ctx.result
        for n in range(j, i):
            self.ctx.current = steps[n]
            self._hold(steps[n].exclusive)
            self._run_once(steps[n])
        self.ctx.current, self.ctx.result = saved

    def _fail(self, st: Step, result: StepResult, err: Exception, *, unsure: bool = False) -> RobotError:
        """The error the run stops with. ``unsure``: a site-changing step whose request may have
        reached the site gave up without knowing whether its change was made: say where to look."""
        if isinstance(err, RobotError) and not isinstance(err, TransientError):
            error: RobotError = err
        elif isinstance(err, TransientError):
            plural = "s" if result.attempts > 1 else ""
            error = StepFailed(f"{err.message} (after {result.attempts} attempt{plural})",
                               status=getattr(err, "status", None), attempts=result.attempts, hint=err.hint,
                               kind=err.kind)
        else:
            error = StepFailed(_first_line(err))
        error.step = error.step or st.name
        if self.diagnose is not None:
            error = self.diagnose(st, error)
            error.step = error.step or st.name
        if unsure and st.effect is not None:
            look = (f"the change may have been made although its answer was lost (the last try was not "
                    f"checked): look at {st.effect.describe(self.ctx)} before running the command again")
            error.hint = f"{error.hint}; {look}" if error.hint else look
        result.error = error.message
        if self.on_failure is not None:
            try:  # a failure screenshot must never hide the failure itself
                error.artifacts = self.on_failure(self.ctx, st, error) or error.artifacts
            except Exception as shot_err:  # noqa: BLE001
                log.debug("    no failure artefacts: %s", _first_line(shot_err))
        try:
            self.observer.step_finished(self.ctx, result)
        except Exception as obs_err:  # noqa: BLE001 - a recording must never hide the failure
            log.debug("    recording after the failure: %s", _first_line(obs_err))
        return error


def _joined(hint: str | None, more: str) -> str:
    return f"{hint}; {more}" if hint else more


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__
