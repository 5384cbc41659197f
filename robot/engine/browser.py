"""Finding and launching Chromium. Knows Playwright, nothing about the site it drives."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

DEBIAN_CHROMIUM = "/usr/lib/chromium/chromium"
QUIET_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class BrowserNotFound(RuntimeError):
    pass


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


def find_browser(override: str | None = None, pw: Playwright | None = None) -> str:
    """The executable to launch: override > Playwright's Chromium > Debian's chromium."""
    if override:
        found = override if Path(override).is_file() else shutil.which(override)
        if not found:
            raise BrowserNotFound(f"browser executable {override!r} (ROBOT_BROWSER / --browser) does not exist")
        return found
    own = playwright_chromium(pw)
    if own:
        return own
    if Path(DEBIAN_CHROMIUM).is_file():
        return DEBIAN_CHROMIUM
    raise BrowserNotFound(
        "no Chromium found. Run `scripts/setup.sh` (installs Debian's chromium), or "
        "`.venv/bin/playwright install chromium`, or point ROBOT_BROWSER at a Chromium executable")


def launch_options(executable: str, *, headed: bool = False, slow_mo: float = 0.0,
                   downloads_dir: Path | None = None, extra_args: tuple[str, ...] = ()) -> dict:
    options = {
        "executable_path": executable,
        "headless": not headed,
        "slow_mo": slow_mo or None,
        "args": [*QUIET_FLAGS, *extra_args],
    }
    if downloads_dir is not None:  # the browser streams downloads straight into this folder
        downloads_dir.mkdir(parents=True, exist_ok=True)
        options["downloads_path"] = str(downloads_dir)
    return options


def accept_language(lang: str) -> str:
    """A value a server matching languages exactly still understands (`fr-FR` alone is not enough)."""
    return "fr-FR,fr;q=0.9,en;q=0.5" if lang == "fr" else "en-US,en;q=0.9"


@dataclass
class BrowserSession:
    playwright: Playwright
    browser: Browser
    context: BrowserContext
    page: Page


@contextmanager
def open_session(*, executable: str | None, lang: str, headed: bool = False, slow_mo: float = 0.0,
                 step_timeout: float = 30.0, video_dir: Path | None = None,
                 video_size: tuple[int, int] = (1280, 720), ignore_https_errors: bool = False,
                 downloads_dir: Path | None = None, extra_args: tuple[str, ...] = (),
                 ) -> Iterator[BrowserSession]:
    """Playwright → browser → context → page; everything closed on exit."""
    with sync_playwright() as pw:
        exe = find_browser(executable, pw)
        browser = pw.chromium.launch(**launch_options(exe, headed=headed, slow_mo=slow_mo,
                                                      downloads_dir=downloads_dir, extra_args=extra_args))
        try:
            ctx_args: dict = {
                "locale": "fr-FR" if lang == "fr" else "en-US",
                "extra_http_headers": {"Accept-Language": accept_language(lang)},
                "accept_downloads": True,
                "viewport": {"width": video_size[0], "height": video_size[1]},
                "ignore_https_errors": ignore_https_errors,
            }
            if video_dir is not None:
                ctx_args["record_video_dir"] = str(video_dir)
                ctx_args["record_video_size"] = {"width": video_size[0], "height": video_size[1]}
            context = browser.new_context(**ctx_args)
            context.set_default_timeout(step_timeout * 1000)
            context.set_default_navigation_timeout(step_timeout * 1000)
            page = context.new_page()
            try:
                yield BrowserSession(pw, browser, context, page)
            finally:
                try:
                    context.close()
                except Exception:  # noqa: BLE001 - closing a crashed context
                    pass
        finally:
            browser.close()


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
