"""``/main/user/user.php`` and ``/main/user/subscribe_user.php`` — the Users tool (UI-REFERENCE §7,
§12; captured 10a-10d, 17a-17e, 18a-18e).

user.php: learners (``type=5``, default) or trainers (``type=1``) of the course in a SortableTable
(``student_list`` / ``teacher_list``): 20 rows a page, a per-page select (10, 20, All) whose choice
stays in the session, pager links that are double-escaped as on 1.11.32 (they show page 1 again),
a ``sec_token`` in the table's URLs, "Select all" (this page only), an Actions menu with
``a[data-action=unsubscribe]`` (bulk POST, confirm()), per-row Unsubscribe links
(``unregister=yes&user_id=N``, confirm()), the CSV export (``action=export&format=csv``).
subscribe_user.php: users who may be enrolled (type=1: platform teachers only), a search form,
per-row Register links (``register=yes&type=T&user_id=N`` → 302 to user.php) and a bulk action.
Both honour ``allow_user_course_subscription_by_course_admin`` ("false": no subscribe or
unsubscribe controls for teachers; subscribe_user.php is not allowed).

Pages without ``cidReq`` (the per-page form, the table forms) use the course remembered in the
session, as Chamilo's PHP session does.
"""

from __future__ import annotations

import csv
import io
import math
from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, request

from .. import course_admin, web
from ..course_admin import STUDENT, TEACHER

bp = Blueprint("users", __name__)

USER_URL = "/main/user/user.php"
SUBSCRIBE_URL = "/main/user/subscribe_user.php"
SESSION_COURSE = "_cid"
PER_PAGE_DEFAULT = 20


def _course_or_denied():
    code = request.args.get("cidReq") or web.session().get(SESSION_COURSE)
    course, denied = web.course_admin_or_denied(code or None)
    if not denied:
        web.session()[SESSION_COURSE] = course["code"]
    return course, denied


def _type() -> int:
    raw = request.args.get("type") or request.form.get("type") or "5"
    return TEACHER if raw in ("1", "teacher") else STUDENT


class Table:
    """SortableTable's paging state: ``<name>_page_nr``, ``_per_page`` (kept in the session),
    ``_column``, ``_direction``."""

    def __init__(self, name: str, total: int, default_column: int):
        self.name = name
        self.total = total
        args = request.args
        per_key = f"{name}_per_page"
        stored = web.session().setdefault("sortable_per_page", {})
        if args.get(per_key, "").isdigit() and int(args[per_key]) > 0:
            stored[name] = int(args[per_key])
        self.per_page = stored.get(name, PER_PAGE_DEFAULT)
        self.column = int(args.get(f"{name}_column", default_column)) if args.get(
            f"{name}_column", "").isdigit() else default_column
        self.direction = "DESC" if args.get(f"{name}_direction") == "DESC" else "ASC"
        self.pages = max(1, math.ceil(total / self.per_page)) if total else 1
        page = args.get(f"{name}_page_nr", "1")
        self.page = min(max(1, int(page)), self.pages) if page.isdigit() else 1

    def params(self, **over) -> list[tuple[str, str]]:
        values = {"direction": self.direction, "page_nr": self.page, "per_page": self.per_page,
                  "column": self.column}
        values.update(over)
        return [(f"{self.name}_{k}", str(values[k])) for k in ("direction", "page_nr", "per_page", "column")]

    def slice(self, rows: list) -> list:
        start = (self.page - 1) * self.per_page
        return rows[start:start + self.per_page]

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.per_page)

    def broken_link(self, base: str, extra: str, page: int) -> str:
        """The pager link as 1.11.32 writes it: '&amp;' escaped twice, so the browser sends
        ``amp;<name>_page_nr`` and the page number is lost (UI-REFERENCE §12)."""
        return f"{base}?{extra}&amp;{self.name}_column={self.column}&amp;{self.name}_page_nr={page}"


SORT_KEYS = {2: "official_code", 3: "firstname", 4: "lastname", 5: "username"}


# subscribe_user.php's table (captured 18b): 1 official code, 2 first name, 3 last name
SUBSCRIBE_SORT_KEYS = {1: "official_code", 2: "firstname", 3: "lastname"}


def _sorted(rows: list[dict], table: Table, keys: dict[int, str] = SORT_KEYS) -> list[dict]:
    key = keys.get(table.column, "firstname")
    return sorted(rows, key=lambda u: ((u.get(key) or "").lower(), u["id"]), reverse=table.direction == "DESC")


# ---------------------------------------------------------------- user.php
@bp.route(USER_URL, methods=["GET", "POST"])
def user_list():
    course, denied = _course_or_denied()
    if denied:
        return denied
    st = web.state()
    me = web.current_user()
    utype = _type()
    can_edit = course_admin.may_edit_users(st, me)
    messages = []
    if request.args.get("action") == "export":
        return _export(course, utype)
    if can_edit and request.method == "POST" and request.form.get("action") == "unsubscribe":
        ids = [i for i in request.form.getlist("user[]") if i.isdigit() and int(i) != me["id"]]
        if ids:
            course_admin.unsubscribe(st, course["code"], ids)
            messages.append(("info", web._("UsersUnsubscribed")))
    if can_edit and request.args.get("unregister"):
        uid = request.args.get("user_id", "")
        if uid.isdigit() and (int(uid) != me["id"] or me["is_admin"]):  # a platform admin may leave (issue 19)
            course_admin.unsubscribe(st, course["code"], [uid])
            messages.append(("info", web._("UserUnsubscribed")))
    if request.args.get("action") == "set_tutor":
        messages.append(("info", web._("Updated")))

    keyword = request.args.get("keyword", "")
    name = "teacher_list" if utype == TEACHER else "student_list"
    members = course_admin.course_members(st, course["code"], utype, keyword)
    table = Table(name, len(members), 3)
    rows = table.slice(_sorted(members, table))
    token = web.get_token()
    tail = urlencode([("sec_token", token), ("id_session", "0"), ("type", str(utype))])
    keyword_part = [("keyword", keyword)] if "keyword" in request.args else []
    form_action = f"{USER_URL}?{urlencode(table.params() + keyword_part)}&{tail}"
    sort_base = f"{USER_URL}?{web.cidreq(course['code'])}&"

    def sort_href(column: int) -> str:
        direction = ("DESC" if table.direction == "ASC" else "ASC") if column == table.column else "ASC"
        return sort_base + urlencode(table.params(column=column, direction=direction)) + "&" + tail

    q = web.cidreq(course["code"])
    pager_extra = f"type={utype}"
    heading = web._("SearchResults") if keyword else None
    return web.render_page(
        "user_list.html", course=course, title=web._("SearchResults") if keyword else web._("ToolUser"),
        breadcrumb=web.course_breadcrumb(course, (web._("ToolUser"), None)), heading=heading, messages=messages,
        utype=utype, name=name, rows=rows, table=table, token=token, keyword=keyword, can_edit=can_edit,
        me=me, form_action=form_action, sort_href=sort_href, q=q,
        per_page_options=_per_page_options(table), pager_base=USER_URL, pager_extra=pager_extra,
        select_href=f"?{urlencode(table.params())}&{tail}")


def _per_page_options(table: Table) -> list[tuple[int, str, bool]]:
    options = [(10, "10"), (20, "20"), (table.total, web._("AllPerPage"))]
    return [(value, label, value == table.per_page) for value, label in options]


def _csv_cell(value) -> str:
    """api_export_csv as captured (40f): a field is quoted only when it holds a space."""
    text = "" if value is None else str(value)
    return '"' + text.replace('"', '""') + '"' if " " in text or '"' in text else text


def _export(course: dict, utype: int):
    """The user list's CSV export as captured (40f, UI-REFERENCE §14.5): UTF-8 with a BOM, ';', LF,
    ``id;"First name";"Last name";Username;Phone;Code;active``, an ``e-mail`` column after Username
    only when the platform setting ``show_email_addresses`` is "true" (stock: "false")."""
    st = web.state()
    rows = course_admin.course_members(st, course["code"], utype)
    show_email = st.settings.get("show_email_addresses") == "true"
    header = ["id", web._("FirstName"), web._("LastName"), web._("UserName")] + \
        ([web._("Email")] if show_email else []) + [web._("Phone"), web._("OfficialCode"), web._("Active")]
    lines = [header]
    for u in sorted(rows, key=lambda u: u["id"]):
        lines.append([u["id"], u["firstname"], u["lastname"], u["username"]] + ([u["email"]] if show_email else [])
                     + ["", "", 1])
    body = "".join(";".join(_csv_cell(c) for c in line) + "\n" for line in lines)
    name = web._("StudentList") if utype != TEACHER else web._("TeacherList")
    name = name.replace(" ", "-") + ".csv"
    return Response("\ufeff".encode("utf-8") + body.encode("utf-8"), mimetype="application/octet-stream",
                    headers={"Content-Disposition": f"attachment; filename= {name}", "Content-Description": name})


# ---------------------------------------------------------------- subscribe_user.php
@bp.route(SUBSCRIBE_URL, methods=["GET", "POST"])
def subscribe_user():
    course, denied = _course_or_denied()
    if denied:
        return denied
    st = web.state()
    if not course_admin.may_edit_users(st, web.current_user()):
        return web.not_allowed()
    utype = _type()
    back = f"{web.base_url()}main/user/user.php?{web.cidreq(course['code'])}&type={utype}"
    if request.args.get("register") == "yes" and request.args.get("user_id", "").isdigit():
        _register(course, [int(request.args["user_id"])], utype)
        return redirect(back, 302)
    if request.method == "POST" and request.form.get("action") == "subscribe":
        ids = [int(i) for i in request.form.getlist("user[]") if i.isdigit()]
        _register(course, ids, utype)
        return redirect(back, 302)

    keyword = request.args.get("keyword", "")
    people = course_admin.candidates(st, course["code"], utype, keyword)
    table = Table("subscribe_users", len(people), 2)
    rows = table.slice(_sorted(people, table, SUBSCRIBE_SORT_KEYS))
    keyword_part = [("keyword", keyword)] if keyword else []
    form_action = f"{SUBSCRIBE_URL}?{urlencode(table.params() + keyword_part)}&type={utype}"

    def sort_href(column: int) -> str:  # 18b: the course's cidreq, then the table's parameters
        direction = ("DESC" if table.direction == "ASC" else "ASC") if column == table.column else "ASC"
        return (f"{SUBSCRIBE_URL}?{web.cidreq(course['code'])}&"
                f"{urlencode(table.params(column=column, direction=direction) + keyword_part)}&type={utype}")
    tool = web._("SubscribeUserToCourseAsTeacher") if utype == TEACHER else web._("SubscribeUserToCourse")
    q = web.cidreq(course["code"])
    crumbs = [(web._("ToolUser"), f"user.php?{q}&")]
    if keyword:
        crumbs += [(tool, f"subscribe_user.php?type={utype}&{q}&"), (web._("SearchResults"), None)]
    else:
        crumbs += [(tool, None)]
    return web.render_page(
        "subscribe_user.html", course=course, title=web._("SearchResults") if keyword else tool,
        breadcrumb=web.course_breadcrumb(course, *crumbs), utype=utype, rows=rows, table=table, keyword=keyword,
        form_action=form_action, q=q, back=back, per_page_options=_per_page_options(table), sort_href=sort_href,
        select_href=f"?{urlencode(table.params() + keyword_part)}&type={utype}")


def _register(course: dict, ids: list[int], utype: int) -> None:
    st = web.state()
    for uid in ids:
        user = st.user(uid)
        if not user:
            continue
        if utype == TEACHER and user["status"] != TEACHER:
            continue  # only platform teachers may be enrolled as teachers
        if course_admin.subscribe(st, course["code"], uid, utype):
            who = f"{user['firstname']} {user['lastname']} ({user['username']})"
            web.flash(web._("UserXAddedToCourseX") % (who, course["title"]), "info")
