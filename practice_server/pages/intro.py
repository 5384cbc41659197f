"""``/main/course_home/course_home.php`` — the course home with its introduction tools
(UI-REFERENCE §6.2, §12; captured 13, 19a-19c).

``?intro_cmdAdd=1`` / ``?intro_cmdEdit=1`` → the course home with the form ``introduction_text``
(textarea ``intro_content`` replaced by CKEditor 4, button ``intro_cmdUpdate``) in place of the
intro; POST → saved, alert-success "Intro was updated" on the same response (200, no redirect); an
empty text deletes the intro ("Intro was deleted").  ``?intro_cmdDel=1`` deletes it.  No sec_token.
"""

from __future__ import annotations

import re

from flask import Blueprint, request

from .. import course_admin, web
from .course_home import render_home

bp = Blueprint("intro", __name__)


def _is_empty(html: str) -> bool:
    text = re.sub(r"<[^>]+>", "", html or "").replace("&nbsp;", " ")
    return not text.strip()


@bp.route("/main/course_home/course_home.php", methods=["GET", "POST"])
def course_home_php():
    st = web.state()
    course = web.request_course()
    user = web.current_user()
    teacher = bool(user and course and st.is_course_admin(user["id"], course["code"]))
    if not teacher:
        return render_home(course)
    if request.method == "POST" and "intro_cmdUpdate" in request.form:
        html = request.form.get("intro_content", "")
        if _is_empty(html):
            course_admin.set_intro(st, course["code"], "")
            key = "IntroductionTextDeleted"
        else:
            course_admin.set_intro(st, course["code"], html.strip())
            key = "IntroductionTextUpdated"
        return render_home(st.course(course["code"]), messages=[("success", web._(key))])
    if request.args.get("intro_cmdDel"):
        course_admin.set_intro(st, course["code"], "")
        return render_home(st.course(course["code"]), messages=[("success", web._("IntroductionTextDeleted"))])
    if request.args.get("intro_cmdAdd") or request.args.get("intro_cmdEdit"):
        return render_home(course, intro_form=True)
    return render_home(course)
