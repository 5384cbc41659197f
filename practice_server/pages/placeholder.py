"""A simple page for URLs that the practice Chamilo links to but does not implement yet."""

from __future__ import annotations

from .. import web


def make_placeholder(title_key: str):
    def view():
        course = web.request_course()
        user = web.current_user()
        if not user:
            return web.not_allowed()
        crumbs = web.course_breadcrumb(course, (web._(title_key), None)) if course else [(web._(title_key), None)]
        return web.render_page("placeholder.html", course=course, heading=web._(title_key), breadcrumb=crumbs,
                               messages=[("info", web._("PracticePlaceholder"))])

    view.__name__ = "placeholder_" + title_key
    return view
