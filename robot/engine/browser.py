"""Finding, launching and relaunching Chromium. Knows Playwright, nothing about the site it drives.

A ``BrowserHost`` is one Playwright driver and one Chromium. A single command makes its own; a
campaign worker keeps one across its courses and opens a fresh context per course. When Chromium
dies (crash, killed process, out of memory) the host launches a new one: see ``Session.renew``.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from playwright.sync_api import Browser, BrowserContext, Error as PlaywrightError, Page, Playwright, sync_playwright

from ..files import make_dirs

DEBIAN_CHROMIUM = "/usr/lib/chromium/chromium"
# Debian's package chromium-headless-shell: the same engine without the desktop browser around it,
# what Playwright itself runs headless (about a quarter less time and CPU per run, docs/BENCHMARKS.md)
DEBIAN_HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"
QUIET_FLAGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# What Playwright says when the page, its context or the browser process is gone.
GONE_MARKERS = ("Target page, context or browser has been closed", "Target closed", "Browser has been closed",
                "browser has disconnected", "Browser closed", "Page crashed", "Target crashed",
                "Connection closed")


class BrowserNotFound(RuntimeError):
    pass


_SESSION_LOCK = threading.Lock()
_ENVIRON_LOCK = threading.Lock()


def driver_in_own_session() -> None:
    """Start Playwright's driver (and so Chromium, its child) in a session of its own, away from the
    terminal: a Ctrl-C reaches the robot only, which ends the running step and closes the browser
    itself. Otherwise the terminal's SIGINT goes to the whole process group and kills the driver
    and the browser under the running step (a campaign then ended with a crash of the interpreter).
    Done through Playwright's PLAYWRIGHT_NODEJS_PATH: a two-line wrapper that runs the bundled Node
    under setsid(1). Nothing changes when setsid is missing or the user set that variable."""
    with _SESSION_LOCK:
        if os.name != "posix" or os.environ.get("PLAYWRIGHT_NODEJS_PATH"):
            return
        setsid = shutil.which("setsid")
        if setsid is None:
            return
        try:
            from playwright._impl._driver import compute_driver_executable
            node, _cli = compute_driver_executable()
        except Exception:  # noqa: BLE001 - Playwright's layout changed: keep its own way of starting
            return
        folder = Path(tempfile.mkdtemp(prefix="robot-driver-"))
        atexit.register(shutil.rmtree, folder, True)
        wrapper = folder / "node"
        wrapper.write_text(f'#!/bin/sh\nexec {setsid} "{node}" "$@"\n')
        wrapper.chmod(0o700)
        os.environ["PLAYWRIGHT_NODEJS_PATH"] = str(wrapper)


def is_gone_error(err: BaseException) -> bool:
    """True when ``err`` says the page, context or browser no longer exists."""
    if type(err).__name__ == "TargetClosedError":
        return True
    text = str(err)
    return isinstance(err, PlaywrightError) and any(marker in text for marker in GONE_MARKERS)


def playwright_chromium(pw: Playwright | None = None) -> str | None:
    """Playwright's own Chromium, when `playwright install chromium` put it there."""
    try:
        if pw is not None:
            path = pw.chromium.executable_path
        else:
            with sync_playwright() as p:
                path = p.chromium.executable_path
    except Exception:  # noqa: BLE001 - Playwright raises when its registry has no entry
        return None
    return path if path and Path(path).is_file() else None


def find_browser(override: str | None = None, pw: Playwright | None = None, *, headed: bool = False) -> str:
    """The executable to launch: override > Playwright's Chromium > Debian's headless shell (when
    nobody watches) > Debian's chromium."""
    if override:
        found = override if Path(override).is_file() else shutil.which(override)
        if not found:
            raise BrowserNotFound(f"browser executable {override!r} (ROBOT_BROWSER / --browser) does not exist")
        return found
    own = playwright_chromium(pw)
    if own:
        return own
    if not headed and Path(DEBIAN_HEADLESS_SHELL).is_file():
        return DEBIAN_HEADLESS_SHELL
    if Path(DEBIAN_CHROMIUM).is_file():
        return DEBIAN_CHROMIUM
    raise BrowserNotFound(
        "no Chromium found. Run `scripts/setup.sh` (installs Debian's chromium), or "
        "`.venv/bin/playwright install chromium`, or point ROBOT_BROWSER at a Chromium executable")


def sandbox_flags(euid: int | None = None) -> list[str]:
    """Chromium keeps its sandbox (a page that exploits the renderer stays jailed) unless the robot
    runs as root, where Chromium refuses to start with it: then ``--no-sandbox``."""
    if euid is None:
        euid = os.geteuid() if hasattr(os, "geteuid") else -1
    return ["--no-sandbox"] if euid == 0 else []


@contextmanager
def environ_without(names: tuple[str, ...]) -> Iterator[None]:
    """``names`` out of this process's environment while a child starts (Playwright's driver copies
    it, and Chromium inherits the driver's): a secret read from the environment stays in the robot.
    Put back afterwards, under a lock (campaign workers start drivers from several threads)."""
    with _ENVIRON_LOCK:
        kept = {name: os.environ.pop(name) for name in names if name in os.environ}
        try:
            yield
        finally:
            os.environ.update(kept)


def launch_options(executable: str, *, headed: bool = False, slow_mo: float = 0.0,
                   downloads_dir: Path | None = None, extra_args: tuple[str, ...] = ()) -> dict:
    options = {
        "executable_path": executable,
        "headless": not headed,
        "slow_mo": slow_mo or None,
        "args": [*QUIET_FLAGS, *sandbox_flags(), *extra_args],
        # Ctrl-C is the robot's to handle (it ends the running step, then closes the browser): the
        # Playwright driver must not close the browser under it on the terminal's SIGINT
        "handle_sigint": False,
    }
    if downloads_dir is not None:  # the browser streams downloads straight into this folder (private)
        make_dirs(downloads_dir)
        options["downloads_path"] = str(downloads_dir)
    return options


def accept_language(lang: str) -> str:
    """A value a server matching languages exactly still understands (`fr-FR` alone is not enough)."""
    return "fr-FR,fr;q=0.9,en;q=0.5" if lang == "fr" else "en-US,en;q=0.9"


def browser_locale(lang: str) -> str:
    """The context's locale: the bare language. Chromium sends the locale alone as Accept-Language
    on page loads (the headless shell whatever ``extra_http_headers`` says): ``fr-FR`` alone is
    answered in English by servers that match languages exactly (docs/LANGUAGES.md), ``fr`` is
    matched everywhere."""
    return "fr" if lang == "fr" else "en"


@dataclass(frozen=True)
class LaunchSpec:
    """How to start Chromium (the same for every context of a host)."""

    executable: str | None = None
    headed: bool = False
    slow_mo: float = 0.0
    downloads_dir: Path | None = None
    extra_args: tuple[str, ...] = ()
    hidden_env: tuple[str, ...] = ()  # environment variables the driver and the browser must not see


@dataclass(frozen=True)
class ContextSpec:
    """How to open one browser context (one course's run)."""

    lang: str = "en"
    step_timeout: float = 30.0
    video_dir: Path | None = None
    video_size: tuple[int, int] = (1280, 720)
    ignore_https_errors: bool = False
    storage_state: Any = None  # a saved session (path or dict) to start logged in, or None
    extra_headers: dict[str, str] = field(default_factory=dict)
    blocked_urls: tuple[str, ...] = ()  # URL patterns the browser itself never fetches (see block_urls)

    def playwright_args(self) -> dict[str, Any]:
        args: dict[str, Any] = {
            "locale": browser_locale(self.lang),
            "extra_http_headers": {"Accept-Language": accept_language(self.lang), **self.extra_headers},
            "accept_downloads": True,
            "viewport": {"width": self.video_size[0], "height": self.video_size[1]},
            "ignore_https_errors": self.ignore_https_errors,
        }
        if self.video_dir is not None:
            args["record_video_dir"] = str(self.video_dir)
            args["record_video_size"] = {"width": self.video_size[0], "height": self.video_size[1]}
        if self.storage_state is not None:
            args["storage_state"] = self.storage_state
        return args


class BrowserHost:
    """One Playwright driver and one Chromium; launches a new Chromium when the old one is gone.
    ``playwright``: a driver already running in this thread (shared, not stopped by ``close``) —
    Playwright's sync API allows one driver per thread at a time."""

    def __init__(self, spec: LaunchSpec, playwright: Playwright | None = None) -> None:
        self.spec = spec
        self.launches = 0
        self._pw: Playwright | None = playwright
        self._own_driver = playwright is None
        self._browser: Browser | None = None

    def start(self) -> "BrowserHost":
        if self._pw is None:
            driver_in_own_session()
            with environ_without(self.spec.hidden_env):
                self._pw = sync_playwright().start()
        self._launch()
        return self

    def _launch(self) -> None:
        assert self._pw is not None
        exe = find_browser(self.spec.executable, self._pw, headed=self.spec.headed)
        self._browser = self._pw.chromium.launch(**launch_options(
            exe, headed=self.spec.headed, slow_mo=self.spec.slow_mo, downloads_dir=self.spec.downloads_dir,
            extra_args=self.spec.extra_args))
        self.launches += 1

    @property
    def browser(self) -> Browser:
        if self._browser is None:
            raise RuntimeError("the browser host is not started")
        return self._browser

    @property
    def playwright(self) -> Playwright:
        if self._pw is None:
            raise RuntimeError("the browser host is not started")
        return self._pw

    @property
    def alive(self) -> bool:
        return self._browser is not None and self._browser.is_connected()

    def relaunch(self) -> None:
        """Forget the old Chromium (dead or not) and start a new one."""
        self._close_browser()
        self._launch()

    def new_context(self, spec: ContextSpec) -> BrowserContext:
        """A fresh context; on a Chromium that died since the last run (a warm host, a campaign
        worker's between two courses), a new Chromium first. Playwright's sync API learns of the
        death only at the next call, so ``alive`` may still say yes: that call failing "closed" is
        the same news."""
        if not self.alive:
            self.relaunch()
        try:
            context = self.browser.new_context(**spec.playwright_args())
        except PlaywrightError as err:
            if not is_gone_error(err):
                raise
            self.relaunch()
            context = self.browser.new_context(**spec.playwright_args())
        context.set_default_timeout(spec.step_timeout * 1000)
        context.set_default_navigation_timeout(spec.step_timeout * 1000)
        return context

    def _close_browser(self) -> None:
        if self._browser is not None:
            try:
                self._browser.close()
            except Exception:  # noqa: BLE001 - closing a crashed browser
                pass
            self._browser = None

    def close(self) -> None:
        self._close_browser()
        if self._pw is not None and self._own_driver:
            try:
                self._pw.stop()
            except Exception:  # noqa: BLE001 - the driver may already be gone
                pass
        self._pw = None

    def __enter__(self) -> "BrowserHost":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


class WarmHosts:
    """Browsers kept running between the runs of one thread — a program that runs many commands in
    one process (the test suite does): each run opens a fresh context on a warm Chromium of the same
    launch settings instead of starting a Playwright driver and a Chromium of its own (about a second
    and a half of each run). Downloads go to a private folder of the pool's (like a campaign
    worker's). The ``keep`` most recently used browsers stay up, all on one Playwright driver.
    Playwright's sync API binds a driver to the thread that started it and allows one per thread:
    use a pool from one thread only, give its hosts to every run of that thread, and ``close()`` it
    there."""

    def __init__(self, keep: int = 2) -> None:
        self.keep = keep
        self._pw: Playwright | None = None
        self._hosts: dict[LaunchSpec, BrowserHost] = {}
        self._downloads = Path(tempfile.mkdtemp(prefix="robot-warm-downloads-"))

    def host_for(self, spec: LaunchSpec) -> BrowserHost:
        key = LaunchSpec(executable=spec.executable, headed=spec.headed, slow_mo=spec.slow_mo,
                         downloads_dir=self._downloads, extra_args=spec.extra_args, hidden_env=spec.hidden_env)
        host = self._hosts.pop(key, None)
        if host is None:
            if self._pw is None:
                driver_in_own_session()
                with environ_without(spec.hidden_env):
                    self._pw = sync_playwright().start()
            host = BrowserHost(key, self._pw).start()
        self._hosts[key] = host  # the most recently used last
        while len(self._hosts) > self.keep:
            oldest = next(iter(self._hosts))
            self._hosts.pop(oldest).close()
        return host

    def close(self) -> None:
        for host in self._hosts.values():
            host.close()
        self._hosts.clear()
        if self._pw is not None:
            try:
                self._pw.stop()
            except Exception:  # noqa: BLE001 - the driver may already be gone
                pass
            self._pw = None
        shutil.rmtree(self._downloads, ignore_errors=True)


def new_page(context: BrowserContext, spec: ContextSpec) -> Page:
    page = context.new_page()
    if spec.blocked_urls:
        block_urls(context, page, spec.blocked_urls)
    return page


def block_urls(context: BrowserContext, page: Page, patterns: tuple[str, ...]) -> None:
    """Chromium itself refuses these URLs (``*`` wildcards), once for the page: unlike Playwright's
    routing, no request makes a round trip to the robot. For what no step reads (pictures, fonts,
    background polls) in a run that is not recorded."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setBlockedURLs", {"urls": list(patterns)})


@dataclass
class BrowserSession:
    """The context and page of one run on a host. ``renew()`` replaces both (and the browser, when
    it died) — the caller logs in again."""

    host: BrowserHost
    spec: ContextSpec
    context: BrowserContext
    page: Page

    @classmethod
    def open(cls, host: BrowserHost, spec: ContextSpec) -> "BrowserSession":
        context = host.new_context(spec)
        return cls(host, spec, context, new_page(context, spec))

    @property
    def browser(self) -> Browser:
        return self.host.browser

    @property
    def playwright(self) -> Playwright:
        return self.host.playwright

    def renew(self) -> Page:
        self.close_context()
        if not self.host.alive:
            self.host.relaunch()
        self.context = self.host.new_context(self.spec)
        self.page = new_page(self.context, self.spec)
        return self.page

    def close_context(self) -> None:
        try:
            self.context.close()
        except Exception:  # noqa: BLE001 - closing a crashed context
            pass


def ffmpeg_for_playwright() -> Path | None:
    """Where Playwright looks for ffmpeg (video recording), if it is there."""
    import json
    import playwright

    browsers_json = Path(playwright.__file__).parent / "driver" / "package" / "browsers.json"
    try:
        data = json.loads(browsers_json.read_text())
    except OSError:
        return None
    rev = next((b["revision"] for b in data.get("browsers", []) if b.get("name") == "ffmpeg"), None)
    if rev is None:
        return None
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright")
    path = root / f"ffmpeg-{rev}" / "ffmpeg-linux"
    return path if path.exists() else None
