"""The calls every real Chamilo 1.11.32 page makes once it is ready (the captured requests.json:
four XHR on a logged-in page, the first alone on the login page), and the session clock that
pages ask again every minute (03-course_home_ALPHA/pollers.json):

- ``session_clock.ajax.php?action=time``: seconds left in the session
- ``chat.ajax.php?action=startchatsession``: the user's chat status and open chat windows
- ``online.ajax.php?a=get_users_online``: how many users are online (HTML)
- ``message.ajax.php?a=get_count_message``: unread messages (a number)

and the course search behind the add-course form's "course template" select2 field
(``course.ajax.php?a=search_course&q=...``, only once the user types).

They answer from the session; they never log anyone in or out.
"""

from __future__ import annotations

import time

from flask import Blueprint, Response, jsonify, request

from .. import web

bp = Blueprint("pollers", __name__)

SESSION_LIFETIME = 3600  # seconds (Chamilo's default session_lifetime)


def _plain(text: str) -> Response:
    return Response(text, mimetype="text/html")


@bp.route("/main/inc/ajax/session_clock.ajax.php")
def session_clock():
    if request.args.get("action") != "time":
        return _plain("")
    session = web.session()
    now = int(time.time())
    session["clock_seen"] = now
    left = SESSION_LIFETIME if web.current_user() else 0
    return jsonify({"time": now, "session_lifetime": SESSION_LIFETIME, "time_left": left})


@bp.route("/main/inc/ajax/chat.ajax.php")
def chat():
    user = web.current_user()
    if request.args.get("action") != "startchatsession" or user is None:
        return _plain("")
    return jsonify({"me": {"id": user["id"], "status": 0}, "user_status": 0, "items": [], "window_list": []})


@bp.route("/main/inc/ajax/online.ajax.php")
def online():
    if request.args.get("a") != "get_users_online" or web.current_user() is None:
        return _plain("")
    count = max(1, web.state().sessions.logged_in_count())
    return _plain(f'<img src="{web.base_url()}main/img/icons/16/user.png" alt="" /> {count}')


@bp.route("/main/inc/ajax/message.ajax.php")
def message_count():
    if request.args.get("a") != "get_count_message" or web.current_user() is None:
        return _plain("")
    return _plain("0")


@bp.route("/main/inc/ajax/course.ajax.php")
def search_course():
    user = web.current_user()
    if request.args.get("a") != "search_course" or user is None:
        return _plain("")
    needle = (request.args.get("q") or "").lower()
    found = [web.state().course(code) for code in web.state().course_codes()]
    results = [{"id": c["code"], "text": f"{c['title']} ({c['code']})"} for c in found
               if c and (needle in c["code"].lower() or needle in c["title"].lower())]
    return jsonify({"results": results})
