"""Course backups as Chamilo 1.11 makes them (create_backup.php → CourseArchiver::createBackup).

The zip holds ``document/`` (directory entries, then the files at their stored paths) and, last,
``course_info.dat`` = base64 of a PHP-serialized ``Chamilo\\CourseBundle\\Component\\CourseCopy\\Course``.

Built as Chamilo builds it (UI-REFERENCE §17): ``clean_backup_dir`` first deletes every
``CourseArchiver_*`` folder of the site's backup folder — the temporary folders of backups (and
imports) still being built, whoever started them; then ``course_info.dat`` and the documents are
copied into a ``CourseArchiver_<id>`` folder of its own, which is zipped, entry by entry (never the
whole course in memory), straight into ``<user id>_<CODE>_<YYYYmmdd-HHMMSS>.zip``, and removed. A
backup whose folder vanished while it was zipped stops there: its zip stays truncated (not a zip)
and its page still says "created". One whose folder vanished while its documents were being copied
goes on (each copy makes the folder again, as PHP's recursive mkdir does) and ends with a whole zip
without course_info.dat. ``state.backup_builds`` counts the builds (``max_at_once``);
``state.backup_pace`` makes a build take the time a real server takes (tests, benches).
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import shutil
import threading
import time
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import course_content
from .i18n import t
from chamilo_backup.phpserial import PHPObject, dumps

NS = "Chamilo\\CourseBundle\\Component\\CourseCopy\\"
RES = NS + "Resources\\"

# resource types, in the order Chamilo's CourseSelectForm shows them for the seeded tools
TYPE_ORDER = ["announcement", "course_description", "document", "quiz", "link"]
TYPE_LABEL_KEYS = {
    "announcement": "Announcements",
    "course_description": "CourseDescription",
    "document": "Documents",
    "quiz": "Tests",
    "link": "Links",
    "Forum_Category": "Forums",
}

CHUNK = 256 * 1024


def _fetch_both(pairs: list[tuple[str, object]]) -> dict:
    """A DB row as PDO::FETCH_BOTH gives it: each column by name, then by position."""
    out: dict = {}
    for i, (k, v) in enumerate(pairs):
        out[k] = v
        out[i] = v
    return out


def _item_property(tool: str, ref: int, c_id: int, user_id: int, date: str, lastedit_type: str,
                   visibility: int = 1) -> dict:
    return _fetch_both([
        ("iid", ref), ("c_id", c_id), ("to_group_id", None), ("to_user_id", None),
        ("insert_user_id", user_id), ("session_id", None), ("id", ref), ("tool", tool),
        ("insert_date", date), ("lastedit_date", date), ("ref", ref), ("lastedit_type", lastedit_type),
        ("lastedit_user_id", user_id), ("visibility", visibility), ("start_visible", None), ("end_visible", None),
    ])


def _base(source_id: int, rtype: str, item_properties: list) -> dict:
    return {
        "source_id": source_id, "destination_id": -1, "type": rtype, "linked_resources": {},
        "item_properties": item_properties, "obj": None, "extraFields": {},
    }


def document_resource(doc: dict, c_id: int) -> PHPObject:
    props = _base(doc["iid"], "document", [_item_property(
        "document", doc["iid"], c_id, doc["insert_user_id"] or 0, doc["insert_date"] or "",
        "DocumentAdded" if doc["filetype"] == "folder" else "DocumentVisible", doc["visibility"])])
    props.update({
        "path": "document" + doc["path"], "comment": doc["comment"], "file_type": doc["filetype"],
        "size": doc["size"], "title": doc["title"],
    })
    return PHPObject(RES + "Document", props)


def link_resource(link: dict, c_id: int) -> PHPObject:
    props = _base(link["iid"], "link", [_item_property(
        "link", link["iid"], c_id, link["insert_user_id"] or 0, link["insert_date"] or "", "LinkAdded")])
    props.update({
        "title": link["title"], "url": link["url"], "description": link["description"] or "",
        "category_id": link["category_id"], "on_homepage": link["on_homepage"], "target": link["target"],
    })
    return PHPObject(RES + "Link", props)


def announcement_resource(ann: dict, c_id: int) -> PHPObject:
    props = _base(ann["iid"], "announcement", [_item_property(
        "announcement", ann["iid"], c_id, ann["insert_user_id"] or 0, ann["insert_date"] or "", "AnnouncementAdded")])
    props.update({
        "title": ann["title"], "content": ann["content"], "date": ann["end_date"] or ann["insert_date"],
        "display_order": ann["display_order"], "email_sent": ann["email_sent"], "attachment_path": "",
        "attachment_filename": "", "attachment_size": 0, "attachment_comment": "",
    })
    return PHPObject(RES + "Announcement", props)


def description_resource(desc: dict, c_id: int) -> PHPObject:
    props = _base(desc["iid"], "course_description", [])
    props.update({"title": desc["title"], "content": desc["content"], "description_type": desc["description_type"]})
    return PHPObject(RES + "CourseDescription", props)


def orphan_quiz_resource(lang: str) -> PHPObject:
    props = _base(-1, "quiz", [])
    props["obj"] = PHPObject("stdClass", {"iid": -1, "title": t("OrphanQuestions", lang), "type": 2, "quiz_type": 2})
    return PHPObject(RES + "Quiz", props)


def course_items(state, code: str) -> dict[str, list[dict]]:
    """The selectable items of a course by type: {type: [{"id", "label", "row"}]} (CourseSelectForm)."""
    items: dict[str, list[dict]] = {}
    anns = state.announcements(code)
    if anns:
        items["announcement"] = [
            {"id": a["iid"], "label": f"{(a['insert_date'] or '')[:10]}: {a['title']}", "row": a} for a in anns]
    descs = state.course_descriptions(code)
    if descs:
        items["course_description"] = [{"id": d["iid"], "label": d["title"], "row": d} for d in descs]
    docs = state.documents(code)
    if docs:
        out = []
        for d in docs:
            label = d["path"]
            if d["title"] != d["path"].rsplit("/", 1)[-1]:
                label += " - " + d["title"]
            out.append({"id": d["iid"], "label": label, "row": d})
        items["document"] = out
    links = state.links(code)
    if links:
        items["link"] = [{"id": lk["iid"], "label": f"{lk['title']} ({lk['url']})", "row": lk} for lk in links]
    quiz_items, forum_items = course_content.select_items(state, state.course(code)["id"])
    if quiz_items:
        items["quiz"] = quiz_items
    if forum_items:
        items["Forum_Category"] = forum_items
    return items


def course_info(state, course: dict, base_url: str) -> dict:
    course_dir = str(state.course_dir(course["code"])) + "/"
    return {
        "id": course["code"], "real_id": course["id"], "code": course["code"], "name": course["title"],
        "title": course["title"], "official_code": course["code"], "visual_code": course["code"],
        "sysCode": course["code"], "path": course["directory"], "directory": course["directory"],
        "creation_date": course["creation_date"], "titular": None, "tutor_name": None,
        "language": course["language"], "extLink": {"url": "", "name": None},
        "categoryCode": course["category_code"], "category_code": course["category_code"], "categoryName": None,
        "visibility": course["visibility"], "subscribe_allowed": course["subscribe"],
        "subscribe": course["subscribe"], "unsubscribe": course["unsubscribe"],
        "course_language": course["language"], "activate_legal": False, "legal": None, "show_score": 1,
        "department_name": course["department_name"], "department_url": course["department_url"],
        "registration_code": course["registration_code"], "disk_quota": course["disk_quota"],
        "course_public_url": f"{base_url}courses/{course['directory']}/index.php",
        "course_sys_path": course_dir, "add_teachers_to_sessions_courses": None,
        "course_image_source": "", "course_image": f"{base_url}main/img/icons/48/course.png",
        "course_image_large_source": "", "course_image_large": f"{base_url}main/img/session_default.png",
        "course_email_image_source": "", "course_email_image": None,
        "course_email_image_large_source": "", "course_email_image_large": None,
    }


def build_course_object(state, code: str, lang: str, base_url: str,
                        selection: dict[str, set[int]] | None = None) -> tuple[PHPObject, list[dict]]:
    """The Course object and the document rows it covers. ``selection`` None = complete backup."""
    course = state.course(code)
    c_id = course["id"]
    resources: dict[str, dict] = {}
    builders = {
        "announcement": (state.announcements, announcement_resource),
        "course_description": (state.course_descriptions, description_resource),
        "document": (state.documents, document_resource),
        "link": (state.links, link_resource),
    }
    docs_included: list[dict] = []

    def add(rtype: str) -> None:
        nonlocal docs_included
        fetch, make = builders[rtype]
        rows = fetch(code)
        if selection is not None:
            wanted = selection.get(rtype, set())
            rows = [r for r in rows if r["iid"] in wanted]
        if rows:
            resources[rtype] = {r["iid"]: make(r, c_id) for r in rows}
            if rtype == "document":
                docs_included = rows

    # CourseBuilder's order (RICH-backup.md): announcement, course_description, document, the forums,
    # quiz and its questions, link
    for rtype in ("announcement", "course_description", "document"):
        add(rtype)
    resources.update(course_content.forum_resources(state, c_id, selection))
    quizzes, questions = course_content.quiz_resources(state, c_id, None if selection is None
                                                       else selection.get("quiz", set()))
    if selection is None or -1 in selection.get("quiz", set()):
        quizzes[-1] = orphan_quiz_resource(lang)  # the placeholder every full backup carries
    if quizzes:
        resources["quiz"] = quizzes
    if questions:
        resources["Exercise_Question"] = questions
    add("link")
    course_dir = str(state.course_dir(code))
    obj = PHPObject(NS + "Course", {
        "resources": resources, "code": code, "path": course_dir + "/", "destination_path": None,
        "destination_db": None, "encoding": "UTF-8", "backup_path": course_dir,
        "type": "complete" if selection is None else "partial", "info": course_info(state, course, base_url),
    })
    return obj, docs_included


def _zip_dirs(docs: Iterable[dict]) -> list[str]:
    """Directory entries: document/, every folder row and every parent of an included file."""
    dirs = {"document/"}
    for d in docs:
        parts = d["path"].strip("/").split("/")
        upto = len(parts) if d["filetype"] == "folder" else len(parts) - 1
        for i in range(1, upto + 1):
            dirs.add("document/" + "/".join(parts[:i]) + "/")
    return sorted(dirs, key=lambda p: (p.count("/"), p.lower()))


def _incompressible(fh, size: int) -> bool:
    """Big files whose first 64 KiB do not deflate (video, archives, random bytes) are stored:
    deflating 50 MB of them would only cost seconds.  Small files are always deflated, like PclZip.
    ``fh``: the file, open for reading (left at its start)."""
    if size <= 1024 * 1024:
        return False
    head = fh.read(64 * 1024)
    fh.seek(0)
    return len(zlib.compress(head, 1)) > 0.95 * len(head)


def _set_level(zi: zipfile.ZipInfo, level: int) -> None:
    # ZipInfo's per-entry level: "_compresslevel" up to Python 3.12, "compress_level" from 3.13
    for attr in ("compress_level", "_compresslevel"):
        try:
            setattr(zi, attr, level)
        except AttributeError:
            pass


def backup_name(user_id: int, code: str, when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now()
    return f"{user_id}_{code}_{when.strftime('%Y%m%d-%H%M%S')}.zip"


ARCHIVER_PREFIX = "CourseArchiver_"  # the temporary folders of CourseArchiver (backups and imports)


@dataclass(frozen=True)
class BackupPace:
    """How long a build takes on the practice server: ``seconds`` at least, and at most
    ``bytes_per_second`` of documents zipped (None: as fast as the disk). Real Chamilo 1.11.32 built
    a 4 KB course in 0.37 s and zipped 100 MB of a 200 MB one in about 2 s (captures 52a, 52b)."""

    seconds: float = 0.0
    bytes_per_second: float | None = None

    def duration(self, size: int) -> float:
        return max(self.seconds, size / self.bytes_per_second if self.bytes_per_second else 0.0)


NO_PACE = BackupPace()


class BackupBuilds:
    """The backups being built on the site right now: how many (``now``), the most at once since the
    last reset (``max_at_once``), how many were started (``total``) and how many lost their folder to
    another build (``broken``). ``wait_started(n)`` waits until ``n`` builds were started."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.now = self.max_at_once = self.total = self.broken = 0

    def reset(self) -> None:
        with self._cond:
            self.max_at_once, self.total, self.broken = self.now, 0, 0

    def started(self) -> None:
        with self._cond:
            self.now += 1
            self.total += 1
            self.max_at_once = max(self.max_at_once, self.now)
            self._cond.notify_all()

    def finished(self, broken: bool) -> None:
        with self._cond:
            self.now -= 1
            self.broken += int(broken)
            self._cond.notify_all()

    def wait_started(self, count: int = 1, timeout: float = 60.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self.total >= count, timeout)


def clean_backup_dir(state) -> None:
    """CourseArchiver::cleanBackupDir(): delete every ``CourseArchiver_*`` folder of the site's backup
    folder — including those of backups and imports that others are still building (§17). Chamilo
    calls it when a backup starts (createBackup) and when an import reads its zip (readCourse,
    import_backup.php)."""
    if not state.backup_dir.is_dir():
        return
    for entry in state.backup_dir.iterdir():
        if entry.name.startswith(ARCHIVER_PREFIX) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


class _FolderGone(Exception):
    """The build's CourseArchiver_ folder was deleted under it (another backup or import started)."""


def _stage(state, code: str, obj: PHPObject, docs: list[dict], folder: Path) -> list[tuple[dict, Path]]:
    """Copy course_info.dat, then the documents, into the build's folder, as createBackup does: each
    copy first makes its folder with a recursive mkdir, so when another build deletes the folder
    meanwhile, the next copy makes it again and the copies go on — without course_info.dat and the
    files copied before (§17). The (row, copy) of each file copied."""
    try:
        (folder / "course_info.dat").write_bytes(base64.b64encode(dumps(obj)))
    except OSError:  # the folder went already: PHP's file_put_contents fails quietly
        pass
    docroot = state.course_dir(code) / "document"
    staged = []
    for d in sorted((d for d in docs if d["filetype"] == "file"), key=lambda d: d["path"].lower()):
        src = docroot / d["path"].lstrip("/")
        if not src.is_file():
            continue
        copy = folder / "document" / d["path"].lstrip("/")
        try:
            copy.parent.mkdir(parents=True, exist_ok=True)  # @mkdir(dirname, …, true): the folder again if it went
            shutil.copyfile(src, copy)
        except OSError:  # deleted under the copy: PHP's @copy fails quietly
            continue
        staged.append((d, copy))
    return staged


def _same_folder(folder: Path, ino: int) -> bool:
    """The build's own folder is still there (not deleted, nor made again by a copy)."""
    try:
        return folder.stat().st_ino == ino
    except OSError:
        return False


def _zip_dir_entries(zf: zipfile.ZipFile, docs: list[dict], stamp: tuple) -> None:
    for name in _zip_dirs(docs):
        zi = zipfile.ZipInfo(name, date_time=stamp)
        zi.create_system = 0
        zi.external_attr = 0x10
        zf.writestr(zi, b"")


def _zip_folder(zf: zipfile.ZipFile, folder: Path, ino: int, staged: list[tuple[dict, Path]], stamp: tuple,
                pace: BackupPace, with_info: bool = True) -> None:
    """Zip the build's staged files, then course_info.dat (``with_info``), into ``zf`` at the pace's
    speed; _FolderGone when the folder vanishes."""
    total = sum(int(d["size"] or 0) for d, _copy in staged)  # the documents' sizes (the copies may go any time)
    seconds = pace.duration(total)
    t0, done = time.monotonic(), 0

    def keep_pace(extra: int) -> None:
        nonlocal done
        done += extra
        if seconds:
            ahead = t0 + seconds * (done / total if total else 1.0) - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
        if not _same_folder(folder, ino):
            raise _FolderGone()

    for d, copy in staged:
        try:
            fin = open(copy, "rb")
        except OSError:
            raise _FolderGone() from None
        with fin:
            size = os.fstat(fin.fileno()).st_size
            zi = zipfile.ZipInfo("document" + d["path"], date_time=stamp)
            zi.create_system = 0
            zi.compress_type = zipfile.ZIP_STORED if _incompressible(fin, size) else zipfile.ZIP_DEFLATED
            _set_level(zi, 6)
            with zf.open(zi, "w", force_zip64=size > 2**31) as fout:
                while chunk := fin.read(CHUNK):
                    fout.write(chunk)
                    keep_pace(len(chunk))
    keep_pace(0)
    if not with_info:
        return
    try:
        info_bytes = (folder / "course_info.dat").read_bytes()
    except OSError:
        raise _FolderGone() from None
    info = zipfile.ZipInfo("course_info.dat", date_time=stamp)
    info.create_system = 0
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, info_bytes)


def create_backup(state, code: str, user_id: int, lang: str, base_url: str,
                  selection: dict[str, set[int]] | None = None) -> Path:
    """CourseArchiver::createBackup(): clean the backup folder (every build's temporary folder),
    build in a ``CourseArchiver_<id>`` folder, zip it into <data>/archive/course_backups/ and return
    the zip's path — whole; truncated when another build deleted the folder while it was zipped;
    whole but without course_info.dat (and the files copied before) when that happened during the
    copy (§17)."""
    pace = state.backup_pace  # as it is when the request comes
    clean_backup_dir(state)
    when = dt.datetime.now()
    obj, docs = build_course_object(state, code, lang, base_url, selection)
    state.backup_dir.mkdir(parents=True, exist_ok=True)
    final = state.backup_dir / backup_name(user_id, code, when)
    folder = state.backup_dir / f"{ARCHIVER_PREFIX}{uuid.uuid4().hex[:13]}"
    builds: BackupBuilds = state.backup_builds
    folder.mkdir()
    ino = folder.stat().st_ino
    builds.started()
    broken = False
    try:
        with open(final, "wb") as fh:
            cut = None
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                stamp = when.timetuple()[:6]
                _zip_dir_entries(zf, docs, stamp)
                try:
                    staged = _stage(state, code, obj, docs, folder)
                    if not _same_folder(folder, ino) or not (folder / "course_info.dat").is_file():
                        # the folder went during the copy and the copies made it again: PclZip zips what
                        # is there — a whole zip, without course_info.dat and the files copied before
                        broken = True
                        ino = folder.stat().st_ino if folder.is_dir() else ino
                        staged = [(d, copy) for d, copy in staged if copy.is_file()]
                    _zip_folder(zf, folder, ino, staged, stamp, pace, with_info=not broken)
                except _FolderGone:
                    broken = True
                    fh.flush()
                    cut = fh.tell()  # what PclZip had written when the files went: no central directory
            if cut is not None:
                fh.truncate(cut)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        builds.finished(broken)
    return final
