"""``/main/course_info/delete_course.php`` — Maintenance → Completely delete this course
(UI-REFERENCE §5.2, §12; captured 08, 21a, 21b).

GET ``?cidReq=X`` → the GET form ``delete`` (``course_code``, buttons ``yes`` / ``no``, no cidReq in
its action: the course is remembered in the session, as Chamilo's PHP session does).  GET
``?course_code=X&yes=`` → when X is the session course's code: the course is deleted, flash
"<CODE> has been deleted" (error style) and 302 to the site root; another code → the form again
with a warning; ``no`` → back to the maintenance page.  No CSRF token, no JS dialog.
"""

from __future__ import annotations

from flask import Blueprint, redirect, request

from .. import course_admin, web

bp = Blueprint("delete_course", __name__)

URL = "/main/course_info/delete_course.php"
SESSION_KEY = "_cid"  # the course the PHP session holds (as user.php, the table forms without cidReq)


@bp.route(URL)
def delete_course():
    st = web.state()
    code = request.args.get("cidReq") or web.session().get(SESSION_KEY) or ""
    course, denied = web.course_admin_or_denied(code or None)
    if denied:
        return denied
    web.session()[SESSION_KEY] = course["code"]
    if "no" in request.args:
        return redirect(f"{web.base_url()}main/course_info/maintenance.php?{web.cidreq(course['code'])}", 302)
    messages = []
    if "yes" in request.args:
        typed = (request.args.get("course_code") or "").strip()
        if typed == course["code"]:
            course_admin.delete_course(st, course["code"])
            web.session().pop(SESSION_KEY, None)
            web.flash(f"{course['code']} {web._('HasDel')}", "danger")
            return redirect(web.base_url(), 302)
        messages.append(("warning", web._("CourseRegistrationCodeIncorrect")))
    crumbs = web.course_breadcrumb(
        course, (web._("Maintenance"), f"maintenance.php?{web.cidreq(course['code'])}"), (web._("DelCourse"), None))
    return web.render_page("delete_course.html", course=course, title=web._("DelCourse"), breadcrumb=crumbs,
                           messages=messages,
                           confirm_text=web._("CourseCodeToEnteredCapitalLettersToConfirmDeletionX") % course["code"])
