"""Recording a run for training: what a trainer makes with a screen recorder and a word processor.

A ``Recorder`` is the runner's observer. Into ``<parent>/<YYYYmmdd-HHMMSS>-<name>/`` it writes
``video.webm`` (Playwright video), ``video.vtt`` (one subtitle cue per step the guide shows),
``trace.zip`` (started after the login, see ``TraceKeeper``), ``steps/NN-<step>.png`` (the element
about to be clicked outlined, the caption drawn on it, secret fields masked), ``guide.html`` (one
file, pictures inside: robot/engine/guide.py) / ``guide.pdf`` and ``run.json`` (everything a guide
is written from: ``guide.rewrite_html`` writes another one without a new run). ``execute()`` calls ``after`` before the browser context closes (trace, last
frames) and ``after_close`` once the video file is complete. Knows nothing about the site it drives.
"""
from __future__ import annotations

import json
import logging
import shutil
import subprocess
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError, Locator

from . import browser as browser_mod
from .guide import GUIDES, vtt_text, write_html
from .overlay import hide_overlay, show_overlay
from .run import RunOutcome, RunSettings, TraceKeeper, safe_name
from .steps import StepContext, StepResult

log = logging.getLogger("robot")

MASK_COLOR = "#FF00FF"
PAGE_LANG_JS = "() => (document.documentElement.getAttribute('lang') || '').trim().slice(0, 2).toLowerCase()"
FFMPEG_FIX = ("run scripts/setup.sh: it links Debian's ffmpeg (apt install ffmpeg) where Playwright "
              "looks for it")


@dataclass
class RecordOptions:
    parent: Path
    name: str  # the run's name, e.g. "backup-MATHS"
    lang: str = "en"
    pause: float = 0.0  # seconds held after each step, for reading (demo)
    highlight: float = 0.0  # seconds the outline stays on screen before the click (demo)
    end_hold: float = 0.5  # last frames of the video, after the last step
    meta: dict[str, Any] = field(default_factory=dict)  # the guide's cover: title, site, product, version, course
    guide: str = "teacher"  # "teacher": the steps a person does, in a person's words; "full": every step
    intro_html: str = ""  # the guide's opening words, already safe HTML (robot/engine/intro.py)

    def __post_init__(self) -> None:
        if self.guide not in GUIDES:
            raise ValueError(f"unknown guide {self.guide!r} (one of {', '.join(GUIDES)})")


class Recorder:
    """Observer + execute() hooks. ``prepare`` the settings, pass ``hooks()`` to ``execute``."""

    def __init__(self, options: RecordOptions) -> None:
        self.o = options
        self.started = time.time()
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self.started))
        folder = options.parent / f"{stamp}-{safe_name(options.name)}"
        n = 1
        while folder.exists():
            n += 1
            folder = options.parent / f"{stamp}-{safe_name(options.name)}-{n}"
        self.folder = folder
        self.settings: RunSettings | None = None
        self.video_note = ""
        self.raw_video: Path | None = None
        self.trace: Path | None = None
        self.t0 = time.monotonic()
        self.t_end: float | None = None
        self.timing: dict[int, dict[str, float]] = {}
        self.page_langs: dict[int, str] = {}  # each step's page language, as the page says (<html lang>)
        self.numbers: dict[int, int] = {}  # a step's number in the guide (run index → guide number)
        self.in_secret_step = False  # the step running (or the last one) handles a secret (the login)
        self.problems: list[str] = []

    # -- before the browser starts ---------------------------------------------------------------
    def prepare(self, settings: RunSettings) -> RunSettings:
        video_dir = None
        if browser_mod.ffmpeg_for_playwright() is None:
            self.video_note = f"video unavailable: Playwright's ffmpeg is missing; {FFMPEG_FIX}"
            log.warning("recording without video: Playwright's ffmpeg is missing; %s", FFMPEG_FIX)
        else:
            video_dir = self.folder / ".video"
        # a recording shows whole pages: every picture and font, each page loaded to its end
        self.settings = replace(settings, video_dir=video_dir, trace=True, trace_screenshots=True, trace_snapshots=True,
                                blocked_urls=(), wait_until="load")
        return self.settings

    def hooks(self) -> dict[str, Any]:
        return {"observer_factory": self.attach, "after": self.before_close, "after_close": self.after_close}

    # -- observer ---------------------------------------------------------------------------------
    def attach(self, session: Any, settings: RunSettings) -> "Recorder":
        self.t0 = time.monotonic()  # the page (and its video) was created just now
        self.settings = settings
        (self.folder / "steps").mkdir(parents=True, exist_ok=True)
        if settings.video_dir is not None and session.page.video is not None:
            self.raw_video = Path(session.page.video.path())
        return self

    def _now(self) -> float:
        return time.monotonic() - self.t0

    def step_started(self, ctx: StepContext, result: StepResult) -> None:
        self.timing[result.index] = {"start": self._now()}
        self.in_secret_step = bool(ctx.current is not None and ctx.current.handles_secret)
        if self.o.guide == "full" or result.teacher_caption is not None:  # a step the guide shows
            self.numbers[result.index] = len(self.numbers) + 1

    def _caption(self, result: StepResult) -> str:
        """What the pictures and the video say of a step: the guide's number and words (nothing
        for a step the teacher's guide leaves out)."""
        number = self.numbers.get(result.index)
        if number is None:
            return ""
        text = result.caption if self.o.guide == "full" else (result.teacher_caption or result.caption)
        return f"{number}. {text}"

    def before_action(self, ctx: StepContext, locator: Locator | None) -> None:
        if ctx.result is not None and not ctx.result.screenshot:
            self._shoot(ctx, ctx.result, locator)

    def step_finished(self, ctx: StepContext, result: StepResult) -> None:
        if not result.screenshot:
            self._shoot(ctx, result, None)
        if self.o.pause and result.status == "ok":
            ctx.page.wait_for_timeout(self.o.pause * 1000)
        self.timing.setdefault(result.index, {"start": self._now()})["end"] = self._now()

    def _shoot(self, ctx: StepContext, result: StepResult, locator: Locator | None) -> None:
        page, name = ctx.page, f"{result.index:02d}-{safe_name(result.name)}.png"
        secrets = self.settings.secret_selectors if self.settings else ()
        try:
            show_overlay(page, locator, self._caption(result))
            page.screenshot(path=str(self.folder / "steps" / name), mask=[page.locator(s) for s in secrets],
                            mask_color=MASK_COLOR, animations="disabled", caret="hide", timeout=10_000)
            if self.o.highlight:
                page.wait_for_timeout(self.o.highlight * 1000)
        except PlaywrightError as err:
            self.problems.append(f"no screenshot for step {result.name}: {str(err).splitlines()[0]}")
            return
        finally:
            hide_overlay(page)
        result.screenshot = f"steps/{name}"
        try:
            self.page_langs[result.index] = str(page.evaluate(PAGE_LANG_JS) or "")
        except PlaywrightError:
            pass

    # -- hooks of execute() -----------------------------------------------------------------------
    def before_close(self, session: Any, outcome: RunOutcome, tracer: TraceKeeper) -> None:
        try:
            if self.o.end_hold:
                session.page.wait_for_timeout(self.o.end_hold * 1000)
        except PlaywrightError:
            pass
        try:
            self.trace = tracer.save(self.folder / "trace.zip")
        except PlaywrightError as err:
            self.problems.append(f"no trace: {err}")
        for n in range(1, tracer.parts + 1):  # chunks closed before a re-login (TraceKeeper)
            part = tracer._spill_dir() / f"trace-part{n}.zip"
            if part.is_file():
                shutil.copy2(part, self.folder / part.name)
        self.t_end = self._now()

    def after_close(self, session: Any, outcome: RunOutcome, error: BaseException | None) -> None:
        """The context is closed: the video is complete. Write everything else."""
        if self.t_end is None:
            self.t_end = self._now()
        self._keep_failure_trace(error)
        video, duration = self._keep_video(drop=error is not None and self.in_secret_step)
        steps = self.step_dicts(outcome.results)
        meta = {**self.o.meta, "date": time.strftime("%Y-%m-%d %H:%M", time.localtime(self.started)),
                "duration": outcome.duration, "outcome": "ok" if error is None else "failed",
                "error": getattr(error, "message", str(error)) if error is not None else ""}
        pdf = None
        vtt = vtt_text(steps, duration or self.t_end, self.o.guide)
        for what, write in (("video.vtt", lambda: (self.folder / "video.vtt").write_text(vtt, encoding="utf-8")),
                            ("guide.html", lambda: write_html(self.folder / "guide.html", lang=self.o.lang, meta=meta,
                                                              steps=steps, video="video.webm" if video else None,
                                                              vtt=vtt, guide=self.o.guide,
                                                              intro_html=self.o.intro_html)),
                            ("guide.pdf", lambda: self._print_pdf(session))):
            try:
                result = write()
                pdf = result if what == "guide.pdf" else pdf
            except Exception as err:  # noqa: BLE001 - a recording problem must not fail the run
                self.problems.append(f"no {what}: {str(err).splitlines()[0] if str(err) else type(err).__name__}")
        self._write_run_json(meta, steps, video, duration, pdf)
        outcome.extra["recording"] = str(self.folder)
        for problem in self.problems:
            log.warning("recording: %s", problem)
        log.info("recording saved in %s", self.folder)

    # -- pieces -----------------------------------------------------------------------------------
    def step_dicts(self, results: list[StepResult]) -> list[dict[str, Any]]:
        steps = []
        for r in results:
            t = self.timing.get(r.index, {})
            start = t.get("start", 0.0)
            steps.append({"index": r.index, "name": r.name, "caption": r.caption, "status": r.status,
                          "attempts": r.attempts, "start": round(start, 3), "end": round(t.get("end", start), 3),
                          "duration": round(r.duration, 3), "url": r.url, "label": r.label,
                          "screenshot": r.screenshot, "error": r.error,
                          "teacher_caption": r.teacher_caption, "robot_only": r.teacher_caption is None,
                          "notes": list(r.notes), "page_lang": self.page_langs.get(r.index, "")})
        return steps

    def _keep_video(self, drop: bool = False) -> tuple[Path | None, float | None]:
        """``drop``: the run failed while signing in — the page it failed on (a server's error page
        echoing the login form, a password field shown as text) was filmed before the failure page
        was cleaned of the password (robot/engine/failure_page.py): no video is kept."""
        raw_dir = self.folder / ".video"
        video = None
        if drop and self.raw_video is not None:
            self.video_note = ("video not kept: the run failed while signing in, and the page it failed on may "
                               "show the password")
            self.problems.append(self.video_note)
        elif self.raw_video is not None and self.raw_video.is_file() and self.raw_video.stat().st_size > 0:
            video = self.folder / "video.webm"
            shutil.move(str(self.raw_video), video)
        elif self.settings is not None and self.settings.video_dir is not None:
            self.video_note = self.video_note or "video unavailable: the browser wrote no video file"
        shutil.rmtree(raw_dir, ignore_errors=True)
        return video, (probe_duration(video) if video else None)

    def _keep_failure_trace(self, error: BaseException | None) -> None:
        artifacts = getattr(error, "artifacts", None)
        if self.trace is None and artifacts and (Path(artifacts) / "trace.zip").is_file():
            self.trace = Path(shutil.copy2(Path(artifacts) / "trace.zip", self.folder / "trace.zip"))

    def _print_pdf(self, session: Any) -> Path:
        """guide.html → guide.pdf in a headless browser (the run's own one unless it was headed)."""
        settings = self.settings or RunSettings()
        browser, own = session.browser, False
        if settings.headed:
            exe = browser_mod.find_browser(settings.browser, session.playwright)
            browser, own = session.playwright.chromium.launch(**browser_mod.launch_options(exe)), True
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto((self.folder / "guide.html").resolve().as_uri(), wait_until="load")
            path = self.folder / "guide.pdf"
            page.pdf(path=str(path), print_background=True, prefer_css_page_size=True)
            return path
        finally:
            context.close()
            if own:
                browser.close()

    def _write_run_json(self, meta: dict[str, Any], steps: list[dict[str, Any]], video: Path | None,
                        duration: float | None, pdf: Path | None) -> None:
        doc = {
            "schema_version": 1, "name": self.o.name, "lang": self.o.lang,
            **{k: meta.get(k) for k in ("title", "command", "course", "site", "product", "version")},
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(self.started)), "date": meta["date"],
            "seconds": round(float(meta["duration"]), 3), "outcome": meta["outcome"], "error": meta["error"],
            "steps": steps,
            "video": {"available": video is not None, "file": video.name if video else None,
                      "seconds": duration, "subtitles": "video.vtt", "note": self.video_note},
            "trace": self.trace.name if self.trace else None,
            "guide": {"html": "guide.html", "pdf": pdf.name if pdf else None, "kind": self.o.guide},
            "intro_html": self.o.intro_html,
            "pause_per_step": self.o.pause, "problems": self.problems,
        }
        (self.folder / "run.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")


def probe_duration(video: Path) -> float | None:
    """The video's duration in seconds, read by ffprobe (None when ffprobe is missing or cannot tell)."""
    exe = shutil.which("ffprobe")
    if exe is None:
        ffmpeg = browser_mod.ffmpeg_for_playwright()
        sibling = ffmpeg.resolve().with_name("ffprobe") if ffmpeg else None
        exe = str(sibling) if sibling and sibling.is_file() else None
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(video)],
                             capture_output=True, text=True, timeout=60).stdout.strip()
        return float(out)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None
