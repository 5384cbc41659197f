"""Helpers for page modules: who is logged in, which language, course context, CSRF token,
flash messages, the Chamilo page shell and the not-allowed page.

A page handler typically does::

    course, denied = web.course_admin_or_denied()
    if denied:
        return denied
    return web.render_page("my_page.html", course=course, heading=_("CreateBackup"),
                           breadcrumb=web.course_breadcrumb(course, "Maintenance", ...))
"""

from __future__ import annotations

import secrets
from urllib.parse import quote

from flask import current_app, g, render_template, request

from . import i18n
from .sessions import new_token


# ---------------------------------------------------------------- state / session / user
def state():
    """The :class:`~practice_server.state.State` of this app."""
    return current_app.config["PRACTICE_STATE"]


def session() -> dict:
    """This request's server-side session (a dict; created by the app before every handler)."""
    return g.session


def regenerate_session() -> None:
    """New session id, same data (after login), as session_regenerate_id() would do."""
    st = state()
    data = dict(g.session)
    st.sessions.drop(g.sid)
    g.sid, g.session = st.sessions.new(data)
    g.set_cookie = True


def destroy_session() -> None:
    st = state()
    st.sessions.drop(g.sid)
    g.sid, g.session = st.sessions.new()
    g.set_cookie = True


def current_user() -> dict | None:
    """The logged-in user's row (cached for the request), or None."""
    uid = g.session.get("user_id") if getattr(g, "session", None) is not None else None
    cached = getattr(g, "_user", None)
    if cached is not None and cached.get("id") == uid:
        return cached
    g._user = state().user(uid) if uid else None
    return g._user


def is_platform_admin(user: dict | None = None) -> bool:
    user = user if user is not None else current_user()
    return bool(user and user["is_admin"])


# ---------------------------------------------------------------- language
def page_lang(course: dict | None = None) -> str:
    """"en"/"fr" for this page: server override > course language > user profile > anonymous
    choice (?language= kept in the session, else Accept-Language)."""
    override = state().lang
    if override:
        return override
    if course:
        return i18n.iso(course["language"])
    user = current_user()
    if user:
        return i18n.iso(user["language"])
    chosen = g.session.get("language") if getattr(g, "session", None) is not None else None
    if chosen:
        return chosen
    dropped = "no_accept_language" in (getattr(g, "faults", None) or {})  # a proxy dropped the header
    return i18n.from_accept_language(None if dropped else request.headers.get("Accept-Language"))


def lang() -> str:
    """The language of the page being built (cached per request and course)."""
    course = getattr(g, "course", None)
    key = (course["code"] if course else None, g.session.get("user_id") if getattr(g, "session", None) else None)
    if getattr(g, "_lang_key", object()) != key:
        g._lang_key = key
        g.lang = page_lang(course)
    return g.lang


def _(key: str) -> str:
    return i18n.t(key, lang())


# ---------------------------------------------------------------- URLs
def base_url() -> str:
    """``http://host:port/`` as the browser reached us (Chamilo's absolute links use it)."""
    return request.host_url


def request_uri() -> str:
    """``$_SERVER['REQUEST_URI']``: the path and query string as the browser sent them."""
    raw = request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI")
    if raw and raw.startswith("/"):
        return raw
    query = request.query_string.decode("latin-1")
    return quote(request.path) + (f"?{query}" if query else "")


def cidreq(code: str) -> str:
    """api_get_cidreq(): ``cidReq=CODE&id_session=0&gidReq=0&gradebook=0&origin=``."""
    return f"cidReq={quote(code)}&id_session=0&gidReq=0&gradebook=0&origin="


def tool_cidreq(code: str) -> str:
    """The query order of course-home tool links: ``cidReq=CODE&id_session=0&gradebook=0&origin=&gidReq=0``."""
    return f"cidReq={quote(code)}&id_session=0&gradebook=0&origin=&gidReq=0"


def course_url(course: dict) -> str:
    return f"{base_url()}courses/{quote(course['directory'])}/index.php?id_session=0"


# ---------------------------------------------------------------- course context
def request_course() -> dict | None:
    """The course named by ``cidReq`` (query string), remembered in ``g.course``."""
    if getattr(g, "course", None) is None:
        code = request.args.get("cidReq") or ""
        g.course = state().course(code) if code else None
    return g.course


def course_admin_or_denied(course_code: str | None = None):
    """(course, None) when the user may edit the course (teacher or platform admin), else
    (course or None, not-allowed response)."""
    course = state().course(course_code) if course_code else request_course()
    g.course = course
    user = current_user()
    if not user:
        return course, not_allowed()
    if not course or not state().is_course_admin(user["id"], course["code"]):
        return course, not_allowed()
    return course, None


# ---------------------------------------------------------------- CSRF (Security::get_token / check_token)
def get_token() -> str:
    token = new_token()
    g.session["sec_token"] = token
    return token


def check_token(value: str | None) -> bool:
    """Compare with the session token, then clear it (valid once); the ``token_mismatch`` fault
    makes it fail."""
    expected = g.session.pop("sec_token", None)
    if "token_mismatch" in getattr(g, "faults", {}):
        return False
    return bool(expected) and bool(value) and secrets.compare_digest(expected, value)


# ---------------------------------------------------------------- flash messages
def flash(text: str, cls: str = "info") -> None:
    """Show ``text`` as ``div.alert.alert-<cls>`` on the next page (Display::addFlash)."""
    g.session.setdefault("flashes", []).append((cls, text))


def pop_flashes() -> list[tuple[str, str]]:
    return g.session.pop("flashes", []) if getattr(g, "session", None) is not None else []


# ---------------------------------------------------------------- rendering
def course_breadcrumb(course: dict, *items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    """[(course title, course home URL), (label, url or None), ...] for ``ul.breadcrumb``."""
    return [(course["title"], course_url(course))] + list(items)


def render_page(template: str, *, heading: str | None = None, title: str | None = None,
                breadcrumb: list | None = None, messages: list | None = None, main_class: str = "section-mycourses",
                status: int = 200, **context):
    """Render ``template`` (which extends base.html) inside the Chamilo page shell.

    ``messages`` = [(class, text)] shown now as ``div.alert.alert-<class>`` (after the flashes of
    the previous request).  ``title`` is the last part of <title>."""
    course = context.get("course", getattr(g, "course", None))
    g.course = course
    page_title_parts = [i18n.t("SiteName", lang())]
    if course:
        page_title_parts.append(course["title"])
    if title or heading:
        page_title_parts.append(title or heading)
    if course is not None:
        context.setdefault("course_teachers", state().course_teachers(course["code"]))
        user = current_user()
        if "student_view_href" not in context and user and state().is_course_admin(user["id"], course["code"]):
            query = request.query_string.decode("latin-1")
            context["student_view_href"] = f"{request.path}?{query}&isStudentView=true"
    html = render_template(
        template,
        heading=heading,
        page_title=" - ".join(page_title_parts),
        breadcrumb=breadcrumb or [],
        messages=pop_flashes() + list(messages or []),
        main_class=main_class,
        **context,
    )
    return current_app.response_class(html, status=status, mimetype="text/html")


def not_allowed(message: tuple[str, str] | None = None):
    """Chamilo's api_not_allowed(): 200, ``div.alert.alert-danger`` NotAllowedClickBack (or
    ``message``), a Go back button, and the login form for anonymous users."""
    user = current_user()
    if user is None and message is None and state().cas is not None:
        return _not_allowed_cas()
    msg = message or ("danger", _("NotAllowedClickBack"))
    return render_page("not_allowed.html", message=msg, show_login=user is None,
                       main_class="section-global", student_view_href=None)


def _not_allowed_cas():
    """The anonymous not-allowed page of a site with CAS on (UI-REFERENCE §13.4, capture 31b): the
    CAS button (POST to this URI) and, behind a toggle, formLogin (this URI + redirect_after_not_allow_page=1)."""
    uri = request_uri()
    course = getattr(g, "course", None)
    return render_page("not_allowed_cas.html", course=course, cas_form_action=uri,
                       login_action=uri + ("&" if "?" in uri else "?") + "redirect_after_not_allow_page=1",
                       breadcrumb=[(course["title"], course_url(course))] if course else [],
                       main_class="section-global section-login", student_view_href=None)
