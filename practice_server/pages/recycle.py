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

from flask import Blueprint, request

from .. import backup as backupmod
from .. import course_admin, web
from . import course_select

bp = Blueprint("recycle", __name__)

URL = "/main/coursecopy/recycle_course.php"


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


def _select_form(course):
    st = web.state()
    sections = course_select.sections(backupmod.course_items(st, course["code"]))
    serialized = course_select.serialized_course(st, course["code"])
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
        selection = course_select.posted_selection()
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
