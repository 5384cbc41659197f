"""What a course holds, with each document's size — read on the site without changing anything.

Maintenance → Empty this course, opened by its address → "Let me select learning objects" (the
page's default) → the item list carries the whole course object in a hidden ``course`` field (base64
of its PHP serialisation, UI-REFERENCE §12, capture 16a): documents with paths, kinds and sizes, and
every other item. The robot reads it and leaves: the list is never submitted, so nothing is deleted.
(Create a backup → "Let me select", which flows.course_items reads, lists paths without sizes.)
A course with nothing at all shows no list ("There are no resources to recycle"): it is empty.
"""
from __future__ import annotations

from typing import Callable

from chamilo_backup import DEFAULT_MAX_BYTES, CourseInfoError, decode
from chamilo_backup.content import CourseContent, Document, read_content
from robot.engine.steps import Step, StepContext, step
from robot.errors import CourseError, StepFailed, TransientError

from .common import NotAllowedPage, url

def read_contents(s: StepContext, code: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> CourseContent:
    """The course's content (CourseError when the user may not empty it: not its teacher)."""
    try:
        s.goto(url(s, s.k.course_contents.recycle_url(code)))
        form = s.page.locator(s.k.recycle.form).count() > 0
    except NotAllowedPage:
        raise CourseError(f"course {code} was not found, or {s.params.site.username!r} is not one of its teachers "
                          "(its Maintenance pages are not allowed)") from None
    if not form:  # "There are no resources to recycle"
        return CourseContent(code=code, title="", language="", backup_type="")
    radio = s.page.locator(s.k.recycle.select_radio)
    radio.first.check(timeout=s.timeout_ms)
    s.click(s.page.locator(s.k.recycle.submit))
    field = s.page.locator(s.k.course_contents.course_field)
    if not field.count():
        if s.page.locator(s.k.recycle.form).count():
            raise TransientError("the Empty this course form came back instead of the item list (the sec_token "
                                 "was lost)", kind="token_lost")
        raise StepFailed(f"the item list of {code} carries no course object ({s.page.url}): cannot read the course")
    blob = field.first.get_attribute("value") or ""
    if len(blob) > max_bytes:
        raise StepFailed(f"the course object of {code} is over {max_bytes:,} bytes (ROBOT_MAX_COURSE_INFO_MB)")
    try:
        course = decode(blob.encode("ascii", "replace"))
    except CourseInfoError as err:
        raise StepFailed(f"the course object of {code} on its item list cannot be read: {err}") from None
    return read_content(course)


def snapshot(content: CourseContent) -> dict:
    """What an import's check needs of a course (its documents' paths, kinds and sizes, and the
    count of every type), as plain JSON data: an Effect's baseline goes through a campaign's journal
    and comes back from it on ``--resume`` (``from_snapshot``)."""
    return {"code": content.code,
            "documents": [[d.path, d.file_type, d.size] for d in content.documents],
            "counts": dict(content.counts)}


def from_snapshot(data: dict) -> CourseContent:
    """The course ``snapshot`` saw (documents without titles: the checks compare paths and sizes)."""
    docs = [Document(i, str(path), str(kind), int(size), str(path).rsplit("/", 1)[-1])
            for i, (path, kind, size) in enumerate(data.get("documents") or [])]
    return CourseContent(code=str(data.get("code") or ""), title="", language="", backup_type="", documents=docs,
                         counts={str(k): int(v) for k, v in (data.get("counts") or {}).items()})


def is_empty(content: CourseContent) -> bool:
    """Nothing but folders (Chamilo's automatic ones, or left empty): no file, no other item."""
    return not content.files and not any(n for t, n in content.counts.items() if t != "document")


def what_it_holds(content: CourseContent) -> str:
    parts = [f"{len(content.files)} file(s)"] if content.files else []
    parts += [f"{n} {t}" for t, n in content.counts.items() if t != "document" and n]
    return ", ".join(parts) or "nothing"


def contents_step(name: str, en: str, fr: str, code_of: Callable[[StepContext], str], key: str) -> Step:
    """A step that reads a course's content into ``s.data[key]``; safe to retry (it only looks). Long:
    Chamilo builds the whole course object for this page (as for the backup's and the empty flow's
    item lists): on a big course that can take longer than a step's usual timeout."""

    @step(name, en=en, fr=fr, target=lambda k: f"{k.course_contents.recycle_url('<CODE>')} → {k.recycle.select_radio}",
          retry="in_place", long=True)
    def read(s: StepContext) -> None:
        s.data[key] = read_contents(s, code_of(s))

    return read
