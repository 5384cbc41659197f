"""The platform admin's course pages (UI-REFERENCE §16; captured 51a-51d, 51f; issue 19).

``/main/admin/`` (the Administration tab's target, a short index), ``course_list.php`` (a
SortableTable ``courses``: 20 a page, ``courses_page_nr`` / ``courses_per_page`` / ``courses_column``
/ ``courses_direction`` GET parameters, ``keyword`` matching title or code, per-row links, the
``delete_course=CODE&sec_token=…`` link that deletes at once), ``course_information.php?code=``
(usage and users of a course) and ``course_export.php`` (a form whose POST downloads
``export_courses_list_<date>.csv``: UTF-8 with BOM, ``;``, the captured header, Visibility as a
number, learners' and teachers' usernames joined by ``|``, fields quoted the way PHP's fputcsv
quotes them). Everything here is for platform admins: anyone else gets Chamilo's not-allowed page
(api_protect_admin_script).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from .. import course_admin, web
from ..course_admin import STUDENT, TEACHER
from .create_course import CATEGORIES
from .users import Table

bp = Blueprint("admin_courses", __name__)

ADMIN = "/main/admin/"
LIST_URL = "/main/admin/course_list.php"
INFO_URL = "/main/admin/course_information.php"
EXPORT_URL = "/main/admin/course_export.php"

# course_language as the list shows it (51a: "English", "Français")
LANGUAGE_NAMES = {"english": "English", "french": "Français", "spanish": "Español", "german": "Deutsch"}
# the title's bullet per visibility (0 closed, 1 private, 2 platform, 3 world, 4 hidden)
VISIBILITY = {0: ("bullet_red", "CourseVisibilityClosed"), 1: ("bullet_orange", "CourseVisibilityPrivate"),
              2: ("bullet_green", "CourseVisibilityOpenPlatform"), 3: ("bullet_blue", "CourseVisibilityOpenWorld"),
              4: ("bullet_red", "CourseVisibilityHidden")}
# SortableTable column → course field (1 title, 2 code, 4 category, 5 registration allowed)
SORT_KEYS = {1: "title", 2: "code", 4: "category_code", 5: "subscribe"}
EXPORT_HEADER = ["Code", "Title", "CourseCategory", "CourseCategoryName", "Teacher", "Language", "Visibility"]
USERS_HEADER = ["Users", "OtherTeachers"]


def _admin_or_denied():
    user = web.current_user()
    if not web.is_platform_admin(user):
        return None, web.not_allowed()
    return user, None


def _crumbs(*items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(web._("Administration"), "index.php?"), *items]


def _render(template: str, **context):
    return web.render_page(template, main_class="section-platform_admin ", student_view_href=None, **context)


def _all_courses() -> list[dict]:
    with web.state().db() as con:
        return [dict(r) for r in con.execute("SELECT * FROM course ORDER BY code")]


def _matches(course: dict, keyword: str) -> bool:
    """course_list.php's keyword: title LIKE %kw% OR code LIKE %kw% (MySQL's collation: case-insensitive)."""
    key = keyword.strip().lower()
    return not key or key in course["title"].lower() or key in course["code"].lower()


# ---------------------------------------------------------------- /main/admin/
@bp.route(ADMIN)
@bp.route(ADMIN + "index.php")
def admin_index():
    _user, denied = _admin_or_denied()
    if denied:
        return denied
    return _render("admin_index.html", title=web._("Administration"), breadcrumb=[(web._("Administration"), None)])


# ---------------------------------------------------------------- course_list.php
@bp.route(LIST_URL, methods=["GET", "POST"])
def course_list():
    _user, denied = _admin_or_denied()
    if denied:
        return denied
    st = web.state()
    messages = []
    doomed = request.args.get("delete_course")
    if doomed and web.check_token(request.args.get("sec_token")):
        if st.course(doomed):
            course_admin.delete_course(st, doomed)
            messages.append(("success", web._("CourseDeleted")))
    keyword = request.args.get("keyword", "")
    courses = [c for c in _all_courses() if _matches(c, keyword)]
    table = Table("courses", len(courses), 2)
    key = SORT_KEYS.get(table.column, "code")
    ordered = sorted(courses, key=lambda c: (str(c.get(key) or "").lower(), c["code"]),
                     reverse=table.direction == "DESC")
    rows = table.slice(ordered)
    token = web.get_token()
    keyword_part = [("keyword", keyword)] if "keyword" in request.args else []
    # SortableTable's additional parameters: the keyword when searching, else the sec_token (51a, 51b)
    tail = urlencode(keyword_part) if keyword_part else f"sec_token={token}"
    form_action = f"{LIST_URL}?{urlencode(table.params())}&{tail}"

    def sort_href(column: int) -> str:
        direction = ("DESC" if table.direction == "ASC" else "ASC") if column == table.column else "ASC"
        return f"{LIST_URL}?&{urlencode(table.params(column=column, direction=direction) + keyword_part)}&sec_token={token}"

    categories = dict(CATEGORIES)
    for c in rows:
        c["language_name"] = LANGUAGE_NAMES.get(c["language"], c["language"].capitalize())
        c["category_name"] = categories.get(c["category_code"] or "", c["category_code"] or "-")
        c["bullet"], c["visibility_key"] = VISIBILITY.get(c["visibility"], VISIBILITY[2])
    pager_extra = urlencode(keyword_part + [("sec_token", token)])
    return _render("admin_course_list.html", title=web._("CourseList"),
                   breadcrumb=_crumbs((web._("CourseList"), None)), messages=messages, rows=rows, table=table,
                   token=token, keyword=keyword, form_action=form_action, sort_href=sort_href,
                   per_page_options=_per_page_options(table), pager_base=LIST_URL, pager_extra=pager_extra,
                   hidden_params=[("courses_direction", table.direction), ("courses_page_nr", table.page),
                                  ("courses_column", table.column), *keyword_part, ("sec_token", token)],
                   select_href=f"?{urlencode(table.params() + keyword_part)}&sec_token={token}")


def _per_page_options(table: Table) -> list[tuple[int, str, bool]]:
    options = [(10, "10"), (20, "20"), (50, "50"), (table.total, web._("AllPerPage"))]
    return [(value, label, value == table.per_page) for value, label in options]


# ---------------------------------------------------------------- course_information.php
@bp.route(INFO_URL)
def course_information():
    _user, denied = _admin_or_denied()
    if denied:
        return denied
    st = web.state()
    course = st.course(request.args.get("code") or "")
    if course is None:
        return web.not_allowed()
    usage = [(web._("Tests"), "-"), (web._("Links"), len(st.links(course["code"])) or "-"),
             (web._("ToolGroupUsage"), "-"), (web._("Forums"), "-"),
             (web._("Document"), len(st.documents(course["code"])) or "-"), (web._("Courses"), "-"),
             (web._("ToolCalendar"), "-"), (web._("Announcements"), len(st.announcements(course["code"])) or "-")]
    usage_table = Table("usage_table", len(usage), 0)
    users = st.course_users(course["code"])  # teachers first, as Chamilo lists them
    user_table = Table("user_table", len(users), 0)
    code_q = urlencode([("code", course["code"])])
    return _render("admin_course_information.html", title=f"{course['title']} ({course['code']})",
                   breadcrumb=_crumbs((web._("Courses"), "course_list.php?"), (f"{course['title']} ({course['code']})", None)),
                   the_course=course, usage=usage, usage_table=usage_table, users=user_table.slice(users),
                   user_table=user_table, code_q=code_q, teacher_status=TEACHER, student_status=STUDENT,
                   per_page_options=_per_page_options(user_table))


# ---------------------------------------------------------------- course_export.php
@bp.route(EXPORT_URL, methods=["GET", "POST"])
def course_export():
    _user, denied = _admin_or_denied()
    if denied:
        return denied
    courses = _all_courses()
    messages = []
    if request.method == "POST" and request.form.get("formSent") == "1":
        if request.form.get("file_type", "csv") == "csv":
            chosen = courses
            if request.form.get("select_type") == "2":
                wanted = set(request.form.getlist("course_code[]"))
                chosen = [c for c in courses if c["code"] in wanted]
            return _export_csv(chosen, include_users=request.form.get("include_users") == "1")
        messages.append(("warning", web._("PracticeOnlyCsv")))
    return _render("admin_course_export.html", title=web._("ExportCourses"),
                   breadcrumb=_crumbs((web._("ExportCourses"), None)), messages=messages,
                   courses=sorted(courses, key=lambda c: c["title"].lower()))


def php_csv_field(value: str, delimiter: str = ";") -> str:
    """A field as PHP's fputcsv writes it: enclosed in double quotes (inner ones doubled) when it holds
    the delimiter, a quote, a backslash, a space, a tab, CR or LF ("Alpha 2027" is quoted, 51d)."""
    if any(ch in value for ch in (delimiter, '"', "\\", " ", "\t", "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


def _export_csv(courses: list[dict], *, include_users: bool) -> Response:
    st = web.state()
    categories = dict(CATEGORIES)
    lines = [EXPORT_HEADER + (USERS_HEADER if include_users else [])]
    members: dict[str, dict[int, list[str]]] = {}
    with st.db() as con:
        for row in con.execute("SELECT cu.course_code, cu.status, u.username FROM course_rel_user cu "
                               "JOIN user u ON u.id = cu.user_id ORDER BY cu.course_code, u.id"):
            members.setdefault(row["course_code"], {}).setdefault(row["status"], []).append(row["username"])
    for c in courses:
        code = c["category_code"] or ""
        line = [c["code"], c["title"], code, categories.get(code, ""), "", c["language"], str(c["visibility"])]
        if include_users:
            mine = members.get(c["code"], {})
            line += ["|".join(mine.get(STUDENT, [])), "|".join(mine.get(TEACHER, []))]
        lines.append(line)
    body = "".join(";".join(php_csv_field(v) for v in line) + "\n" for line in lines)
    name = f"export_courses_list_{dt.datetime.now():%Y-%m-%d-%H%M%S}.csv"
    return Response(b"\xef\xbb\xbf" + body.encode("utf-8"), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})
