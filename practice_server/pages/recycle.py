"""``/main/coursecopy/recycle_course.php`` — Maintenance → Empty this course (UI-REFERENCE §5.1,
§12; captured 07a-07c, 16a-16d).

GET → warning + form ``recycle_course`` (radios ``recycle_option`` full_backup / select_items (default),
hidden ``.course-full-delete`` code field revealed by the full_backup radio, sec_token).
POST full_backup → the typed code is compared with the course's official code: equal → everything
goes, alert-success RecycleFinished; else alert-danger CourseRegistrationCodeIncorrect + "Back to
previous page", nothing deleted.  POST select_items → CourseSelectForm (hidden ``course``, button
``button.save``); its POST (action=course_select_form) removes the ticked items.  A missing or
invalid sec_token shows the first form again.
"""

from __future__ import annotations

import base64
import re

from flask import Blueprint, request

from .. import backup as backupmod
from .. import course_admin, web
from ..phpserialize import dumps

bp = Blueprint("recycle", __name__)

URL = "/main/coursecopy/recycle_course.php"
_RESOURCE_RE = re.compile(r"^resource\[([^\]]+)\]\[(-?\d+)\]$")


def _page(template: str, course, **context):
    crumbs = web.course_breadcrumb(
        course, (web._("Maintenance"), f"{web.base_url()}main/course_info/maintenance.php?{web.cidreq(course['code'])}"),
        (web._("RecycleCourse"), None))
    return web.render_page(template, course=course, heading=web._("RecycleCourse"), breadcrumb=crumbs,
                           title=web._("RecycleCourse"), **context)


def _form(course):
    if not backupmod.course_items(web.state(), course["code"]):
        return _page("placeholder.html", course, messages=[("info", web._("NoResourcesToRecycle"))])
    return _page("recycle_form.html", course, action=f"{URL}?{web.cidreq(course['code'])}", token=web.get_token(),
                 messages=[("warning", web._("RecycleWarning"))])


def _selection() -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for key in request.form:
        m = _RESOURCE_RE.match(key)
        if m:
            out.setdefault(m.group(1), set()).add(int(m.group(2)))
    return out


def _select_form(course):
    st = web.state()
    items = backupmod.course_items(st, course["code"])
    sections = []
    for rtype in backupmod.TYPE_ORDER:
        entries = items.get(rtype, [])
        if rtype == "quiz":
            entries = [{"id": -1, "label": web._("OrphanQuestions")}]
        if entries:
            sections.append({"type": rtype, "title": web._(backupmod.TYPE_LABEL_KEYS[rtype]), "items": entries})
    obj, _docs = backupmod.build_course_object(st, course["code"], web.lang(), web.base_url())
    serialized = base64.b64encode(dumps(obj)).decode("ascii")
    return _page("recycle_select_form.html", course, sections=sections, token=web.get_token(), serialized=serialized)


def _done(course):
    return _page("placeholder.html", course, messages=[("success", web._("RecycleFinished"))])


@bp.route(URL, methods=["GET", "POST"])
def recycle_course():
    course, denied = web.course_admin_or_denied()
    if denied:
        return denied
    if request.method != "POST" or not web.check_token(request.form.get("sec_token")):
        return _form(course)
    st = web.state()
    if request.form.get("action") == "course_select_form":
        selection = _selection()
        if any(selection.values()):
            course_admin.recycle(st, course["code"], selection)
        return _done(course)
    option = request.form.get("recycle_option")
    if option == "full_backup":
        typed = (request.form.get("course_code_confirmation") or "").strip()
        if typed != course["code"]:  # compared with the official code (= the code here)
            back = f"{URL}?{web.cidreq(course['code'])}"
            return _page("recycle_wrong_code.html", course, back_href=back,
                         messages=[("danger", web._("CourseRegistrationCodeIncorrect"))])
        course_admin.recycle(st, course["code"])
        return _done(course)
    if option == "select_items":
        return _select_form(course)
    return _form(course)
