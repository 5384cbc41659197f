"""``/main/course_info/maintenance.php`` — the Backup / Maintenance tool (UI-REFERENCE §2)."""

from __future__ import annotations

from flask import Blueprint

from .. import web

bp = Blueprint("maintenance", __name__)


@bp.route("/main/course_info/maintenance.php")
def maintenance():
    course, denied = web.course_admin_or_denied()
    if denied:
        return denied
    return web.render_page("maintenance.html", course=course, heading=web._("Maintenance"),
                           breadcrumb=web.course_breadcrumb(course, (web._("Maintenance"), None)))
