"""The guide's case 2 end to end, in one browser run: a new course for next year.

1. back up the old course (flows.backup, verified) — always first;
2. create the new course, CODE + year, titled with the year (flows.create_course);
3. copy the old course into it (flows.copy_course) and compare before/after;
4. optionally archive the old course (issue 4's `robot archive`, flows.archive_course, when present).

A small journal (JSON, mode 0600) records each finished stage, so that a rerun after an interruption
finishes the job without a second course or a second copy. The site's reality is checked too: if
the new course already exists and the user teaches it, it is not created again (the run may have
died right after Chamilo created it); if a copy was started but not recorded as finished and the new
course already holds the old course's documents, it is not copied again.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib
import importlib.util
import json
import logging
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from chamilo_backup import DEFAULT_MAX_BYTES
from robot.engine.steps import Step, StepContext, step
from robot.files import make_dirs

from . import backup as backup_flow
from . import copy_course as copy_flow
from . import create_course as create_flow
from . import teachers as teachers_flow
from .archive import PhpObject, read_course
from .common import Site
from .course_items import CourseItems, my_course_codes

log = logging.getLogger("robot")

STAGES = ("backup", "create", "copy", "teachers", "archive")
ARCHIVE_MODULE = "flows.archive_course"  # issue 4's `robot archive` flow


@dataclass
class RolloverParams:
    """Everything the reused flows read from ``s.params`` (backup, create_course, copy_course)."""

    site: Site
    course: str                      # the old course (source of the copy)
    year: int
    code: str                        # the new course's code (CODE + year unless given)
    policy: str = "rename"
    archive_old: bool = False
    title: str = ""                  # decided from the backup's course title unless given
    language: str | None = None      # decided from the backup (same as the old course) unless given
    category: str | None = None
    out: Path = Path("backups")
    download_timeout: float = 1800.0
    group_readable: bool = False     # the backup's modes (see flows/backup.py BackupParams)
    max_course_info: int = DEFAULT_MAX_BYTES  # the backup's check (see flows/backup.py BackupParams)
    items: tuple[str, ...] = ()      # the copy is always a full copy
    known_files: frozenset[str] | None = None
    known_folders: frozenset[str] | None = None
    label: str = ""                  # --archive-old: the archive label (default "Archive <year-1>-<year>")
    visibility: str = "private"      # --archive-old: the old course's access afterwards
    teachers: str = "same"           # the new course's teachers: "same" (the old course's) or "me" (issue 19)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def destination(self) -> str:
        return self.code


def next_code(code: str, year: int) -> str:
    """The guide's advice, the old code + the year: MATHS → MATHS2027; a code that already ends
    with a year gets the new one instead (HIST2026 → HIST2027)."""
    m = re.fullmatch(r"(.*?[^0-9])(?:19|20)\d{2}", code)
    return f"{m.group(1) if m else code}{year}"


def next_title(title: str, year: int) -> str:
    """"Histoire 2026" → "Histoire 2027"; a title without a year gets it appended."""
    years = list(re.finditer(r"(?<!\d)(?:19|20)\d{2}(?!\d)", title))
    if years:
        last = years[-1]
        return title[:last.start()] + str(year) + title[last.end():]
    return f"{title} {year}".strip()


# --- the journal -------------------------------------------------------------------------------

class Journal:
    """``<out>/.robot-state/rollover-<COURSE>-<YEAR>-<site hash>.json`` (0600, written atomically)."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    @classmethod
    def open(cls, folder: Path, site_url: str, course: str, year: int, new_code: str) -> "Journal":
        site = hashlib.sha256(site_url.rstrip("/").lower().encode()).hexdigest()[:10]
        path = folder / f"rollover-{course.upper()}-{year}-{site}.json"
        data: dict[str, Any] = {}
        if path.is_file():
            try:
                data = json.loads(path.read_text())
            except ValueError:
                data = {}
        if data.get("new_code") not in (None, new_code):  # another target than last time: start over
            data = {}
        data.setdefault("site", site_url)
        data.setdefault("course", course.upper())
        data.setdefault("year", year)
        data.setdefault("new_code", new_code)
        data.setdefault("stages", {})
        return cls(path, data)

    def stage(self, name: str) -> dict[str, Any]:
        return self.data["stages"].get(name) or {}

    def done(self, name: str) -> bool:
        return self.stage(name).get("status") == "done"

    def record(self, name: str, status: str, **info: Any) -> None:
        entry = {**self.stage(name), **info, "status": status,
                 "at": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        self.data["stages"][name] = entry
        self.save()

    def save(self) -> None:
        make_dirs(self.path.parent)  # the robot's own .robot-state folder: private when it makes it
        fd, tmp = tempfile.mkstemp(prefix=".journal-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w") as fh:
                json.dump(self.data, fh, indent=2, default=str)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


# --- wrapping the reused steps -----------------------------------------------------------------

def after(st: Step, then: Callable[[StepContext], None]) -> Step:
    def action(s: StepContext) -> Any:
        result = st.action(s)
        then(s)
        return result
    return dataclasses.replace(st, action=action)


def before(st: Step, first: Callable[[StepContext], None]) -> Step:
    def action(s: StepContext) -> Any:
        first(s)
        return st.action(s)
    return dataclasses.replace(st, action=action)


def also_when_found_done(st: Step, then: Callable[[StepContext], None]) -> Step:
    """``then`` also runs when the step's effect is found on the site (the step itself is then skipped)."""
    effect = st.effect
    if effect is None or effect.check is None:
        return st
    check = effect.check

    def checked(s: StepContext) -> bool:
        done = check(s)
        if done:
            then(s)
        return done
    return dataclasses.replace(st, effect=dataclasses.replace(effect, check=checked))


def gated(st: Step, stage: str) -> Step:
    """The step does nothing when ``s.data["skip"][stage]`` was set (the site already has it done)."""
    def action(s: StepContext) -> Any:
        if s.data.get("skip", {}).get(stage):
            told = s.data.setdefault("skip_told", set())
            if stage not in told:
                told.add(stage)
                log.info("    skipped (and the rest of this stage): %s", s.data["skip"][stage])
            return None
        return st.action(s)
    return dataclasses.replace(st, action=action)


def archive_module():
    """Issue 4's archive flow if this checkout has it, else None."""
    if importlib.util.find_spec(ARCHIVE_MODULE) is None:
        return None
    return importlib.import_module(ARCHIVE_MODULE)


# --- steps of their own --------------------------------------------------------------------------

def journal_of(s: StepContext) -> Journal:
    return s.params.extra["journal"]


def _backup_path(s: StepContext) -> Path | None:
    report = s.data.get("backup")
    if report is not None:
        return Path(report.path)
    saved = journal_of(s).stage("backup").get("path")
    return Path(saved) if saved else None


@step("decide_new_course", en="Decide the new course's title and language (the old one's, with the year)",
      fr="Décider du titre et de la langue du nouveau cours (ceux de l'ancien, avec l'année)", retry="never",
      robot_only=True)
def decide_new_course(s: StepContext) -> None:
    params: RolloverParams = s.params
    info: dict = {}
    files: set[str] = set()
    folders: set[str] = set()
    path = _backup_path(s)
    if path is not None and path.is_file():
        with zipfile.ZipFile(path) as zf:
            course = read_course(zf)
        info = course.get("info") or {}
        for item in ((course.get("resources") or {}).get("document") or {}).values():
            if not isinstance(item, PhpObject):
                continue
            doc_path = "/" + str(item.get("path") or "").removeprefix("document/").lstrip("/")
            (files if item.get("file_type") == "file" else folders).add(doc_path)
    if not params.title:
        old = str(info.get("title") or params.course)
        params.title = next_title(old, params.year)
    if not params.language and info.get("language"):
        params.language = str(info["language"])
    if files or folders:
        params.known_files, params.known_folders = frozenset(files), frozenset(folders)
    s.data["new_course"] = {"code": params.code, "title": params.title, "language": params.language}


@step("check_new_course", en="Look in “My courses” whether the new course already exists",
      fr="Regarder dans « Mes cours » si le nouveau cours existe déjà", retry="in_place")
def check_new_course(s: StepContext) -> None:
    params: RolloverParams = s.params
    journal: Journal = journal_of(s)
    if params.code.upper() in (c.upper() for c in my_course_codes(s)):
        s.data.setdefault("skip", {})["create"] = f"{params.code} already exists and you teach it"
        base = params.site.base_url.rstrip("/")
        created = journal.stage("create")
        s.data["created"] = {"code": params.code, "title": created.get("title", params.title),
                             "url": created.get("url") or f"{base}/courses/{params.code}/", "existed": True}
        if not journal.done("create"):
            journal.record("create", "done", code=params.code, url=s.data["created"]["url"], found_on_site=True)


@step("check_copy_needed", en="Check whether the copy already happened (an interrupted earlier run)",
      fr="Vérifier si la copie a déjà eu lieu (une exécution interrompue)", retry="never", robot_only=True)
def check_copy_needed(s: StepContext) -> None:
    journal: Journal = journal_of(s)
    if journal.stage("copy").get("status") != "started":
        return
    source = {p for p in s.data["source_items"].documents}
    target = set(s.data["target_before"].documents)
    files = source - set(s.params.known_folders or ())
    if files and files <= target:
        s.data.setdefault("skip", {})["copy"] = (f"{s.params.code} already holds every document of "
                                                 f"{s.params.course}: the interrupted copy finished on the server")
        # compare with the new course as it was created (empty): every document came from the copy
        s.data["target_after"] = s.data["target_before"]
        s.data["target_before"] = CourseItems(s.params.code)
        s.data["copy_recovered"] = True
        journal.record("copy", "done", recovered=True)


def _journal_backup(s: StepContext) -> None:
    report = s.data["backup"]
    journal_of(s).record("backup", "done", path=str(report.path), sha256=report.sha256, size=report.size)


def _journal_created(s: StepContext) -> None:
    created = s.data.get("created")
    if created and not created.get("existed"):
        journal_of(s).record("create", "done", code=created["code"], url=created["url"], title=created["title"])


def _journal_copy_started(s: StepContext) -> None:
    journal_of(s).record("copy", "started", policy=s.params.policy)


def _journal_copied(s: StepContext) -> None:
    if s.data.get("copied"):
        journal_of(s).record("copy", "done", policy=s.params.policy)


def _journal_report(s: StepContext) -> None:
    report = s.data.get("copy_report")
    if report is not None:
        journal_of(s).record("copy", "done", summary=report.summary)


def _journal_teachers(s: StepContext) -> None:
    journal_of(s).record("teachers", "done", old=s.data.get("old_teachers") or [],
                         added=s.data.get("teachers_added") or [], now=s.data.get("new_teachers") or [])


def _journal_archived(s: StepContext) -> None:
    journal_of(s).record("archive", "done")


def steps(k, params: RolloverParams, journal: Journal) -> list[Step]:
    """The whole rollover; stages the journal records as done (and whose result is still there) are left out."""
    params.extra["journal"] = journal
    out: list[Step] = []
    backup_done = journal.done("backup") and Path(journal.stage("backup").get("path", "")).is_file()
    if not backup_done:
        bsteps = backup_flow.steps(k, params)  # type: ignore[arg-type]
        out += bsteps[:-1] + [after(bsteps[-1], _journal_backup)]
    out.append(decide_new_course)
    out.append(check_new_course)
    csteps = [gated(st, "create") for st in create_flow.create_steps(with_language=True, with_category=bool(params.category))]
    csteps[-1] = after(csteps[-1], _journal_created)
    out += csteps
    if not journal.done("copy"):
        out += [copy_flow.read_source, copy_flow.read_target_before, check_copy_needed]
        for st in copy_flow.copy_steps(params):  # type: ignore[arg-type]
            if st.name == "submit_copy":
                st = after(before(st, _journal_copy_started), _journal_copied)
            out.append(gated(st, "copy"))
        out += [gated(copy_flow.read_target_after, "copy"), after(copy_flow.compare_before_after, _journal_report)]
    if params.teachers == "same" and not journal.done("teachers"):  # next year's course keeps its teachers
        tsteps = teachers_flow.teacher_steps(lambda s: s.params.course, lambda s: s.params.code)
        tsteps[-1] = after(also_when_found_done(tsteps[-1], _journal_teachers), _journal_teachers)
        out += tsteps
    if params.archive_old and not journal.done("archive"):
        module = archive_module()
        if module is not None:  # issue 4's flow: its steps, on the old course
            params.label = params.label or f"Archive {params.year - 1}-{params.year}"
            asteps = list(module.steps(k, params))  # type: ignore[arg-type]
            if asteps:
                asteps[-1] = after(asteps[-1], _journal_archived)
            out += asteps
    return out
