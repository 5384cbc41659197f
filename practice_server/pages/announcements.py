"""``/main/announcements/announcements.php`` and its two AJAX endpoints (UI-REFERENCE §8, §12;
captured 11a-11c, 22).

List: a toolbar (add, delete all) and, when the course has announcements (else ``div#no-data-view``
and no request, §18), a grid ``table#announcements`` whose rows come by AJAX from
``/main/inc/ajax/model.ajax.php?a=get_course_announcements`` (jqGrid's JSON: page, total, records,
rows[{id, cell[title link, author, date, actions]}]); dates in the long format (EN "November 28,
2026 at 08:11 PM", FR "Samedi 28 Novembre 2026 à 20:11").
Add: form ``announcement`` (``email_ann`` checked, ``title``, ``content`` = CKEditor 4, sec_token);
the publish button ``#announcement_submit`` sits in ``#send_button`` (hidden) until "Preview"
(``a#announcement_preview``) has posted to ``/main/inc/ajax/announcement.ajax.php?…&a=preview``
and filled ``#announcement_preview_result``.  Publish → 302 to the list, alert-success
"Announcement has been added" (FR shows ``L&#039;annonce a été ajoutée`` literally).
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

from flask import Blueprint, jsonify, redirect, request

from .. import course_admin, web

bp = Blueprint("announcements", __name__)

URL = "/main/announcements/announcements.php"
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre",
           "Novembre", "Décembre"],
}
DAYS_FR = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]


def long_date(stamp: str, lang: str) -> str:
    """api_convert_and_format_date(…, DATE_TIME_FORMAT_LONG) as seen on the captured list (22)."""
    try:
        when = dt.datetime.strptime(stamp[:19], "%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return stamp or ""
    if lang == "fr":
        return f"{DAYS_FR[when.weekday()]} {when.day} {MONTHS['fr'][when.month - 1]} {when.year} à {when:%H:%M}"
    hour = when.hour % 12 or 12
    return f"{MONTHS['en'][when.month - 1]} {when.day}, {when.year} at {hour:02d}:{when:%M} {'PM' if when.hour >= 12 else 'AM'}"


def _list_url(course) -> str:
    return f"{URL}?action=list&{web.cidreq(course['code'])}"


def _crumbs(course, *extra):
    if not extra:
        return web.course_breadcrumb(course, (web._("ToolAnnouncement"), None))
    link = f"{web.base_url()}main/announcements/announcements.php?{web.cidreq(course['code'])}&"
    return web.course_breadcrumb(course, (web._("ToolAnnouncement"), link), *extra)


@bp.route(URL, methods=["GET", "POST"])
def announcements():
    course, denied = web.course_admin_or_denied()
    if denied:
        return denied
    st = web.state()
    action = request.args.get("action", "list")
    if action == "add":
        return _add(course)
    if action == "delete_all":
        with st.db() as con:
            con.execute("DELETE FROM announcement WHERE c_id = ?", (course["id"],))
        return redirect(_list_url(course), 302)
    if action == "delete" and request.args.get("id", "").isdigit():
        with st.db() as con:
            con.execute("DELETE FROM announcement WHERE c_id = ? AND iid = ?", (course["id"], int(request.args["id"])))
        return redirect(_list_url(course), 302)
    if action == "view" and request.args.get("id", "").isdigit():
        row = next((a for a in st.announcements(course["code"]) if a["iid"] == int(request.args["id"])), None)
        if row:
            return web.render_page("announcement_view.html", course=course, title=web._("ToolAnnouncement"),
                                   breadcrumb=_crumbs(course, (row["title"], None)), announcement=row,
                                   date=long_date(row["insert_date"], web.lang()))
    return web.render_page("announcements_list.html", course=course, title=web._("ToolAnnouncement"),
                           breadcrumb=_crumbs(course), q=web.cidreq(course["code"]),
                           empty=not st.announcements(course["code"]))  # §18: no grid, no list request


def _add(course):
    st = web.state()
    user = web.current_user()
    messages = []
    if request.method == "POST":
        if not web.check_token(request.form.get("sec_token")):
            return web.not_allowed()
        title = (request.form.get("title") or "").strip()
        content = (request.form.get("content") or "").strip()
        if title and content:
            course_admin.add_announcement(st, course["code"], title, content, user["id"],
                                          email=request.form.get("email_ann") == "1")
            web.flash(web._("AnnouncementAdded"), "success")
            return redirect(_list_url(course), 302)
        messages.append(("danger", web._("ThisFieldIsRequired")))
    q = web.cidreq(course["code"])
    return web.render_page("announcement_add.html", course=course, title=web._("AddAnnouncement"),
                           breadcrumb=_crumbs(course, (web._("AddAnnouncement"), None)), messages=messages,
                           q=q, action=f"{URL}?action=add&id=0&{q}", token=web.get_token(),
                           recipients=_course_people(course), form=request.form if request.method == "POST" else {})


def _course_people(course) -> list[dict]:
    people = web.state().course_users(course["code"])
    return sorted(people, key=lambda u: (f"{u['firstname']} {u['lastname']}".lower(), u["id"]))


# ---------------------------------------------------------------- AJAX
@bp.route("/main/inc/ajax/announcement.ajax.php", methods=["GET", "POST"])
def announcement_ajax():
    course, denied = web.course_admin_or_denied()
    if denied:
        return denied
    if request.args.get("a") != "preview":
        return ""
    chosen = [v for v in request.form.getlist("users[]") if v.startswith("USER:")]
    people = _course_people(course)
    if chosen:
        ids = {int(v.split(":", 1)[1]) for v in chosen if v.split(":", 1)[1].isdigit()}
        people = [u for u in people if u["id"] in ids]
    badges = "".join(f'&nbsp;<span class="label label-default">{escape(u["firstname"])} {escape(u["lastname"])}</span>'
                     for u in people)
    return f"{escape(web._('AnnouncementWillBeSentTo'))}<br/>{badges}"


@bp.route("/main/inc/ajax/model.ajax.php")
def model_ajax():
    course, denied = web.course_admin_or_denied()
    if denied:
        return denied
    if request.args.get("a") != "get_course_announcements":
        return jsonify({"page": 1, "total": 0, "records": 0, "rows": []})
    st = web.state()
    lang = web.lang()
    rows = sorted(st.announcements(course["code"]), key=lambda a: (a["display_order"], a["iid"]), reverse=True)
    per_page = max(1, int(request.args.get("rows", "20"))) if request.args.get("rows", "").isdigit() else 20
    total_pages = max(1, math.ceil(len(rows) / per_page))
    page = min(max(1, int(request.args.get("page", "1") or 1)), total_pages) if request.args.get("page", "1").isdigit() else 1
    chunk = rows[(page - 1) * per_page: page * per_page]
    base = web.base_url()
    q = f"cidReq={course['code']}&amp;id_session=0&amp;gidReq=0"
    out = []
    for a in chunk:
        author = st.user(a["insert_user_id"]) if a["insert_user_id"] else None
        name = f"{author['firstname']} {author['lastname']}" if author else ""
        login = author["username"] if author else ""
        out.append({"id": a["iid"], "cell": [
            f'<a href="{base}main/announcements/announcements.php?{q}&amp;action=view&amp;id={a["iid"]}">{escape(a["title"])}</a>',
            f'<span title="Login: {escape(login)}">{escape(name)}</span>',
            long_date(a["insert_date"], lang),
            (f'<a href="{base}main/announcements/announcements.php?{q}&amp;action=delete&amp;id={a["iid"]}&amp;sec_token=" '
             f'onclick="javascript:if(!confirm(\'{web._("ConfirmYourChoice")}\')) return false;">'
             f'<img src="{base}main/img/icons/22/delete.png" alt="{web._("Delete")}" title="{web._("Delete")}"></a>'),
        ]})
    return jsonify({"page": page, "total": total_pages, "records": len(rows), "rows": out})
