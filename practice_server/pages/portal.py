"""``/user_portal.php`` — "My courses" (UI-REFERENCE §1.4)."""

from __future__ import annotations

from flask import Blueprint

from .. import web

bp = Blueprint("portal", __name__)


@bp.route("/user_portal.php")
def user_portal():
    user = web.current_user()
    if not user:
        return web.not_allowed()
    st = web.state()
    courses = []
    for c in st.user_courses(user["id"]):
        courses.append({"course": c, "url": web.course_url(c), "teachers": st.course_teachers(c["code"])})
    may_create_course = bool(user["is_admin"]) or user["status"] == 1  # the "Create a course" link (captured 02)
    return web.render_page("user_portal.html", courses=courses, title=web._("MyCourses"), may_create_course=may_create_course,
                           breadcrumb=[(web._("MyCourses"), None)])
