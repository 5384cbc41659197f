"""``/main/coursecopy/create_backup.php`` and ``/main/course_info/download.php`` (UI-REFERENCE §3).

create_backup: GET → option form; POST full_backup → zip + result page; POST select_items →
CourseSelectForm; POST action=course_select_form → zip of the ticked resources + result page.
A missing/invalid ``sec_token`` silently shows the option form again.
"""

from __future__ import annotations

import os
import zipfile

from flask import Blueprint, Response, g, request

from .. import backup as backupmod
from .. import web
from . import course_select

bp = Blueprint("backup", __name__)

CREATE_BACKUP_ONSUBMIT = (
    "javascript: page_title = getElementById('page_title'); if (page_title) { "
    "setTimeout('page_title.style.display = \\'none\\';', 2000); } addProgress('create_backup_form')"
)


def _crumbs(course):
    return web.course_breadcrumb(
        course,
        (web._("Maintenance"), f"{web.base_url()}main/course_info/maintenance.php?{web.cidreq(course['code'])}"),
        (web._("CreateBackup"), None),
    )


def _page(template: str, course, **context):
    return web.render_page(template, course=course, heading=web._("CreateBackup"), breadcrumb=_crumbs(course),
                           **context)


def _option_form(course):
    return _page("create_backup_form.html", course,
                 action=f"/main/coursecopy/create_backup.php?{web.cidreq(course['code'])}",
                 onsubmit=CREATE_BACKUP_ONSUBMIT, token=web.get_token())


def _result(course, zip_path):
    href = (f"{web.base_url()}main/course_info/download.php?archive={zip_path.name}&"
            f"{web.cidreq(course['code'])}")
    return _page("backup_result.html", course, download_href=href,
                 messages=[("success", web._("BackupCreated"))])


@bp.route("/main/coursecopy/create_backup.php", methods=["GET", "POST"])
def create_backup():
    course, denied = web.course_admin_or_denied()
    if denied:
        return denied
    if "archive_not_writable" in g.faults:
        # api_check_archive_dir(): the archive directory is not writable
        return web.not_allowed(("warning", web._("ArchivesDirectoryNotWriteableContactAdmin")))
    if request.method != "POST":
        return _option_form(course)
    if not web.check_token(request.form.get("sec_token")):
        return _option_form(course)

    st = web.state()
    user = web.current_user()
    lang = web.lang()
    if "php_fatal" in g.faults and (request.form.get("action") == "course_select_form"
                                    or request.form.get("backup_option") == "full_backup"):
        # §14.3: CourseArchiver::createBackup dies (unwritable archive folder) after the page header
        # was sent: no zip; the app cuts the page after its h2 (error_pages.php_fatal)
        return _page("placeholder.html", course)
    if request.form.get("action") == "course_select_form":
        selection = course_select.posted_selection()
        if not any(selection.values()):
            return _page("backup_result.html", course, download_href=None,
                         messages=[("warning", web._("NoResourcesToBackup"))])
        zip_path = backupmod.create_backup(st, course["code"], user["id"], lang, web.base_url(), selection)
        return _result(course, zip_path)

    option = request.form.get("backup_option")
    if option == "select_items":
        items = backupmod.course_items(st, course["code"])
        if not items:
            return _page("backup_result.html", course, download_href=None,
                         messages=[("warning", web._("NoResourcesToBackup"))])
        sections = course_select.sections(items)
        return _page("course_select_form.html", course, sections=sections, token=web.get_token(),
                     learnpath_warning=web._("DocumentsWillBeAddedToo"))
    if option == "full_backup":
        zip_path = backupmod.create_backup(st, course["code"], user["id"], lang, web.base_url())
        return _result(course, zip_path)
    return _option_form(course)


# ---------------------------------------------------------------- download.php
def _corrupt_offsets(path) -> list[int]:
    """Where ``corrupt_zip`` damages the file: the middle, and the data of course_info.dat."""
    size = path.stat().st_size
    offsets = {size // 2}
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("course_info.dat")
        offsets.add(info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 8)
    except (KeyError, zipfile.BadZipFile):
        pass
    return sorted(o for o in offsets if 0 <= o < size)


def _stream_file(path, corrupt_at: list[int], chunk_size: int = 256 * 1024):
    """Read the file chunk by chunk (never all in memory), flipping 16 bytes at each corrupt offset."""
    with open(path, "rb") as fh:
        pos = 0
        while True:
            chunk = fh.read(chunk_size)
            if not chunk:
                break
            if corrupt_at:
                buf = bytearray(chunk)
                for off in corrupt_at:
                    for i in range(off, off + 16):
                        if pos <= i < pos + len(buf):
                            buf[i - pos] ^= 0xFF
                chunk = bytes(buf)
            pos += len(chunk)
            yield chunk


@bp.route("/main/course_info/download.php")
def download():
    archive = request.args.get("archive", "")
    archive = archive.replace("..", "").replace("/", "").replace("\\", "")
    user = web.current_user()
    course = web.request_course()
    st = web.state()
    ext = os.path.splitext(archive)[1].lower().lstrip(".")
    if ext == "zip":
        allowed = bool(user and course and st.is_course_admin(user["id"], course["code"]))
    else:
        allowed = bool(user and user["is_admin"])
    if not allowed:
        return web.not_allowed()
    path = st.backup_dir / archive
    if not ext or not archive or not path.is_file():
        return Response(b"", mimetype="text/html")
    size = path.stat().st_size
    corrupt_at = _corrupt_offsets(path) if "corrupt_zip" in g.faults else []
    headers = [
        ("Expires", "Thu, 19 Nov 1981 08:52:00 GMT"),
        ("Cache-Control", "no-store, no-cache, must-revalidate"),
        ("Pragma", "no-cache"),
        ("Accept-Ranges", "bytes"),
        ("Content-Length", str(size)),
        ("Content-Disposition", f"attachment; filename= {archive}"),
        ("Content-Description", archive),
        ("Content-Transfer-Encoding", "binary"),
    ]
    response = Response(_stream_file(path, corrupt_at), headers=headers, mimetype="application/octet-stream",
                        direct_passthrough=True)
    response.headers["Content-Type"] = "application/octet-stream"
    return response
