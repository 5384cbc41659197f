"""What the "keep, close or hand over a course" procedures share (issue 4): their parameters, the
backup guard of the destructive ones, typing into a CKEditor as a person does, clicking the
JavaScript action links of Chamilo's tables, and reading alerts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from playwright.sync_api import Error as PlaywrightError, Locator, Response

from robot.engine.steps import StepContext, step
from robot.errors import CourseError, StepFailed, TransientError, UsageError

from .archive import BackupReport
from .backup import BackupParams
from .backup import open_maintenance  # noqa: F401  (re-exported for the flows of this issue)
from .common import url


@dataclass
class CourseAdminParams(BackupParams):
    """A course procedure; as BackupParams so that ``--backup-first`` can run the backup steps with
    the same parameters (``items`` stays empty there: the guard's backup is always complete)."""

    backup_report: BackupReport | None = None  # a verified backup given with --backup FILE
    needs_backup: bool = False  # destructive: refuse to click before a verified backup


# --- the backup guard ----------------------------------------------------------------------

@step("check_backup", en="Check that a verified backup of the course exists", retry="never",
      fr="Vérifier qu'une sauvegarde vérifiée du cours existe", robot_only=True)
def check_backup(s: StepContext) -> None:
    """Before anything destructive: a backup verified in this run (--backup-first) or given
    (--backup FILE, verified before the browser started)."""
    params: CourseAdminParams = s.params
    report = s.data.get("backup") or params.backup_report
    if report is None:
        raise UsageError(f"no verified backup of {params.course}: refusing to change the course "
                         "(use --backup-first or --backup FILE)")
    if str(report.course_code).upper() != params.course.upper():
        raise UsageError(f"the backup {report.path} is of course {report.course_code}, not {params.course}")
    s.data["guard_backup"] = report


# --- reading the page ------------------------------------------------------------------------

def alert_texts(s: StepContext, selector: str) -> list[str]:
    try:
        return [" ".join(t.split()) for t in s.page.locator(selector).all_inner_texts() if t.strip()]
    except PlaywrightError:
        return []


def expect(s: StepContext, selector: str, what: str, *, refused: str | None = None,
           refusal: Callable[[str], Exception] | None = None) -> str:
    """The page shows ``selector`` (a result alert); else a clear failure (with the refusal's text
    when ``refused`` is on the page)."""
    if refused and s.page.locator(refused).count():
        text = "; ".join(alert_texts(s, refused))
        raise (refusal(text) if refusal else StepFailed(f"the site refused: {text}"))
    if not s.page.locator(selector).count():
        # a retry first checks the step's effect on the site (the browser may have resent the form)
        others = "; ".join(alert_texts(s, s.k.messages.content_alerts))
        raise TransientError(f"{what} did not appear (page {s.page.url}){': ' + others if others else ''}",
                             kind="no_confirmation")
    return "; ".join(alert_texts(s, selector))


def open_tool(s: StepContext, selector: str, what: str) -> None:
    """Click a tool of the course home (by its href)."""
    link = s.page.locator(selector)
    if not link.count():
        raise CourseError(f"{what} is not on the course home of {s.params.course} "
                          f"(tool hidden, or {s.params.site.username!r} may not use it)")
    s.click(link)


def home_url(s: StepContext) -> str:
    return url(s, s.k.urls.course_home(s.params.course))


# --- acting on the page ----------------------------------------------------------------------

def click_submitting(s: StepContext, locator: Locator) -> Response | None:
    """Click a link that submits a form from JavaScript (``href="#"`` + ``action_click``): the
    same-document '#' navigation comes first; wait for the real one (the POST)."""
    locator = locator.first
    locator.wait_for(state="visible", timeout=s.timeout_ms)
    s.mark(locator)
    with s.page.expect_navigation(url=lambda u: not u.endswith("#"), wait_until=s.wait_until,
                                  timeout=s.timeout_ms) as nav:
        locator.click(timeout=s.timeout_ms)
    response = nav.value
    s.check_response(response)
    return response


def editor_ready(s: StepContext, name: str) -> bool:
    """True when a CKEditor instance ``name`` is on the page (waits for it to be ready)."""
    try:
        if not s.page.evaluate(s.k.ckeditor.PRESENT_JS, name):
            return False
        s.page.wait_for_function(s.k.ckeditor.READY_JS, arg=name, timeout=s.timeout_ms)
        return True
    except PlaywrightError:
        return False


def editor_html(s: StepContext, name: str) -> str:
    return s.page.evaluate(s.k.ckeditor.GET_DATA_JS, name) or ""


def type_in_editor(s: StepContext, name: str, text: str, *, at_start: bool = False) -> None:
    """Type ``text`` into the rich-text editor ``name`` as a person does: click into the CKEditor
    frame, go to the start (``at_start``) or the end, type.  Without CKEditor (no JavaScript
    libraries on the site) the plain textarea is filled."""
    if editor_ready(s, name):
        had_text = bool(plain_text(editor_html(s, name)))
        body = s.page.frame_locator(s.k.ckeditor.frame(name)).locator("body")
        body.wait_for(state="visible", timeout=s.timeout_ms)
        s.mark(s.page.locator(s.k.ckeditor.frame(name)))
        body.click(timeout=s.timeout_ms)
        keyboard = s.page.keyboard
        keyboard.press("Control+Home" if at_start else "Control+End")
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if i:
                keyboard.press("Enter")
            keyboard.type(line)
        if at_start and had_text:
            keyboard.press("Enter")  # the label becomes a paragraph of its own, above the old text
        return
    area = s.page.locator(s.k.ckeditor.textarea(name))
    if not area.count():
        raise StepFailed(f"the text editor {name!r} is not on the page ({s.page.url})")
    s.mark(area)
    old = area.input_value()
    html = "".join(f"<p>{_escape(line)}</p>" for line in text.split("\n"))
    area.fill(html + old if at_start else old + html)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_text(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html or "")
    text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&#39;", "'").replace("&#039;", "'")
    return " ".join(text.split())


def transient_if_form_back(s: StepContext, form_selector: str, what: str) -> None:
    """The same form came back instead of a result: the sec_token was lost (retry from the form)."""
    if s.page.locator(form_selector).count():
        raise TransientError(f"{what}: the form came back (the sec_token was lost)", kind="token_lost")


def backup_summary(report: Any) -> str:
    return f"{Path(str(report.path)).name} ({report.course_code}, sha256 {str(report.sha256)[:12]}…)"
