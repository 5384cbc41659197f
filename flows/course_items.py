"""What a course holds, read the way its teacher can see it — without changing anything.

The course's Create a backup page (Maintenance → Create a backup, opened here by its address) →
"Let me select learning objects" → the CourseSelectForm lists every item of the course (documents by
stored path, links, announcements, descriptions…). The robot reads that list and leaves: no backup
is made unless the form is submitted, and it never is here.

Also: which course codes the user sees in "My courses".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import unquote

from robot.engine.steps import Step, StepContext, step
from robot.errors import CourseError, TransientError

from .common import NotAllowedPage, url

_BOX_JS = """els => els.map(e => ({name: e.getAttribute('name') || '',
  label: ((e.closest('label') || e.parentElement || {}).innerText || '').replace(/\\s+/g, ' ').trim()}))"""
_RESOURCE = re.compile(r"^resource\[([^\]]+)\]\[(-?\d+)\]$")


@dataclass
class CourseItems:
    """Items of one course by CourseSelectForm type. Documents are stored paths ("/dir/file.pdf")."""

    code: str
    items: dict[str, list[str]] = field(default_factory=dict)

    @property
    def documents(self) -> list[str]:
        return list(self.items.get("document", []))

    def counts(self) -> dict[str, int]:
        return {t: len(v) for t, v in self.items.items() if t != "quiz"}

    def as_dict(self) -> dict:
        return {"course": self.code, "counts": self.counts(), "documents": [p.lstrip("/") for p in self.documents]}


def document_path(label: str) -> str:
    """"/notes_1.txt - notes.txt" → "/notes_1.txt" (stored paths hold no spaces; the title follows)."""
    return label.split(" - ", 1)[0].strip()


def parse_boxes(boxes: list[dict]) -> dict[str, list[str]]:
    items: dict[str, list[str]] = {}
    for box in boxes:
        m = _RESOURCE.match(box.get("name", ""))
        if not m:
            continue
        rtype, rid = m.group(1), int(m.group(2))
        if rid < 0:  # the "Orphan questions" placeholder every course shows under Tests
            continue
        label = box.get("label", "")
        items.setdefault(rtype, []).append(document_path(label) if rtype == "document" else label)
    return items


# --- My courses ------------------------------------------------------------------------------

def my_course_codes(s: StepContext) -> list[str]:
    """The course codes linked from "My courses" (the page is opened if needed)."""
    if s.k.urls.user_portal not in s.page.url:
        s.goto(url(s, s.k.urls.user_portal))
    hrefs = s.page.locator(s.k.course_items.portal_course_links).evaluate_all("els => els.map(e => e.getAttribute('href'))")
    codes: list[str] = []
    for href in hrefs:
        m = re.search(r"/courses/([^/?#]+)/", href or "")
        if m and unquote(m.group(1)) not in codes:
            codes.append(unquote(m.group(1)))
    return codes


@step("read_my_courses", en="Read the course codes of “My courses”", fr="Relever les codes des cours de « Mes cours »",
      target=lambda k: k.course_items.portal_course_links, retry="in_place", robot_only=True)
def read_my_courses(s: StepContext) -> None:
    s.data["my_courses"] = my_course_codes(s)


def read_items(s: StepContext, code: str, *, not_found: str | None = None) -> CourseItems:
    """The course's Create a backup page (opened by its address) → Let me select → read the list.
    Nothing is backed up: the list is never submitted."""
    try:
        s.goto(url(s, s.k.course_items.backup_url(code)))
        allowed = s.page.locator(s.k.backup.select_radio).count() > 0
    except NotAllowedPage:
        allowed = False
    radio = s.page.locator(s.k.backup.select_radio)
    if not allowed:
        raise CourseError(not_found or (f"course {code} was not found, or {s.params.site.username!r} is not one of "
                                        "its teachers (its Create a backup page is not allowed)"))
    radio.first.check()
    s.click(s.page.locator(s.k.backup.submit))
    if not s.page.locator(s.k.select_form.form).count():
        if s.page.locator(s.k.backup.form).count():
            raise TransientError("the backup form came back instead of the item list (the sec_token was lost)",
                                 kind="token_lost")
        return CourseItems(code)  # "There are no resources to backup": an empty course
    boxes = s.page.locator(s.k.course_items.all_boxes).evaluate_all(_BOX_JS)
    return CourseItems(code, parse_boxes(boxes))


def items_step(name: str, en: str, fr: str, code_of: Callable[[StepContext], str], key: str,
               not_found: Callable[[StepContext], str] | None = None) -> Step:
    """A step that reads a course's items into ``s.data[key]``; safe to retry (it only looks)."""

    @step(name, en=en, fr=fr, target=lambda k: f"{k.course_items.backup_url('<CODE>')} → {k.backup.select_radio}",
          retry="in_place")
    def read(s: StepContext) -> None:
        code = code_of(s)
        s.data[key] = read_items(s, code, not_found=not_found(s) if not_found else None)

    return read
