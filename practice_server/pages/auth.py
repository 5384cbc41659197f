"""Login / logout: ``/index.php`` (and ``/``), Chamilo's formLogin (UI-REFERENCE §1.1-1.3)."""

from __future__ import annotations

from flask import Blueprint, g, redirect, request

from .. import cas, web

bp = Blueprint("auth", __name__)

# error code of index.php?loginFailed=1&error=... → language variable (UI-REFERENCE §1.2)
LOGIN_ERRORS = {"user_password_incorrect": "InvalidId"}


@bp.route("/", methods=["GET", "POST"])
@bp.route("/index.php", methods=["GET", "POST"])
def index():
    st = web.state()
    if request.method == "POST" and "login" in request.form:
        user = st.authenticate(request.form.get("login", ""), request.form.get("password", ""))
        if user is None:
            return redirect(web.base_url() + "index.php?loginFailed=1&error=user_password_incorrect", 302)
        g.session.pop("sec_token", None)
        g.session["user_id"] = user["id"]
        web.regenerate_session()
        return redirect(web.base_url() + "user_portal.php", 302)

    if request.args.get("logout"):
        idp_logout = cas.logout_target(web.current_user())  # a CAS user's logout also ends the IdP session
        web.destroy_session()
        return redirect(idp_logout or web.base_url() + "index.php", 302)

    user = web.current_user()
    if user:
        return web.render_page("home.html", main_class="section-campus")
    messages = []
    if request.args.get("loginFailed"):
        key = LOGIN_ERRORS.get(request.args.get("error", ""))
        if key:
            messages.append(("danger", web._(key)))
    return web.render_page("login_page.html", login_messages=messages, main_class="section-mycampus section-login")
