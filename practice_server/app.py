"""The Flask application: page blueprints (practice_server.pages.PAGES), sessions, faults,
request log, response headers."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

from flask import Flask, Response, g, make_response, request

from . import cas, error_pages, hostile_pages, i18n, web
from .faults import AFTER_HANDLER_KINDS, PAGE_REWRITING_KINDS
from .pages import PAGES, register_placeholders
from .pages.assets import vendor_status
from .sessions import COOKIE_NAME
from .state import State

log = logging.getLogger("practice_server")

NO_CACHE_HEADERS = [
    ("Expires", "Thu, 19 Nov 1981 08:52:00 GMT"),
    ("Cache-Control", "no-store, no-cache, must-revalidate"),
    ("Pragma", "no-cache"),
]

def create_app(state: State, lang: str | None = None) -> Flask:
    """The practice Chamilo as a Flask app over ``state``; ``lang`` ("en"/"fr"), if given, becomes the
    state's language override (see State.set_lang)."""
    here = Path(__file__).parent
    app = Flask("practice_server", template_folder=str(here / "templates"), static_folder=None)
    app.config["PRACTICE_STATE"] = state
    if lang is not None:
        state.default_lang = lang
        state.set_lang(lang)
    app.url_map.strict_slashes = False

    app.before_request(_apply_faults)
    app.before_request(_load_session)
    app.before_request(_apply_session_faults)
    app.before_request(cas.before_request)  # issue 14: nothing unless state.cas is set
    app.after_request(_finish_response)

    for bp in PAGES:
        app.register_blueprint(bp)
    register_placeholders(app)
    vendor_status()  # logs one warning when the front-end libraries are missing; pages work anyway

    @app.context_processor
    def _template_globals():
        return {
            "_": web._, "lang": web.lang(), "base_url": web.base_url(), "user": web.current_user(),
            "cidreq": web.cidreq, "tool_cidreq": web.tool_cidreq, "course_url": web.course_url,
            "lang_name": "french" if web.lang() == "fr" else "english",
            "language_menu": i18n.LANGUAGE_MENU,
            "cas": state.cas, "chamilo_version": state.version,
        }

    return app


# ---------------------------------------------------------------- request hooks
def _apply_faults():
    state = web.state()
    g.faults = {}
    g.expire_session = False
    fired = state.faults.take(request.method, request.path, request.query_string.decode("latin-1"),
                              lambda: request.form)
    for fault in fired:
        if fault.kind == "delay":
            state.faults.hold(float(fault.params["seconds"]))  # faults.clear() ends the wait
    for fault in fired:
        if fault.kind == "call":
            answer = fault.params["fn"]()
            if answer is not None:
                return make_response(answer)
    for fault in fired:
        kind, params = fault.kind, fault.params
        if kind == "expire_session":
            g.expire_session = True
        elif kind == "status":
            return error_pages.proxy_error(int(params["code"]), bare=False)
        elif kind == "blank":
            return Response("<!DOCTYPE html><html><head></head><body></body></html>", mimetype="text/html")
        elif kind == "empty_download":
            return Response(b"", mimetype="text/html")
        elif kind == "db_down":
            return error_pages.db_down()
        elif kind == "maintenance":
            return error_pages.maintenance_redirect()
        elif kind == "echo_post":
            return hostile_pages.echo_post()
        elif kind not in ("delay", "call"):
            if kind in AFTER_HANDLER_KINDS:
                g.setdefault("after_handler", (kind, dict(params)))
            g.faults[kind] = dict(params)
    return None


# files and the pages' background calls: they read a session but never start one (a call still in
# flight while the login POST renews the session id must not hand the browser a fresh anonymous one)
SESSIONLESS_PREFIXES = ("/web/", "/main/img/", "/main/inc/lib/javascript/", "/main/inc/ajax/session_clock.ajax.php",
                        "/main/inc/ajax/chat.ajax.php", "/main/inc/ajax/online.ajax.php", "/main/inc/ajax/message.ajax.php")


def _apply_session_faults():
    """Faults that answer in place of the page but need the session (the user, the language)."""
    if "not_allowed" in g.faults:
        web.request_course()  # the page is in the course's language, as the real one
        return web.not_allowed()
    return None


def _load_session():
    state = web.state()
    sid = request.cookies.get(COOKIE_NAME)
    if g.get("expire_session") and sid:
        state.sessions.drop(sid)
    session = state.sessions.get(sid)
    g.set_cookie = False
    if session is None and request.path.startswith(SESSIONLESS_PREFIXES):
        g.sid, g.session = None, {}
        return None
    if session is None:
        sid, session = state.sessions.new()
        g.set_cookie = True
    g.sid, g.session = sid, session
    chosen = request.args.get("language")
    if chosen in i18n.LANG_NAMES:
        session["language"] = i18n.LANG_NAMES[chosen]
    return None


def _finish_response(response: Response) -> Response:
    state = web.state()
    after_kind, after_params = g.get("after_handler") or (None, {})
    if after_kind == "php_fatal":
        response = error_pages.php_fatal(response)
    elif after_kind == "act_then_status":  # PHP finished; the proxy answers an error instead
        response = error_pages.proxy_error(int(after_params["code"]))
    if not error_pages.is_bare():
        if g.get("set_cookie") and g.get("sid"):
            response.set_cookie(COOKIE_NAME, g.sid, path="/", httponly=True)
        if not request.path.startswith("/web/"):
            for name, value in NO_CACHE_HEADERS:
                response.headers.setdefault(name, value)
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            if response.mimetype == "text/html":  # PHP pages say so; download.php's file response does not
                response.headers.setdefault("X-Powered-By", "Chamilo 1")
    faults = g.get("faults") or {}
    if PAGE_REWRITING_KINDS & faults.keys():
        hostile_pages.rewrite(response, faults)
    if "cut_download" in faults or "drip" in faults:
        _shape_body(response, faults)
    status = response.status_code
    if after_kind == "act_then_timeout":
        _hold_body(response, float(after_params["seconds"]), state.faults.hold)
    elif after_kind == "act_then_cut":
        _cut_before_any_byte(response)
        status = 0  # nothing was answered
    state.log_request(request.method, request.path, status)
    return response


def _hold_body(response: Response, seconds: float, hold) -> None:
    """``act_then_timeout``: send nothing (not even the status line) for ``seconds``, then the answer.
    werkzeug sends the headers with the first body chunk, so the wait sits before it."""
    body = response.get_data()
    response.headers["Content-Length"] = str(len(body))

    def generate():
        hold(seconds)
        yield body

    response.response = generate()
    response.direct_passthrough = False


def _cut_before_any_byte(response: Response) -> None:
    """``act_then_cut``: close the TCP connection without sending a byte of the answer (the browser
    sees an empty response: Chromium's net::ERR_EMPTY_RESPONSE)."""
    sock = request.environ.get("werkzeug.socket")

    def generate():
        _drop_connection(sock)
        raise ConnectionAbortedError("practice fault: act_then_cut")
        yield b""  # a generator: werkzeug iterates it after the handler, before writing anything

    response.response = generate()
    response.direct_passthrough = False


def _shape_body(response: Response, faults: dict) -> None:
    """Apply ``cut_download`` / ``drip`` to any response body (headers keep the full length)."""
    cut = faults.get("cut_download")
    drip = faults.get("drip")
    if response.content_length is None and not response.is_streamed:
        response.headers["Content-Length"] = str(len(response.get_data()))
    body = response.iter_encoded()
    sock = request.environ.get("werkzeug.socket")
    limit = int(cut["after_bytes"]) if cut else None
    rate = max(1, int(drip["bytes_per_sec"])) if drip else None

    def generate():
        sent = 0
        try:
            for chunk in body:
                while chunk:
                    piece = chunk
                    if rate:
                        piece = piece[:max(1, rate // 10)]
                    if limit is not None and sent + len(piece) >= limit:
                        piece = piece[:limit - sent]
                        if piece:
                            yield piece
                        _drop_connection(sock)
                        raise ConnectionAbortedError("practice fault: cut_download")
                    yield piece
                    sent += len(piece)
                    chunk = chunk[len(piece):]
                    if rate:
                        time.sleep(len(piece) / rate)
            if limit is not None:
                # the body was shorter than after_bytes: still end the connection early
                _drop_connection(sock)
                raise ConnectionAbortedError("practice fault: cut_download")
        finally:
            close = getattr(body, "close", None)
            if close:
                close()

    response.response = generate()
    response.direct_passthrough = False


def _drop_connection(sock) -> None:
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
