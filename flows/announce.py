"""Warn the students early (« via l'outil Annonces »): Announcements → Add an announcement, to
everyone, by e-mail unless told otherwise.  Also reads the announcements list, so that
unsubscribe-students can check a recent warning was posted.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Error as PlaywrightError

from robot.engine.steps import Effect, Step, StepContext, step
from robot.errors import HttpError, RobotError, TransientError, VerificationError

from .common import open_course_home, require, url
from .course_admin import CourseAdminParams, editor_ready, expect, open_tool, plain_text, type_in_editor
from .user_lists import pager_counts, read_table, students_url

log = logging.getLogger("robot")


@dataclass
class AnnounceParams(CourseAdminParams):
    title: str = ""
    message: str = ""
    email: bool = True


@dataclass
class Announcement:
    title: str
    when: dt.datetime | None
    shown: str  # the date as the list shows it
    id: str = ""  # the grid row's id (the announcement's id)


def parse_long_date(k, text: str) -> dt.datetime | None:
    """EN "November 28, 2026 at 08:11 PM" / FR "Samedi 28 Novembre 2026 à 20:11" → datetime."""
    text = " ".join((text or "").split())
    m = re.search(k.dates.EN, text)
    if m:
        hour = int(m["h"]) % 12 + (12 if m["ampm"] == "PM" else 0)
    else:
        m = re.search(k.dates.FR, text)
        if not m:
            return None
        hour = int(m["h"])
    month = k.dates.MONTHS.get(m["month"].lower())
    if not month:
        return None
    try:
        return dt.datetime(int(m["year"]), month, int(m["day"]), hour, int(m["m"]))
    except ValueError:
        return None


def _rows(s: StepContext, payload: Any) -> list[Announcement]:
    out = []
    for row in (payload or {}).get("rows", []):
        cells = [plain_text(str(c)) for c in row.get("cell", [])]
        when, shown = None, ""
        for cell in cells:
            when = parse_long_date(s.k, cell)
            if when:
                shown = cell
                break
        out.append(Announcement(title=cells[0] if cells else "", when=when, shown=shown, id=str(row.get("id") or "")))
    return out


def _is_list_response(s: StepContext):
    parts = s.k.announcements.list_ajax
    return lambda r: all(p in r.url for p in parts)


def _list_payload(response: Any) -> dict:
    """The list request's JSON answer; an HttpError (retried) when the server sent anything else — an
    error page of the AJAX script, whose HTML is no JSON."""
    try:
        payload = response.json() if response.ok else None
    except (ValueError, PlaywrightError):
        payload = None
    if not isinstance(payload, dict):
        raise HttpError(f"the announcements list's request answered HTTP {response.status} without the list",
                        status=response.status, url=response.url)
    return payload


def read_list(s: StepContext, click_target=None) -> list[Announcement]:
    """The announcements of the list (the grid's AJAX answer), all pages. A course with none shows no
    grid and sends no list request (UI-REFERENCE §18, 1.11.32 and 1.11.16 alike): an empty list."""
    answers: list[Any] = []
    is_list = _is_list_response(s)

    def on_response(response: Any) -> None:
        if is_list(response):
            answers.append(response)

    s.page.on("response", on_response)
    try:
        if click_target is not None:
            click_target()
        grid, empty = s.page.locator(s.k.announcements.grid), s.page.locator(s.k.announcements.empty_view)
        grid.or_(empty).first.wait_for(state="attached", timeout=s.timeout_ms)
        if not grid.count():
            return []  # div#no-data-view: no announcement, and no request will come
        deadline = time.monotonic() + s.timeout_ms / 1000
        while not answers:
            if time.monotonic() > deadline:
                raise TransientError("the announcements list did not load (its list request never came back)",
                                     kind="timeout")
            s.page.wait_for_timeout(50)  # pumps Playwright's events
    finally:
        s.page.remove_listener("response", on_response)
    payload = _list_payload(answers[-1])
    if int(payload.get("total") or 1) > 1 and s.page.locator(s.k.announcements.grid_page_size).count():
        select = s.page.locator(s.k.announcements.grid_page_size).first
        biggest = max(select.locator("option").evaluate_all("os => os.map(o => parseInt(o.value, 10) || 0)"))
        with s.page.expect_response(_is_list_response(s), timeout=s.timeout_ms) as info:
            select.select_option(str(biggest))
        payload = _list_payload(info.value)
    return _rows(s, payload)


@step("open_announcements", en="Open the “Announcements” tool", fr="Ouvrir l'outil « Annonces »",
      target=lambda k: k.announcements.tool_link)
def open_announcements(s: StepContext) -> None:
    s.data["announcements"] = read_list(s, lambda: open_tool(s, s.k.announcements.tool_link, "The “Announcements” tool"))


@step("click_add_announcement", en="Click “Add an announcement”", fr="Cliquer sur « Ajouter une annonce »",
      target=lambda k: k.announcements.add_link)
def click_add_announcement(s: StepContext) -> None:
    require(s, s.k.announcements.add_link, "the “Add an announcement” icon")
    s.click(s.page.locator(s.k.announcements.add_link))
    require(s, s.k.announcements.form, "the announcement form")
    editor_ready(s, s.k.announcements.editor)


@step("untick_email", en="Untick “Send this announcement by email”", target=lambda k: k.announcements.email,
      fr="Décocher « Envoyer cette annonce par courriel »", replay_from="click_add_announcement")
def untick_email(s: StepContext) -> None:
    box = s.page.locator(s.k.announcements.email)
    s.mark(box)
    box.uncheck(timeout=s.timeout_ms)


@step("type_subject", en="Type the subject", fr="Saisir le sujet", target=lambda k: k.announcements.title,
      replay_from="click_add_announcement")
def type_subject(s: StepContext) -> None:
    field = s.page.locator(s.k.announcements.title)
    s.mark(field)
    field.fill(s.params.title)


@step("type_message", en="Type the message", fr="Saisir le message", replay_from="click_add_announcement",
      target=lambda k: k.ckeditor.frame(k.announcements.editor))
def type_message(s: StepContext) -> None:
    type_in_editor(s, s.k.announcements.editor, s.params.message)


@step("click_preview", en="Click “Preview” (the send button appears)", fr="Cliquer sur « Prévisualiser » (le bouton d'envoi apparaît)",
      target=lambda k: k.announcements.preview, replay_from="click_add_announcement")
def click_preview(s: StepContext) -> None:
    s.click(s.page.locator(s.k.announcements.preview), navigates=False)
    s.page.locator(s.k.announcements.publish).wait_for(state="visible", timeout=s.timeout_ms)
    s.data["recipients"] = " ".join(s.page.locator(s.k.announcements.preview_result).inner_text().split())


def _same_title(s: StepContext, announcements: list[Announcement]) -> list[Announcement]:
    title = " ".join(s.params.title.split())
    return [a for a in announcements if a.title == title]


def _ids_before(s: StepContext) -> list[str]:
    """Baseline: the announcements with this title before publishing (read on the list just opened)."""
    return sorted(a.id for a in _same_title(s, s.data.get("announcements") or []))


def _published(s: StepContext) -> bool:
    """Effect check: the list now holds an announcement with this title that was not there before."""
    listed = read_list(s, lambda: s.goto(url(s, s.k.announcements.url(s.params.course))))
    before = set(s.baseline or [])
    new = [a for a in _same_title(s, listed) if a.id not in before]
    if not new:
        return False
    s.data["announcement"] = new[0]
    s.data["added"] = ""
    return True


PUBLISHED = Effect(where=lambda s: f"the Announcements list of {s.params.course} (one announcement titled "
                                   f"“{s.params.title}”)",
                   check=_published, baseline=_ids_before)


@step("click_publish", en="Click “Send announcement”", fr="Cliquer sur « Publier annonce »", changes_site=True,
      target=lambda k: k.announcements.publish, replay_from="click_add_announcement", effect=PUBLISHED)
def click_publish(s: StepContext) -> None:
    if s.page.locator(s.k.announcements.email).count():
        s.data["email"] = s.page.locator(s.k.announcements.email).is_checked()
    listed = read_list(s, lambda: s.click(s.page.locator(s.k.announcements.publish)))
    s.data["added"] = expect(s, s.k.announcements.added, "the “Announcement has been added” message")
    mine = [a for a in listed if a.title == " ".join(s.params.title.split())]
    if not mine:
        raise VerificationError(f"the announcement {s.params.title!r} is not in the list after publishing")
    s.data["announcement"] = mine[0]


@step("count_learners", en="Look at the course's learners (Users → Learners): who the announcement reached",
      fr="Regarder les apprenants du cours (Utilisateurs → Apprenants) : qui l'annonce a touché",
      target=lambda k: k.users.url("<CODE>", k.users.STUDENTS))
def count_learners(s: StepContext) -> None:
    """How many learners the course has (an announcement to a course without any reaches only its
    teachers: the run says so). Read on the learners list: its pager's total, else its rows.

    The announcement is posted already: a list that cannot be read leaves the count unknown
    (``learners`` None, ``learners_unread`` why) and never fails the run — a failed run would be run
    again, and the students would get the announcement twice."""
    try:
        s.goto(url(s, students_url(s)))
        counts = pager_counts(s)
        members = read_table(s, "student_list") or []
    except (PlaywrightError, RobotError) as err:
        why = (str(err).strip().splitlines() or [type(err).__name__])[0]
        log.warning("    the learners of %s could not be read (%s): the announcement is posted all the same",
                    s.params.course, why)
        s.data["learners"], s.data["learners_unread"] = None, why
        return
    s.data["learners"] = counts[2] if counts else len(members)


def no_learner_warning(params: AnnounceParams, learners: int | None, say: Any, unread: str = "") -> str | None:
    """What to say (``say``: robot.texts.Say) when the course has no learner: the announcement
    reached its trainers only; or when its learners could not be read (``unread``: why)."""
    if unread:
        return say("the announcement is posted, but the learners of {course} could not be read ({why}): look at "
                   "Users → Learners to see who got it — do not post it again",
                   "l'annonce est publiée, mais les apprenants de {course} n'ont pas pu être lus ({why}) : regardez "
                   "Utilisateurs → Apprenants pour voir qui l'a reçue — ne la publiez pas une seconde fois",
                   course=params.course, why=unread)
    if learners != 0:
        return None
    return say("{course} has no learner: the announcement reached nobody but its trainers. Is it the right course? "
               "(learners unsubscribed already, or not enrolled yet)",
               "{course} n'a aucun apprenant : l'annonce n'a touché que ses formateurs. Est-ce le bon cours ? "
               "(apprenants déjà désinscrits, ou pas encore inscrits)", course=params.course)


def steps(k, params: AnnounceParams) -> list[Step]:
    body = [click_add_announcement] + ([] if params.email else [untick_email]) + [type_subject, type_message,
                                                                                 click_preview, click_publish]
    return [open_course_home, open_announcements] + body + [count_learners]


def recent(announcements: list[Announcement], days: int, now: dt.datetime | None = None) -> list[Announcement]:
    """Announcements dated within the last ``days`` days (a date a little in the future counts:
    the site's clock or time zone may differ)."""
    now = now or dt.datetime.now()
    since = now - dt.timedelta(days=days)
    return [a for a in announcements if a.when and since <= a.when <= now + dt.timedelta(days=1)]
