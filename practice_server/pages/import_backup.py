"""``/main/coursecopy/import_backup.php`` — Maintenance → Import backup (UI-REFERENCE §15; captured
50a-50k, en and fr).

GET → the multipart form: where the zip comes from (``backup_type`` local: the file input; server:
the zips this user made, ``<uid>_<CODE>_<stamp>.zip``), ``import_option`` full_backup / select_items,
``same_file_name_option`` 1 / 2 / 3 (3 checked), hidden ``MAX_FILE_SIZE`` (the site's
upload_max_filesize).

POST (``action=restore_backup``):
- a body over PHP's ``post_max_size`` reaches the page empty: the form again, **no message**,
  nothing imported (§15.4, 50k);
- no file chosen → alert-danger "Select a backup file" + Try again (50h); the same for a file over
  ``upload_max_filesize`` / ``MAX_FILE_SIZE`` in a body under ``post_max_size`` (PHP drops the file);
- a file that is no backup (or holds nothing) → alert-warning "There are no resources in backup
  file" + Try again (50g);
- full_backup → the import (practice_server/restore.py), alert-info "Import finished" + Course home (50b);
- select_items → the backup's CourseSelectForm (50e, 50i). Only an *uploaded* file's name is kept
  in the session for the next POST: from a server file, that POST finds nothing and answers "There
  are no resources in backup file", importing nothing (50f) — as real Chamilo.
Every import first cleans the site's backup work folder (§17), as real Chamilo's readCourse does.
"""

from __future__ import annotations

import base64
import re
import uuid
import zipfile
from pathlib import Path

from flask import Blueprint, request

from chamilo_backup import read_course
from chamilo_backup.phpserial import dumps

from .. import backup as backupmod
from .. import restore as restoremod
from .. import web
from . import course_select

bp = Blueprint("import_backup", __name__)

URL = "/main/coursecopy/import_backup.php"
SESSION_KEY = "import_backup_file"  # the uploaded zip, for the item list's POST
ONSUBMIT = ("javascript: page_title = getElementById('page_title'); if (page_title) { "
            "setTimeout('page_title.style.display = \\'none\\';', 2000); } addProgress('import_backup_form')")
_SERVER_NAME = re.compile(r"^(\d+)_([^_]+)_(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.zip$")


def _page(template: str, course, **context):
    crumbs = web.course_breadcrumb(
        course, (web._("Maintenance"), f"../course_info/maintenance.php?{web.cidreq(course['code'])}"),
        (web._("ImportBackup"), None))
    return web.render_page(template, course=course, heading=web._("ImportBackup"), breadcrumb=crumbs,
                           title=web._("ImportBackup"), **context)


def _limit(name: str) -> int:
    return int(web.state().settings.get(name) or 0)


def server_files(user_id: int) -> list[tuple[str, str]]:
    """CourseArchiver::getAvailableBackups: this user's zips, (file name, "CODE (YYYY-mm-dd HH:MM:SS)")."""
    out = []
    for path in sorted(web.state().backup_dir.glob("*.zip")):
        m = _SERVER_NAME.match(path.name)
        if m and int(m.group(1)) == user_id:
            y, mo, d, h, mi, s = m.groups()[2:]
            out.append((path.name, f"{m.group(2)} ({y}-{mo}-{d} {h}:{mi}:{s})"))
    return out


def _form(course):
    user = web.current_user()
    return _page("import_backup_form.html", course, action=f"{web.base_url()}{URL.lstrip('/')}?{web.cidreq(course['code'])}",
                 onsubmit=ONSUBMIT,
                 server_files=server_files(user["id"]), max_file_size=_limit("upload_max_filesize"),
                 token=web.get_token())


def _answer(course, level: str, key: str, imported: bool = False):
    back = course["code"]
    if imported:
        href, label = f"{web.base_url()}courses/{back}/index.php", web._("CourseHomepage")
    else:
        href, label = f"import_backup.php?{web.cidreq(back)}", web._("TryAgain")
    return _page("import_backup_result.html", course, back_href=href, back_label=label, messages=[(level, web._(key))])


def _drain() -> None:
    """Read and drop a body PHP would have refused (post_max_size): the browser gets its answer."""
    stream = request.stream
    while stream.read(1 << 20):
        pass


def _clean_backup_dir() -> None:
    """§17: readCourse() first deletes every backup's temporary folder on the site, whoever is
    building it (the victim's zip comes out truncated)."""
    backupmod.clean_backup_dir(web.state())


def _uploaded_zip() -> Path | None:
    """The upload, saved; None when PHP has none for the page: no file chosen, or one over
    upload_max_filesize or the form's MAX_FILE_SIZE (``$_FILES['backup']['error']`` 1 or 2: the body
    arrived, the file was dropped — import_backup.php then answers "Select a backup file")."""
    upload = request.files.get("backup")
    if upload is None or not upload.filename:
        return None
    folder = web.state().archive_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.zip"
    upload.save(path)
    posted = request.form.get("MAX_FILE_SIZE", "")
    limits = [_limit("upload_max_filesize")] + ([int(posted)] if posted.isdigit() else [])
    if path.stat().st_size > min(limits):
        path.unlink()
        return None
    return path


def _selection_form(course, path: Path, content, same_file_name_option: str):
    sections = course_select.sections(restoremod.select_entries(content))
    with zipfile.ZipFile(path) as zf:  # the hidden ``course``: the backup's course object, as real Chamilo
        blob = base64.b64encode(dumps(read_course(zf, restoremod.MAX_COURSE_INFO))).decode("ascii")
    return _page("import_select_form.html", course, sections=sections, token=web.get_token(), course_blob=blob,
                 same_file_name_option=same_file_name_option, learnpath_warning=web._("DocumentsWillBeAddedToo"))


def _file_option(value: str | None) -> int:
    try:
        return int(value or 3)
    except ValueError:
        return 3


@bp.route(URL, methods=["GET", "POST"])
def import_backup():
    course, denied = web.course_admin_or_denied()
    if denied:
        return denied
    if request.method != "POST":
        return _form(course)
    if (request.content_length or 0) > _limit("post_max_size"):
        _drain()  # PHP: "POST Content-Length … exceeds the limit": $_POST and $_FILES are empty
        return _form(course)
    if not web.check_token(request.form.get("sec_token")):
        return _form(course)
    st = web.state()
    user = web.current_user()
    if request.form.get("action") == "course_select_form":
        stored = web.session().pop(SESSION_KEY, None)
        if not stored or not Path(stored).is_file():
            return _answer(course, "warning", "NoResourcesInBackupFile")
        _clean_backup_dir()
        selection = course_select.posted_selection()
        try:
            restoremod.restore(st, course["code"], Path(stored), _file_option(request.form.get("same_file_name_option")),
                               user["id"], selection)
        except restoremod.NoResources:
            return _answer(course, "warning", "NoResourcesInBackupFile")
        return _answer(course, "info", "ImportFinished", imported=True)
    if request.form.get("action") != "restore_backup":
        return _form(course)
    if request.form.get("backup_type") == "server":
        name = request.form.get("backup_server") or "null"
        if name == "null" or name not in {n for n, _t in server_files(user["id"])}:
            return _answer(course, "danger", "SelectBackupFile")
        path: Path | None = st.backup_dir / name
    else:
        path = _uploaded_zip()
        if path is None:
            return _answer(course, "danger", "SelectBackupFile")
    _clean_backup_dir()
    try:
        content = restoremod.read_backup(path)
    except restoremod.NoResources:
        return _answer(course, "warning", "NoResourcesInBackupFile")
    option = _file_option(request.form.get("same_file_name_option"))
    if request.form.get("import_option") == "select_items":
        if request.form.get("backup_type") != "server":
            web.session()[SESSION_KEY] = str(path)  # only an upload is remembered (the server-file failure)
        return _selection_form(course, path, content, str(option))
    try:
        restoremod.restore(st, course["code"], path, option, user["id"])
    except restoremod.NoResources:
        return _answer(course, "warning", "NoResourcesInBackupFile")
    return _answer(course, "info", "ImportFinished", imported=True)
