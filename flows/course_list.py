"""The courses the signed-in account can act on: what `robot courses` lists and a campaign's plan check reads.

Whether the account is a platform admin is read on the site, never taken from a setting: the admin's
course list opens for platform admins only (Chamilo's api_protect_admin_script; anyone else gets the
"not allowed" page). The navbar's "Administration" tab does not tell: Chamilo shows it to session
admins too, who may not open that list, and a theme may hide it.

* A platform admin: every course of the platform. Administration → Courses → Export courses
  (UI-REFERENCE §16: one CSV with each course's teachers and learners, 1,003 courses in 1.3 s)
  gives them all; the course list's count says how many there must be. With a search, the course
  list's own keyword search (page by page, ``courses_per_page`` rows a page) names the courses.
* A teacher: the courses of "My courses" they teach. Each one's Settings page (title, category,
  language, visibility; Chamilo answers "not allowed" to a learner of the course) and its Users tool
  (Trainers: their usernames; Learners: how many).

Nothing is changed on the site: every step only reads.
"""
from __future__ import annotations

import csv
import io
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from robot.engine.steps import Step, StepContext, step
from robot.errors import TransientError, VerificationError
from robot.files import make_dirs

from .common import NotAllowedPage, Site, url
from .course_items import my_course_codes
from .teachers import teachers_of
from .user_lists import pager_counts, read_table

BOM = b"\xef\xbb\xbf"


@dataclass
class CourseInfo:
    code: str
    title: str
    language: str
    category: str
    visibility: str
    teachers: list[str] = field(default_factory=list)
    learners: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ListParams:
    site: Site
    search: str = ""
    page_size: int = 1000             # rows a page of the admin's course list (courses_per_page)
    downloads: Path | None = None     # where the admin's export is saved (.part, verified, renamed)
    details: bool = True              # a teacher's courses read one by one (the plan check needs only codes)
    extra: dict[str, Any] = field(default_factory=dict)


# --- pure helpers ---------------------------------------------------------------------------------

def matches(course: CourseInfo, search: str) -> bool:
    """The admin list's keyword: in the code or in the title, whatever the case."""
    key = search.strip().lower()
    return not key or key in course.code.lower() or key in course.title.lower()


def select(courses: Iterable[CourseInfo], *, search: str = "", teacher: str = "", category: str = "") -> list[CourseInfo]:
    """The courses that pass every filter given (--search, --teacher USER, --category CODE), by code."""
    who, cat = teacher.strip().lower(), category.strip().lower()
    out = [c for c in courses if matches(c, search)
           and (not who or who in (t.lower() for t in c.teachers))
           and (not cat or c.category.lower() == cat)]
    return sorted(out, key=lambda c: c.code)


def parse_export(data: bytes, k: Any) -> list[CourseInfo]:
    """The admin's course export (51d/export.csv) → courses. VerificationError when it is not one
    (an HTML page, a cut file, a header without the columns the robot reads)."""
    text = (data[len(BOM):] if data.startswith(BOM) else data).decode("utf-8", errors="strict")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=k.admin.EXPORT_DELIMITER)
    header = next(reader, None)
    columns = k.admin.EXPORT_COLUMNS
    if not header or any(col not in header for col in columns.values()):
        raise VerificationError(f"the course export is not the list the robot reads (its first line: "
                                f"{';'.join(header or [])[:120]!r}; expected the columns {', '.join(columns.values())})")
    at = {name: header.index(col) for name, col in {**columns, **k.admin.EXPORT_OPTIONAL_COLUMNS}.items()
          if col in header}
    sep = k.admin.EXPORT_LIST_SEPARATOR
    courses: list[CourseInfo] = []
    for n, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise VerificationError(f"the course export's line {n} has {len(row)} fields for {len(header)} columns "
                                    "(a cut file?)")
        cell = {name: row[i].strip() for name, i in at.items()}
        courses.append(CourseInfo(
            code=cell["code"], title=cell["title"], language=cell["language"], category=cell["category"],
            visibility=k.admin.VISIBILITY_NAMES.get(cell.get("visibility", ""), cell.get("visibility", "")),
            teachers=[u for u in cell["teachers"].split(sep) if u],
            learners=len([u for u in cell["learners"].split(sep) if u])))
    return courses


# --- who is signed in -----------------------------------------------------------------------------

def first_list_url(s: StepContext) -> str:
    """The admin course list's first page as read_course_list reads it (the search's, when searching)."""
    params: ListParams = s.params
    return s.k.admin.list_url(params.search, 1, params.page_size) if params.search else s.k.admin.list_url()


def open_list(s: StepContext, path: str) -> None:
    """Open a page of the admin's course list, unless it is the page shown (find_account_role opened it)."""
    if not s.page.url.endswith(path):
        s.goto(url(s, path))


def is_platform_admin(s: StepContext) -> bool:
    """The admin's course list answers (see the module's docstring: the Administration tab is not enough)."""
    try:
        s.goto(url(s, first_list_url(s)))
    except NotAllowedPage:
        return False
    return s.page.locator(s.k.admin.list_table).count() > 0 or s.page.locator(s.k.admin.list_search).count() > 0


@step("find_account_role", en="Open Administration → Courses → Course list: it opens for a platform admin only "
      "(who sees every course)",
      fr="Ouvrir Administration → Cours → Liste des cours : elle ne s'ouvre que pour un administrateur de la "
      "plateforme (qui voit tous les cours)",
      target=lambda k: k.admin.list_url(), retry="in_place")
def find_account_role(s: StepContext) -> None:
    s.data["my_courses"] = my_course_codes(s)  # opens My courses if needed
    s.data["admin"] = is_platform_admin(s)


# --- a platform admin -----------------------------------------------------------------------------

def _listed(s: StepContext, keyword: str, per_page: int) -> tuple[int, list[str]]:
    """(how many courses the list says, the codes of every page) — page after page, by code."""
    codes: list[str] = []
    total = 0
    page = 1
    while True:
        open_list(s, s.k.admin.list_url(keyword, page, per_page))
        counts = pager_counts(s)
        total = counts[2] if counts else 0
        found = s.page.locator(s.k.admin.list_codes).evaluate_all("els => els.map(e => e.value)")
        codes += [c for c in found if c not in codes]
        if not found or len(codes) >= total or page * per_page >= total:
            return total, codes
        page += 1


@step("read_course_list", en="Administration → Courses → Course list: how many courses (the search's, page by page)",
      fr="Administration → Cours → Liste des cours : combien de cours (ceux de la recherche, page par page)",
      target=lambda k: k.admin.list_url("<search>", 1, k.admin.PAGE_SIZE), retry="in_place")
def read_course_list(s: StepContext) -> None:
    if not s.data.get("admin"):
        return
    params: ListParams = s.params
    if params.search:
        total, codes = _listed(s, params.search, params.page_size)
        if len(codes) != total:
            raise TransientError(f"the course list said {total} course(s) match {params.search!r} but its pages "
                                 f"showed {len(codes)}", kind="list_changed")
        s.data["listed_codes"] = codes
    else:
        open_list(s, s.k.admin.list_url())
        counts = pager_counts(s)
        total = counts[2] if counts else s.page.locator(s.k.admin.list_codes).count()
    s.data["listed_total"] = total


@step("open_course_export", en="Administration → Courses → Export courses", fr="Administration → Cours → Exporter les cours",
      target=lambda k: k.admin.course_export)
def open_course_export(s: StepContext) -> None:
    if not s.data.get("admin"):
        return
    s.goto(url(s, s.k.admin.course_export))
    if not s.page.locator(s.k.admin.export_form).count():
        raise TransientError("the Export courses page shows no export form", kind="no_form")


@step("download_course_export", en="Keep “Export all courses”, CSV and “Export users list”; click “Export courses” and check the file",
      fr="Garder « Exporter tous les cours », CSV et « Exporter la liste des utilisateurs » ; cliquer sur « Exporter les cours » et vérifier le fichier",
      target=lambda k: k.admin.export_submit, replay_from="open_course_export")
def download_course_export(s: StepContext) -> None:
    if not s.data.get("admin"):
        return
    params: ListParams = s.params
    for box in (s.k.admin.export_all, s.k.admin.export_csv, s.k.admin.export_users):
        s.page.locator(box).first.check()
    folder = params.downloads or Path(".robot-downloads")
    make_dirs(folder)  # private when the robot makes it: the export names every user of the platform
    final = folder / f"courses-export-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    part = final.with_name(final.name + ".part")
    try:
        download = s.download(s.page.locator(s.k.admin.export_submit), timeout_s=s.runner.long_timeout)
        s.keep_download(download, part)
        data = part.read_bytes()
        if not data:
            raise TransientError("the site sent an empty file instead of the course export", kind="empty_download")
        courses = parse_export(data, s.k)
        _check_complete(s, courses)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, final)
    wanted = s.data.get("listed_codes")
    if wanted is not None:
        keep = set(wanted)
        courses = [c for c in courses if c.code in keep]
    s.data["courses"] = sorted(courses, key=lambda c: c.code)
    s.data["export_file"] = final


def _check_complete(s: StepContext, courses: list[CourseInfo]) -> None:
    """Nothing lost: as many courses as the list counts, and every course the search listed."""
    codes = {c.code for c in courses}
    wanted = s.data.get("listed_codes")
    if wanted is not None:
        missing = [c for c in wanted if c not in codes]
        if missing:
            raise VerificationError(f"the course export lacks {len(missing)} course(s) the course list shows: "
                                    f"{', '.join(missing[:10])}")
    elif s.data.get("listed_total") is not None and len(codes) != s.data["listed_total"]:
        raise VerificationError(f"the course export holds {len(codes)} course(s), the course list counts "
                                f"{s.data['listed_total']}: run the command again (a course created or deleted "
                                "meanwhile?)")


# --- a teacher ------------------------------------------------------------------------------------

def read_course(s: StepContext, code: str) -> CourseInfo | None:
    """A course of My courses as its teacher sees it; None when the account is not one of its teachers."""
    try:
        s.goto(url(s, s.k.course_facts.settings_url(code)))
    except NotAllowedPage:
        return None
    facts = s.k.course_facts
    if not s.page.locator(facts.title).count():
        return None

    def value(selector: str) -> str:
        loc = s.page.locator(selector)
        return (loc.first.input_value() if loc.count() else "").strip()

    visibility = value(facts.visibility)
    return CourseInfo(code=code, title=value(facts.title), language=value(facts.language),
                      category=value(facts.category),
                      visibility=s.k.admin.VISIBILITY_NAMES.get(visibility, visibility))


def read_members(s: StepContext, course: CourseInfo) -> None:
    """Trainers' usernames and the number of learners, from the course's Users tool."""
    users = s.k.users
    course.teachers = teachers_of(s, course.code)
    s.goto(url(s, users.url(course.code, users.STUDENTS)))
    counts = pager_counts(s)
    course.learners = counts[2] if counts else len(read_table(s, users.LISTS[users.STUDENTS]) or [])


@step("read_taught_courses", en="For each course of “My courses”: its Settings, then Users → Trainers and Learners",
      fr="Pour chaque cours de « Mes cours » : ses Paramètres, puis Utilisateurs → Enseignants et Apprenants",
      target=lambda k: f"{k.course_facts.settings_url('<CODE>')} → {k.users.url('<CODE>', '1')}", retry="in_place")
def read_taught_courses(s: StepContext) -> None:
    if s.data.get("admin"):
        return
    params: ListParams = s.params
    done: dict[str, CourseInfo | None] = s.data.setdefault("taught", {})  # kept across a retry
    for code in s.data.get("my_courses", []):
        if code in done:
            continue
        course = read_course(s, code)
        if course is not None and matches(course, params.search):
            read_members(s, course)
        elif course is not None:
            course = None  # not searched for: not read further
        done[code] = course
    s.data["courses"] = sorted((c for c in done.values() if c is not None), key=lambda c: c.code)


def inventory_steps(*, details: bool = True) -> list[Step]:
    """The reading steps (without the login): the admin's list and export, or (``details``) a
    teacher's courses one by one. A plan check needs no details: My courses' codes suffice for a teacher."""
    out = [find_account_role, read_course_list, open_course_export, download_course_export]
    return out + ([read_taught_courses] if details else [])
