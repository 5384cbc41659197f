"""The engine's site-wide work (Step.exclusive, robot/engine/steps.py) on real Chromium pages, no
site: held from the first step that declares it through the next ones that do, let go at the first
step that does not, taken again for the steps a retry replays, kept across a browser that died, and
always let go when the run fails or is stopped — a lock left held would stop every other worker."""
from __future__ import annotations

import queue
import threading

import pytest
from playwright.sync_api import sync_playwright

from robot.engine.steps import Runner, StepContext, step
from robot.errors import Interrupted, StepFailed, TransientError

WORK = "course-archiver"


class Recorder:
    """An ExclusiveWork that writes down what the runner asks, between the steps' own lines."""

    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.held = False

    def acquire(self, name: str, stop: threading.Event | None = None) -> None:
        assert not self.held, "taken twice without being let go"
        self.held = True
        self.log.append(f"take {name}")

    def release(self, name: str) -> None:
        assert self.held, "let go without being taken"
        self.held = False
        self.log.append(f"let go {name}")


class OwnBrowser:
    """A Chromium in a thread of its own (Playwright's sync API: one driver per thread, and
    pytest-playwright may hold the main thread's); ``call(fn)`` runs ``fn(browser)`` there."""

    def __init__(self) -> None:
        self._calls: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._serve, name="exclusive-steps", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        from robot.engine.browser import find_browser

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=find_browser(None, pw))
            while (job := self._calls.get()) is not None:
                fn, box, done = job
                try:
                    box["result"] = fn(browser)
                except BaseException as exc:  # noqa: BLE001 - raised in the test's thread
                    box["exc"] = exc
                done.set()
            browser.close()

    def call(self, fn):
        box: dict = {}
        done = threading.Event()
        self._calls.put((fn, box, done))
        assert done.wait(60), "the scenario hung"
        if "exc" in box:
            raise box["exc"]
        return box["result"]

    def close(self) -> None:
        self._calls.put(None)
        self._thread.join(30)


@pytest.fixture(scope="module")
def chromium():
    own = OwnBrowser()
    yield own
    own.close()


def run(chromium, steps, log, **options):
    def scenario(browser):
        context = browser.new_context()
        work = Recorder(log)
        runner = Runner(context.new_page(), knowledge=None, params=None, exclusive=work,
                        renew=lambda: context.new_page(), **{"backoff": 0.01, **options})
        try:
            runner.run(steps)
        finally:
            context.close()
        return runner, work
    return chromium.call(scenario)


def test_held_through_its_steps_taken_again_for_a_replay_kept_across_a_dead_page(chromium):
    log: list[str] = []
    tries = {"verify": 0, "download": 0}

    @step("open_form", en="o", fr="o")
    def open_form(s: StepContext) -> None:
        log.append("open_form")

    @step("submit", en="s", fr="s", exclusive=WORK, replay_from="open_form")
    def submit(s: StepContext) -> None:
        log.append("submit")

    @step("download", en="d", fr="d", exclusive=WORK, retry="in_place")
    def download(s: StepContext) -> None:
        tries["download"] += 1
        if tries["download"] == 1:  # the page dies mid-download: a new one, the same download again
            s.page.close()
            s.page.title()
        log.append("download")

    @step("verify", en="v", fr="v", replay_from="open_form")
    def verify(s: StepContext) -> None:
        tries["verify"] += 1
        log.append("verify")
        if tries["verify"] == 1:  # a broken zip: made again from the form
            raise TransientError("broken zip")

    runner, work = run(chromium, [open_form, submit, download, verify], log)
    assert runner.relaunches == 1 and not work.held
    assert log == ["open_form", f"take {WORK}", "submit", "download", f"let go {WORK}", "verify",
                   "open_form", f"take {WORK}", "submit", "download", f"let go {WORK}", "verify"], log


def test_let_go_when_the_run_fails_in_it(chromium):
    log: list[str] = []

    @step("submit", en="s", fr="s", exclusive=WORK)
    def submit(s: StepContext) -> None:
        raise StepFailed("the site's archive folder is not writable")

    with pytest.raises(StepFailed):
        run(chromium, [submit], log)
    assert log == [f"take {WORK}", f"let go {WORK}"]


def test_let_go_when_stopped_while_waiting_to_try_again(chromium):
    log: list[str] = []
    stop = threading.Event()

    @step("submit", en="s", fr="s", exclusive=WORK)
    def submit(s: StepContext) -> None:
        log.append("submit")
        threading.Timer(0.2, stop.set).start()
        raise TransientError("HTTP 500")

    with pytest.raises(Interrupted):
        run(chromium, [submit], log, stop=stop, attempts=3, backoff=5.0)  # stopped early in a 5 s wait
    assert log == [f"take {WORK}", "submit", f"let go {WORK}"]  # one attempt, then stopped in the wait
