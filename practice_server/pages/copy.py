"""``/main/coursecopy/copy_course.php`` — Copy course (UI-REFERENCE §4, §12; captured 06a form,
06b full-copy result, 15a-15c select-items path).

GET → the form: ``destination_course`` (a bootstrap-select; the courses the user teaches, minus
this one, ordered by title; value = code, text = "<title> (<code>)"), ``copy_option``
(``full_copy`` / ``select_items``, default select_items), ``same_file_name_option`` (1 skip,
2 rename, 3 overwrite, default 3), submit, sec_token. No course to copy to → only the
NoDestinationCoursesAvailable message.
POST ``copy_option=full_copy`` → copy everything, same response: ``div.alert.alert-info``
"CopyFinished: <a href=course URL>CODE</a>". POST ``select_items`` → the CourseSelectForm (hidden
``course``, ``same_file_name_option``, ``destination_course``, ``sec_token``); its POST
(``action=course_select_form``) copies the ticked items. A missing or wrong sec_token shows the form
again (nothing copied). A target the user does not teach is refused the same way (not verified on
a real Chamilo, which trusts the posted code).
"""

from __future__ import annotations

from flask import Blueprint, request
from markupsafe import Markup

from .. import backup as backupmod
from .. import coursecopy, web
from . import course_select

bp = Blueprint("copy", __name__)

URL = "/main/coursecopy/copy_course.php"


def destinations(user: dict, current: str) -> list[dict]:
    """getCoursesFollowedByUser(user, COURSEMANAGER) minus the current course, by title."""
    rows = [c for c in web.state().user_courses(user["id"]) if c["rel_status"] == 1 and c["code"] != current]
    return sorted(rows, key=lambda c: c["title"].lower())


def _crumbs(course):
    return web.course_breadcrumb(
        course,
        (web._("Maintenance"), f"{web.base_url()}main/course_info/maintenance.php?{web.cidreq(course['code'])}&"),
        (web._("CopyCourse"), None))


def _page(template: str, course, **context):
    return web.render_page(template, course=course, heading=web._("CopyCourse"), breadcrumb=_crumbs(course),
                           **context)


def _form(course, user):
    targets = destinations(user, course["code"])
    if not targets:
        return _page("copy_course.html", course, targets=[], messages=[("info", web._("NoDestinationCoursesAvailable"))])
    return _page("copy_course.html", course, targets=targets, token=web.get_token(),
                 action=f"{web.base_url()}main/coursecopy/copy_course.php?{web.cidreq(course['code'])}")


def _finished(course, target_code: str):
    """CopyFinished: <a href="…/courses/<DIR>/index.php?id_session=0&gidReq=0">CODE</a> (alert-info)."""
    target = web.state().course(target_code)
    href = f"{web.base_url()}courses/{target['directory']}/index.php?id_session=0&gidReq=0"
    text = Markup('{}: <a href="{}">{}</a>').format(web._("CopyFinished"), href, target_code)
    return _page("copy_course.html", course, targets=None, messages=[("info", text)])


def _file_option() -> int:
    try:
        return int(request.form.get("same_file_name_option", coursecopy.FILE_OVERWRITE))
    except ValueError:
        return coursecopy.FILE_OVERWRITE


@bp.route(URL, methods=["GET", "POST"])
def copy_course():
    course, denied = web.course_admin_or_denied()
    if denied:
        return denied
    user = web.current_user()
    if request.method != "POST":
        return _form(course, user)
    if not web.check_token(request.form.get("sec_token")):
        return _form(course, user)
    target = request.form.get("destination_course", "")
    if target not in {c["code"] for c in destinations(user, course["code"])}:
        return _form(course, user)
    st = web.state()
    if request.form.get("action") == "course_select_form":
        coursecopy.copy_course(st, course["code"], target, _file_option(), user["id"],
                               course_select.posted_selection())
        return _finished(course, target)
    option = request.form.get("copy_option")
    if option == "full_copy":
        coursecopy.copy_course(st, course["code"], target, _file_option(), user["id"])
        return _finished(course, target)
    if option == "select_items":
        sections = course_select.sections(backupmod.course_items(st, course["code"]))
        target_row = st.course(target)
        return _page("copy_select_form.html", course, sections=sections, token=web.get_token(),
                     course_blob=course_select.serialized_course(st, course["code"]),
                     same_file_name_option=str(_file_option()), destination_course=target,
                     target_label=f"{target_row['title']} ({target})",
                     learnpath_warning=web._("DocumentsWillBeAddedToo"))
    return _form(course, user)
