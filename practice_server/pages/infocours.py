"""``/main/course_info/infocours.php`` — Administration → Settings (UI-REFERENCE §6.1, §12;
captured 09a, 09b, 20a-20c).

One multipart form ``update_course`` in a Bootstrap accordion of 12 panels (only "Course settings"
open); every panel's ``submit_save`` posts the whole form.  No sec_token.  POST → the course row is
updated (title, category, language, department, visibility, subscribe, unsubscribe, registration
password), flash "Update successful" (alert-info), 302 to the same URL.  The other settings of the
form are shown with Chamilo's defaults and not kept.
"""

from __future__ import annotations

from flask import Blueprint, redirect, request

from .. import course_admin, web
from .infocours_fields import HIDDEN, PANELS

bp = Blueprint("infocours", __name__)

URL = "/main/course_info/infocours.php"


def _values(course: dict) -> dict[str, str]:
    return {
        "title": course["title"], "category_code": course["category_code"] or "",
        "course_language": course["language"], "department_name": course["department_name"] or "",
        "department_url": course["department_url"] or "", "visibility": str(course["visibility"]),
        "subscribe": str(course["subscribe"]), "unsubscribe": str(course["unsubscribe"]),
        "course_registration_password": course["registration_code"] or "",
    }


def _int(name: str, default: int, allowed: set[int]) -> int:
    try:
        value = int(request.form.get(name, default))
    except ValueError:
        return default
    return value if value in allowed else default


@bp.route(URL, methods=["GET", "POST"])
def infocours():
    course, denied = web.course_admin_or_denied()
    if denied:
        return denied
    if request.method == "POST":
        title = (request.form.get("title") or "").strip() or course["title"]
        visibilities = {0, 1, 2, 3} | ({4} if web.is_platform_admin() else set())
        course_admin.update_course(
            web.state(), course["code"], title=title,
            category_code=request.form.get("category_code") or None,
            language=request.form.get("course_language") or course["language"],
            department_name=request.form.get("department_name", ""),
            department_url=request.form.get("department_url", ""),
            visibility=_int("visibility", course["visibility"], visibilities),
            subscribe=_int("subscribe", course["subscribe"], {0, 1}),
            unsubscribe=_int("unsubscribe", course["unsubscribe"], {0, 1}),
            registration_code=request.form.get("course_registration_password") or None)
        web.flash(web._("Updated"), "info")
        return redirect(f"{web.base_url()}main/course_info/infocours.php?{web.cidreq(course['code'])}", 302)
    hidden = [(name, hid, str(course["id"]) if name == "item_id" else value) for name, hid, value in HIDDEN]
    return web.render_page("infocours.html", course=course, title=web._("Settings"),
                           breadcrumb=web.course_breadcrumb(course, (web._("Settings"), None)),
                           action=f"{URL}?{web.cidreq(course['code'])}", panels=PANELS, values=_values(course),
                           hidden=hidden, li=1 if web.lang() == "fr" else 0)
