"""Course home ``/courses/<CODE>/index.php`` (UI-REFERENCE §1.5; captured 03, 19a)."""

from __future__ import annotations

from flask import Blueprint, g

from .. import web

bp = Blueprint("course_home", __name__)

# (c_tool id, label key, path under main/, icon file under main/img/icons/64/) per block, as on the captured ALPHA course home
AUTHORING = [
    (1, "ToolCourseDescription", "course_description/index.php", "info"),
    (3, "ToolDocument", "document/document.php", "folder_document"),
    (4, "ToolLearnpath", "lp/lp_controller.php", "scorms"),
    (5, "ToolLink", "link/link.php", "links"),
    (6, "ToolQuiz", "exercise/exercise.php", "quiz"),
    (7, "ToolAnnouncement", "announcements/announcements.php", "valves"),
    (16, "ToolGradebook", "gradebook/index.php", "gradebook"),
    (17, "ToolGlossary", "glossary/index.php", "glossary"),
    (19, "ToolAttendance", "attendance/index.php", "attendance"),
    (20, "ToolCourseProgress", "course_progress/index.php", "course_progress"),
]
INTERACTION = [
    (2, "ToolCalendarEvent", "calendar/agenda.php", "agenda"),
    (8, "ToolForum", "forum/index.php", "forum"),
    (9, "ToolDropbox", "dropbox/index.php", "dropbox"),
    (10, "ToolUser", "user/user.php", "members"),
    (11, "ToolGroup", "group/group.php", "group"),
    (13, "ToolStudentPublication", "work/work.php", "works"),
    (14, "ToolSurvey", "survey/survey_list.php", "survey"),
    (15, "ToolWiki", "wiki/index.php", "wiki"),
    (18, "ToolNotebook", "notebook/index.php", "notebook"),
]
ADMINISTRATION = [
    (21, "ToolBlogManagement", "blog/blog_admin.php", "blog_admin"),
    (22, "ToolTracking", "tracking/courseLog.php", "statistics"),
    (23, "ToolCourseSetting", "course_info/infocours.php", "reference"),
    (24, "ToolCourseMaintenance", "course_info/maintenance.php", "backup"),
]


@bp.route("/courses/<code>/")
@bp.route("/courses/<code>/index.php")
def course_home(code: str):
    return render_home(web.state().course(code))


def render_home(course: dict | None, **extra):
    """The course home of ``course`` (``extra``: intro_form, messages — see pages/intro.py)."""
    st = web.state()
    g.course = course
    user = web.current_user()
    if not user or not course or not st.can_enter_course(user["id"], course["code"]):
        return web.not_allowed()
    is_teacher = st.is_course_admin(user["id"], course["code"])
    blocks = [("Authoring", "course-tools-author", AUTHORING), ("Interaction", "course-tools-interaction", INTERACTION)]
    if is_teacher:
        blocks.append(("Administration", "course-tools-administration", ADMINISTRATION))
    student_view = (f"/main/course_home/course_home.php?{web.cidreq(course['code'])}&isStudentView=true"
                    if is_teacher else None)
    return web.render_page("course_home.html", course=course, is_teacher=is_teacher, blocks=blocks,
                           breadcrumb=web.course_breadcrumb(course), student_view_href=student_view, **extra)
