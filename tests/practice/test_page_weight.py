"""The practice pages weigh what the real Chamilo 1.11.32 pages weigh: the same libraries, pictures,
fonts and background calls, so a run meets the same load as on a real site (issue 13).

Each page is opened once in real Chromium; its requests are counted from navigation until the
`load` event and the calls that follow (network idle), by type, against the captured
requests.json: the total within ±20 %, each type within ±20 % (or one request).
"""
from __future__ import annotations

import collections
import json
from pathlib import Path
from typing import Iterator

import pytest

from practice_server.assets import vendor_ready
from tests.conftest import ACCEPT_LANGUAGE, chromium_executable

from .helpers import login

CAPTURES = Path(__file__).resolve().parents[3] / "shared" / "chamilo" / "pages" / "en"
pytestmark = [
    pytest.mark.skipif(not CAPTURES.is_dir(), reason="../shared/chamilo is absent"),
    pytest.mark.skipif(not vendor_ready(), reason="front-end libraries missing: python -m practice_server.assets"),
]

# captured step → the practice page standing for it (the teacher's DEMO101 plays ALPHA and BETA)
PAGES = {
    "01a-login": "/index.php",
    "02-user_portal": "/user_portal.php",
    "03-course_home_ALPHA": "/courses/DEMO101/index.php",
    "04-maintenance_ALPHA": "/main/course_info/maintenance.php?cidReq=DEMO101",
    "05a-create_backup-form": "/main/coursecopy/create_backup.php?cidReq=DEMO101",
    "06a-copy_course-form": "/main/coursecopy/copy_course.php?cidReq=DEMO101",
    "07a-recycle_course-form": "/main/coursecopy/recycle_course.php?cidReq=DEMO101",
    "10a-user_list_BETA-students": "/main/user/user.php?cidReq=DEMO101",
    "11a-announcement_add-form": "/main/announcements/announcements.php?action=add&cidReq=DEMO101",
    "12a-add_course-form": "/main/create_course/add_course.php",
}
TOLERANCE = 0.20
PLAYWRIGHT_TYPES = {"fetch": "xhr"}  # Playwright's resource type → the capture's


def captured(step: str) -> dict:
    return json.loads((CAPTURES / step / "requests.json").read_text())


def within(ours: int, real: int, slack: int = 0) -> bool:
    return abs(ours - real) <= max(slack, TOLERANCE * real)


@pytest.fixture(scope="module")
def desktop_browser(browser_type, browser_type_launch_args, playwright) -> Iterator:
    """The desktop Chromium, as in the captures (the headless shell the other tests use does not ask
    for the favicon, the captures' "other" requests)."""
    args = {**browser_type_launch_args, "executable_path": chromium_executable(playwright, headed=True)}
    browser = browser_type.launch(**args)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def contexts(desktop_browser) -> Iterator[dict]:
    """An anonymous context and a teacher's, shared by the module's pages (and so their browser
    cache, as in the captures, where one user went from page to page)."""
    made = {who: desktop_browser.new_context(extra_http_headers={"Accept-Language": ACCEPT_LANGUAGE["en"]})
            for who in ("anonymous", "teacher")}
    yield made
    for context in made.values():
        context.close()


def new_page(contexts: dict, who: str, base: str):
    """A page of ``who``'s context; the teacher logs in first (the server is reset after each test)."""
    page = contexts[who].new_page()
    page.set_default_timeout(20_000)
    if who == "teacher":
        login(page, base, "teacher", via_form=False)
    return page


def load_and_count(page, url: str) -> list[tuple[str, str, int | None]]:
    """Open ``url``; (type, path, status) of every request until the page is idle."""
    seen: list = []
    page.on("requestfinished", lambda r: seen.append(r))
    page.on("requestfailed", lambda r: seen.append(r))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    rows = []
    for r in seen:
        response = r.response() if r.failure is None else None
        path = "/" + r.url.split("/", 3)[3]
        rows.append((PLAYWRIGHT_TYPES.get(r.resource_type, r.resource_type), path, response.status if response else None))
    return rows


@pytest.mark.parametrize("step", list(PAGES))
def test_request_count_matches_the_real_page(contexts, practice_server, step):
    real = captured(step)
    page = new_page(contexts, "anonymous" if step == "01a-login" else "teacher", practice_server.url)
    rows = load_and_count(page, practice_server.url + PAGES[step])
    try:
        ours = collections.Counter(kind for kind, _, _ in rows)
        report = f"{step}: practice {len(rows)} {dict(ours)} vs real {real['requests']} {real['by_type']}"
        assert within(len(rows), real["requests"]), report
        for kind in set(ours) | set(real["by_type"]):
            assert within(ours.get(kind, 0), real["by_type"].get(kind, 0), slack=1), report
        assert [row for row in rows if row[2] is None or row[2] >= 400] == []
        # the same background calls as the real page, answered
        real_xhr = sorted(r["path"].split("&_=")[0] for r in real["list"] if r["type"] == "xhr")
        our_xhr = sorted(path.split("&_=")[0] for kind, path, _ in rows if kind == "xhr")
        assert our_xhr == real_xhr
    finally:
        page.close()


def test_the_session_clock_is_asked_again_every_minute(contexts, practice_server):
    """pollers.json: the course home calls session_clock.ajax.php?action=time again after 60 s."""
    page = new_page(contexts, "teacher", practice_server.url)
    try:
        page.clock.install()
        clock_calls = []
        page.on("request", lambda r: clock_calls.append(r.url) if "session_clock.ajax.php?action=time" in r.url else None)
        page.goto(practice_server.url + PAGES["03-course_home_ALPHA"], wait_until="load")
        page.wait_for_load_state("networkidle")
        assert len(clock_calls) == 1
        with page.expect_response(lambda r: "session_clock.ajax.php" in r.url) as answer:
            page.clock.fast_forward("01:00")
        body = answer.value.json()
        assert body["time_left"] > 0 and len(clock_calls) == 2
    finally:
        page.close()


def test_widgets_applied_as_on_the_real_pages(contexts, practice_server):
    """select2 on the add-course template and the course tags, bootstrap-select on the other lists,
    a jQuery UI date picker on the announcement's event dates, the two-sided recipients picker."""
    page = new_page(contexts, "teacher", practice_server.url)
    try:
        page.goto(practice_server.url + PAGES["12a-add_course-form"])
        assert page.locator("#add_course_course_template.select2-hidden-accessible + .select2-container").count() == 1
        assert page.locator(".bootstrap-select button[data-id=add_course_course_language]").count() == 1
        page.goto(practice_server.url + "/main/course_info/infocours.php?cidReq=DEMO101")
        assert page.locator("#extra_tags.select2-hidden-accessible + .select2-container .select2-search__field").count() == 1
        page.goto(practice_server.url + PAGES["11a-announcement_add-form"])
        assert page.locator("#event_date_start.hasDatepicker + img.ui-datepicker-trigger").count() == 1
        assert page.locator("#event_date_end.hasDatepicker").count() == 1
        page.click("#choose_recipients")
        page.click("#users_rightAll")
        assert page.locator("#users option").count() == 0 and page.locator("#users_to option").count() > 0
    finally:
        page.close()
