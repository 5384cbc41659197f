"""Answers that replace a page: a proxy's error page, Chamilo's own error pages (UI-REFERENCE §14)
and the maintenance plugin's notice.  Markup written from the facts, not copied.

- :func:`proxy_error` — what a proxy in front of PHP answers (``status``, ``act_then_status``).
- :func:`db_down` — §14.1: 200, "Database is unavailable", the same bytes for every URL and
  language, no ``X-Powered-By`` / ``Set-Cookie`` / cache headers (see :func:`is_bare`).
- :func:`cut_after_page_header` — §14.3: a PHP fatal error after the page header was sent: the
  normal page ends right after its ``h2.page-header`` (no alert, no ``footer.footer``, no ``</html>``).
- :func:`maintenance_redirect` / :func:`maintenance_page` — the 1.11 ``maintenancemode`` plugin:
  a rewrite rule in the site's ``.htaccess`` sends every URL but ``/maintenance.html`` there with a
  302; that file is static HTML written by the admin (served by the web server, not PHP).
"""

from __future__ import annotations

import re

from flask import Response, g, render_template, request

PROXY_ERROR_NAMES = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
                     504: "Gateway Timeout", 413: "Request Entity Too Large"}
_PROXY_ERROR_PAGE = ("<!DOCTYPE html><html><head><title>{code} {name}</title></head><body><h1>{name}</h1>"
                     "<p>The practice Chamilo answered {code} (injected fault).</p></body></html>")

_PAGE_HEADER_END = re.compile(r'<h2 class="page-header">.*?</h2>', re.S)
_BREADCRUMB_END = re.compile(r'<ul class="breadcrumb">.*?</ul>', re.S)
_CONTENT_START = re.compile(r'<section id="cm-content">\s*<div class="container">')


def mark_bare() -> None:
    """This answer is not PHP's: no session cookie, no Chamilo or no-cache headers on it."""
    g.bare_response = True


def is_bare() -> bool:
    return bool(g.get("bare_response"))


def proxy_error(code: int, *, bare: bool = True) -> Response:
    """A small HTML error page with status ``code``, as a proxy or Apache would send it (``bare``:
    without PHP's headers and cookie; the ``status`` fault keeps them, as it always did)."""
    if bare:
        mark_bare()
    name = PROXY_ERROR_NAMES.get(code, "Error")
    return Response(_PROXY_ERROR_PAGE.format(code=code, name=name), status=code, mimetype="text/html")


def db_down() -> Response:
    """Chamilo's "Database is unavailable" page (§14.1): 200, English only, same bytes everywhere."""
    mark_bare()
    response = Response(render_template("db_down.html"), status=200)
    response.headers["Content-Type"] = "text/html; charset=UTF-8"
    return response


def cut_after_page_header(html: str) -> str:
    """The page as PHP had sent it when a fatal error stopped the script right after the heading:
    up to the end of ``h2.page-header`` (else the breadcrumb, else the start of the content)."""
    for pattern in (_PAGE_HEADER_END, _BREADCRUMB_END, _CONTENT_START):
        found = pattern.search(html)
        if found:
            return html[:found.end()]
    return html[: len(html) // 2]


def php_fatal(response: Response) -> Response:
    """``response`` as a PHP fatal error leaves it (§14.3): 200, normal headers, the page cut off after
    its header.  An answer that was not a page (a redirect, a download) becomes the page shell."""
    if response.status_code == 200 and response.mimetype == "text/html" and not response.is_streamed:
        html = response.get_data(as_text=True)
    else:
        from . import web  # a page shell for this course (or none)

        kept = list(g.session.get("flashes", [])) if g.get("session") is not None else []
        html = web.render_page("placeholder.html").get_data(as_text=True)
        if kept:  # PHP died before showing them: they wait in the session for the next page
            g.session["flashes"] = kept
    cut = Response(cut_after_page_header(html), status=200, mimetype="text/html")
    for name, value in response.headers.items():
        if name.lower() == "set-cookie":
            cut.headers.add(name, value)
    return cut


def maintenance_redirect() -> Response:
    """The maintenance plugin's rewrite rule: 302 to ``<root>/maintenance.html`` (every method)."""
    mark_bare()
    target = f"{request.host_url}maintenance.html"
    body = (f'<!DOCTYPE html><html><head><title>302 Found</title></head><body><h1>Found</h1>'
            f'<p>The document has moved <a href="{target}">here</a>.</p></body></html>')
    return Response(body, status=302, headers={"Location": target}, mimetype="text/html")


def maintenance_page() -> Response:
    """``/maintenance.html``: the admin's static notice (the web server's answer, not PHP's)."""
    mark_bare()
    return Response(render_template("maintenance_notice.html"), status=200, mimetype="text/html")
