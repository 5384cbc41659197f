"""Shared fixtures: the practice Chamilo (one per test session, reset after every test) and the
Chromium that pytest-playwright launches (Debian's when Playwright's own is not installed)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

import pytest

from practice_server import PracticeServer

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEBIAN_CHROMIUM = "/usr/lib/chromium/chromium"
DEBIAN_HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"

# Accept-Language that makes Chamilo 1.11.32 choose the language of anonymous pages
ACCEPT_LANGUAGE = {"en": "en-US,en;q=0.9", "fr": "fr-FR,fr;q=0.9"}


def chromium_executable(playwright=None, headed: bool = False) -> str | None:
    """ROBOT_BROWSER, else Playwright's own Chromium if installed, else Debian's (its headless shell
    when headless, as the robot).  Always an explicit path: Playwright's default headless binary
    (chromium_headless_shell) may be absent."""
    env = os.environ.get("ROBOT_BROWSER")
    if env:
        return env
    if playwright is not None:
        try:
            own = playwright.chromium.executable_path
            if own and Path(own).exists():
                return own
        except Exception:
            pass
    if not headed and Path(DEBIAN_HEADLESS_SHELL).exists():
        return DEBIAN_HEADLESS_SHELL
    return DEBIAN_CHROMIUM if Path(DEBIAN_CHROMIUM).exists() else None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, playwright):
    """pytest-playwright's launch arguments + our executable and Chromium flags."""
    args = dict(browser_type_launch_args)
    exe = chromium_executable(playwright, headed=args.get("headless") is False)
    if exe:
        args["executable_path"] = exe
    args["args"] = list(args.get("args") or []) + CHROMIUM_ARGS
    return args


def locks_outside_the_tests(site_url: str) -> list[Path]:
    """Course locks of ``site_url`` in the robot's default lock folder (~/.cache/chamilo-robot/locks):
    a robot run of the tests that forgot ROBOT_LOCK_DIR (its test's tmp dir) left them there."""
    from robot.config import default_lock_dir
    from robot.locks import lock_path

    folder = default_lock_dir(os.environ)
    if not folder.is_dir():
        return []
    return [p for p in folder.glob("*-*.lock") if p == lock_path(folder, site_url, p.name.split("-", 1)[0])]


@pytest.fixture(scope="session")
def practice_server(tmp_path_factory) -> Iterator[PracticeServer]:
    """The practice Chamilo (no BIG50), on a free port, for the whole test session."""
    srv = PracticeServer(data_dir=tmp_path_factory.mktemp("practice-chamilo"))
    srv.start(host="127.0.0.1", port=0)
    yield srv
    srv.stop()
    assert not locks_outside_the_tests(srv.url), "a robot run of the tests did not set ROBOT_LOCK_DIR"


@pytest.fixture(scope="session")
def big_practice_server(tmp_path_factory) -> Iterator[PracticeServer]:
    """A second practice Chamilo with the ~50 MB BIG50 course (only started by tests that ask)."""
    srv = PracticeServer(data_dir=tmp_path_factory.mktemp("practice-chamilo-big"), big_course=True)
    srv.start(host="127.0.0.1", port=0)
    yield srv
    srv.stop()
    assert not locks_outside_the_tests(srv.url), "a robot run of the tests did not set ROBOT_LOCK_DIR"


@pytest.fixture
def server_url(practice_server: PracticeServer) -> str:
    """``http://127.0.0.1:<port>`` of the session's practice Chamilo."""
    return practice_server.url


@pytest.fixture(autouse=True)
def _reset_practice_servers(request) -> Iterator[None]:
    """After each test that used a practice server: disarm faults, back to the seed."""
    servers = [request.getfixturevalue(name) for name in ("practice_server", "big_practice_server")
               if name in request.fixturenames]
    yield
    for srv in servers:
        srv.state.faults.clear()
        srv.state.reset()


@pytest.fixture(scope="session")
def _shared_contexts(browser) -> Iterator[dict]:
    """One browser context per language, reused by open_page() across tests (cookies cleared)."""
    pool: dict = {}
    yield pool
    for context in pool.values():
        context.close()


def _new_context(browser, lang: str, **context_args):
    # Only the header: Playwright's locale= would make navigations send just "fr-FR", which
    # Chamilo (and the practice Chamilo) answers in English.
    return browser.new_context(extra_http_headers={"Accept-Language": ACCEPT_LANGUAGE[lang]},
                               accept_downloads=True, **context_args)


@pytest.fixture
def open_page(browser, _shared_contexts) -> Iterator[Callable]:
    """``open_page(lang="en")`` → a new Page whose requests carry an Accept-Language that makes
    Chamilo pick ``lang``.  Pages of one test share cookies (same context); each test starts
    without cookies.  ``fresh=True`` (or context keyword arguments) gives the page a context of
    its own (another user at the same time)."""
    own_contexts, pages, used = [], [], set()

    def factory(lang: str = "en", fresh: bool = False, **context_args):
        if fresh or context_args:
            context = _new_context(browser, lang, **context_args)
            own_contexts.append(context)
        else:
            context = _shared_contexts.get(lang)
            if context is None:
                context = _shared_contexts[lang] = _new_context(browser, lang)
            if lang not in used:
                context.clear_cookies()
                used.add(lang)
        page = context.new_page()
        page.set_default_timeout(10_000)
        if not (fresh or context_args):  # a page of its own context goes with it (context.close below)
            pages.append(page)
        return page

    yield factory
    for page in pages:
        if not page.is_closed():
            page.close()
    for lang in used:
        _shared_contexts[lang].clear_cookies()
    for context in own_contexts:
        context.close()


@pytest.fixture
def robot_env(server_url: str, tmp_path: Path) -> dict[str, str]:
    """Settings for a robot run against the practice Chamilo, as a teacher (see tests/robot_run.py)."""
    return {
        "CHAMILO_URL": server_url,
        "CHAMILO_USERNAME": "teacher",
        "CHAMILO_PASSWORD": "teacher",
        "ROBOT_OUT": str(tmp_path / "backups"),
        "ROBOT_RECORDINGS": str(tmp_path / "recordings"),
        "ROBOT_LOCK_DIR": str(tmp_path / "locks"),
        "ROBOT_STEP_TIMEOUT": "15",
        "PATH": "/usr/bin:/bin",
    }
