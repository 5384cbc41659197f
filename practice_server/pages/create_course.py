"""``/main/create_course/add_course.php`` — a teacher creates a course (UI-REFERENCE §9.1; captured
12a form, 12b existing code, 12c created, 12d as a student).

GET → the form (``title``, the Advanced settings toggle, ``category_code``, ``wanted_code``,
``course_language``, ``exemplary_content``, ``course_template``); POST → 302 to ``courses/<CODE>/``,
or the form again (200) with ``CourseCodeAlreadyExists``. No sec_token. Students get the
not-allowed page. With the platform setting ``course_validation`` = "true" (``state.settings``) a
teacher who is not an admin gets the *course request* variant (title CreateCourseRequest, three
more textareas, button CreateThisCourseRequest); a request creates no course.
"""

from __future__ import annotations

from flask import Blueprint, redirect, request

from .. import coursecopy, web

bp = Blueprint("create_course", __name__)

URL = "/main/create_course/add_course.php"

# the captured site's categories (12a): code, name
CATEGORIES = [("LANG", "Language skills"), ("PC", "PC Skills"), ("PROJ", "Projects")]

# the captured site's course languages (12a), in its order: folder name, native name
LANGUAGES = [
    ("bulgarian", "Български"), ("greek", "Ελληνικά"), ("indonesian", "Bahasa Indonesia"), ("bosnian", "Bosanski"),
    ("german", "Deutsch"), ("english", "English"), ("spanish", "Español"), ("basque", "Euskara"),
    ("french", "Français"), ("galician", "Galego"), ("italian", "Italiano"), ("latvian", "Latviešu"),
    ("hungarian", "Magyar"), ("dutch", "Nederlands"), ("polish", "Polski"), ("brazilian", "Português do Brasil"),
    ("portuguese", "Português europeu"), ("slovak", "Slovenčina"), ("slovenian", "Slovenščina"),
    ("tagalog", "Tagalog"),
]


def may_create(user: dict | None) -> bool:
    """api_is_allowed_to_create_course(): platform teachers and admins."""
    return bool(user) and (bool(user["is_admin"]) or user["status"] == 1)


def request_mode(user: dict) -> bool:
    return web.state().settings.get("course_validation") == "true" and not user["is_admin"]


def _form(user: dict, values: dict, messages: list, status: int = 200):
    requesting = request_mode(user)
    heading = web._("CreateCourseRequest") if requesting else web._("CreateSite")
    return web.render_page(
        "add_course.html", title=heading, legend=heading, requesting=requesting, values=values,
        categories=CATEGORIES, languages=LANGUAGES, messages=messages, status=status,
        breadcrumb=[(web._("MyCourses"), f"{web.base_url()}user_portal.php?"), (heading, None)])


@bp.route(URL, methods=["GET", "POST"])
def add_course():
    user = web.current_user()
    if not may_create(user):
        return web.not_allowed()
    defaults = {"title": "", "wanted_code": "", "category_code": "", "course_language": user["language"]}
    if request.method != "POST":
        messages = [] if request_mode(user) else [("info", web._("Explanation"))]
        return _form(user, defaults, messages)

    form = request.form
    values = {key: form.get(key, default) for key, default in defaults.items()}
    title = values["title"].strip()
    if not title:
        return _form(user, values, [("danger", web._("ThisFieldIsRequired"))])
    code = coursecopy.clean_code(values["wanted_code"], title)
    if not code or coursecopy.code_exists(web.state(), code):
        return _form(user, values, [("danger", web._("CourseCodeAlreadyExists"))])
    if request_mode(user):
        return _form(user, values, [("success", f"{code} : {web._('PracticeCourseRequestSaved')}")])
    language = values["course_language"] if values["course_language"] in dict(LANGUAGES) else user["language"]
    category = values["category_code"] if values["category_code"] in dict(CATEGORIES) else None
    course = coursecopy.create_course(web.state(), code=code, title=title, language=language, category=category,
                                      teacher_id=user["id"])
    return redirect(f"{web.base_url()}courses/{course['directory']}/", 302)
