"""Login pages turned against whoever signs in — the faults a careful robot must refuse
(docs/RELIABILITY.md, docs/SECURITY.md). Real-world counterparts: HTML injected into the login page
(a stored XSS, a hacked theme, a forged page on the site's address), a script added to it, a debug
error handler that prints the request.

- ``form_action`` (``action``): the form that holds a password field posts to ``action``.
- ``form_action_script`` (``action``, ``on``): the page is unchanged, but a script sets that form's
  action to ``action`` as soon as something is typed in the password field (``on=input``, the
  default) or only as the form is submitted (``on=submit``: its "submit" handler, which runs after
  whatever a visitor could check before clicking).
- ``password_readonly``: the password field is read-only (a form locked by the page): whoever
  types into it waits in vain.
- ``echo_post``: instead of the page, a 500 "debug" error page listing every posted field, the
  password included (as PHP debug handlers such as Whoops show ``$_POST``).
"""
from __future__ import annotations

import html
import json
import re

from flask import Response, request

_FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
_PASSWORD_INPUT = re.compile(r"<input\b[^>]*\btype=\"password\"[^>]*>", re.I)
_ACTION = re.compile(r"\saction=\"[^\"]*\"", re.I)

_ACTION_SCRIPT = """<script>
(function () {{
  var field = document.querySelector('input[type="password"]');
  if (!field || !field.form) return;
  var target = {on} === "submit" ? field.form : field;
  target.addEventListener({on}, function () {{ field.form.setAttribute("action", {action}); }});
}})();
</script>"""


def _with_password(page: str, change) -> str:
    """``page`` with ``change`` applied to each form that holds a password field."""
    return _FORM.sub(lambda m: change(m.group(0)) if _PASSWORD_INPUT.search(m.group(0)) else m.group(0), page)


def _retarget(form: str, action: str) -> str:
    opening_end = form.index(">")
    opening, rest = form[:opening_end], form[opening_end:]
    attribute = f' action="{html.escape(action, quote=True)}"'
    opening = _ACTION.sub(attribute, opening, count=1) if _ACTION.search(opening) else opening + attribute
    return opening + rest


def _read_only(form: str) -> str:
    return _PASSWORD_INPUT.sub(lambda m: m.group(0)[:-1].rstrip("/ ") + " readonly />", form)


def rewrite(response: Response, faults: dict) -> None:
    """Apply the page-rewriting faults armed for this request to an HTML ``response`` (in place)."""
    if response.mimetype != "text/html" or response.is_streamed or response.status_code != 200:
        return
    page = response.get_data(as_text=True)
    if "form_action" in faults:
        page = _with_password(page, lambda form: _retarget(form, str(faults["form_action"]["action"])))
    if "password_readonly" in faults:
        page = _with_password(page, _read_only)
    if "form_action_script" in faults:
        fault = faults["form_action_script"]
        on = "submit" if str(fault.get("on") or "input") == "submit" else "input"
        script = _ACTION_SCRIPT.format(action=json.dumps(str(fault["action"])), on=json.dumps(on))
        page = page.replace("</body>", script + "</body>", 1) if "</body>" in page else page + script
    response.set_data(page)


def echo_post() -> Response:
    """A debug error page that shows the request, posted fields included (status 500)."""
    body = request.get_data(as_text=True)  # first: the form is then parsed from the kept bytes
    rows = "".join(f"<tr><th>{html.escape(name)}</th><td>{html.escape(value)}</td></tr>"
                   for name, value in request.form.items(multi=True))
    page = ("<!DOCTYPE html><html><head><title>Whoops! There was an error.</title></head><body>"
            "<h1>Whoops! There was an error.</h1><h2>Request</h2>"
            f"<p>{html.escape(request.method)} {html.escape(request.full_path)}</p>"
            f"<h2>POST data</h2><table>{rows}</table><h2>Raw body</h2><pre>{html.escape(body)}</pre>"
            "</body></html>")
    return Response(page, status=500, mimetype="text/html")
