"""The practice Chamilo as a CAS client, the way Chamilo 1.11.32 (``local.inc.php`` + phpCAS 1.6)
behaves (UI-REFERENCE §13.2-13.5). On when ``State.cas`` holds a CasSettings.

Every request (AJAX included, not the static files: ``/web/``, ``/main/img/``, the ``.js``/``.css``
of ``/main/inc/lib/javascript/``, which Apache serves without PHP) of a visitor with no user in the
session, that is not a POST with ``login`` and not a logout, and whose URI has none of the
``skip_force_redirect_in`` fragments, goes through :func:`before_request`:

* phpCAS ``forceAuthentication()`` runs when ``force_redirect`` is set, or for POST
  ``forceCASAuthentication`` (the CAS button), GET ``checkLoginCas`` or GET ``ticket``:
  without a ``ticket`` it answers 302 to ``<IdP>/login?service=<this URL without ticket>``;
  with one it validates it server to server (CAS 2.0 ``serviceValidate``), renames the session
  (64-hex id: sha256 of the ticket), keeps the CAS user in it and answers 302 to the service URL
  without ``ticket`` (empty parameters dropped). A refused ticket: 500, empty body.
* then, when the session holds a CAS user, Chamilo logs in the practice user of the same username
  (``UserManager::casUserLoginName``); none: 500, empty body (``No user matched``), as long as the
  session lasts.
"""
from __future__ import annotations

import hashlib
import logging
import ssl
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import parse_qsl, quote_plus, unquote_plus, urlencode

from flask import current_app, g, redirect, request

from . import web
from .cas_settings import CasSettings

log = logging.getLogger("practice_server.cas")

CAS_NS = {"cas": "http://www.yale.edu/tp/cas"}
SESSION_CAS_USER = "phpCAS_user"   # what phpCAS keeps in the session once a ticket validated
VALIDATION_TIMEOUT = 15.0


def settings() -> CasSettings | None:
    return web.state().cas


STATIC_PREFIXES = ("/web/", "/main/img/", "/main/inc/lib/javascript/")


def _static_file(path: str) -> bool:
    """A file the web server sends itself (no PHP, so no CAS block); config_js.php is PHP."""
    return path.startswith(STATIC_PREFIXES) and not path.endswith(".php")


# ---------------------------------------------------------------- the CAS block of local.inc.php
def before_request():
    cfg = settings()
    if cfg is None or _static_file(request.path):
        return None
    posted = request.form if request.method == "POST" else {}
    if "forceCASAuthentication" in posted:
        # the CAS button forgets whoever was in the session, and an anonymous session altogether
        web.destroy_session()
    if web.current_user() is not None or "login" in posted or "logout" in request.args:
        return None
    uri = web.request_uri()
    if any(fragment in uri for fragment in cfg.skip_force_redirect_in):
        return None
    if (cfg.force_redirect or "forceCASAuthentication" in posted or "checkLoginCas" in request.args
            or "ticket" in request.args):
        answer = _force_authentication(cfg, uri)
        if answer is not None:
            return answer
    cas_user = g.session.get(SESSION_CAS_USER)
    if cas_user is None:
        return None
    user = web.state().user_by_username(cas_user)
    if user is None:  # cas_add_user_activate=false: Exception('No user matched.'), uncaught
        log.warning("CAS user %r matches no practice user", cas_user)
        return empty_500()
    if not user["active"]:  # phpCAS::logout(): the IdP's logout, the session ends
        web.destroy_session()
        return redirect(cfg.logout_url, 302)
    g.session["user_id"] = user["id"]
    return None


def _force_authentication(cfg: CasSettings, uri: str):
    """phpCAS forceAuthentication(): None when the session is CAS-authenticated, else a response."""
    if g.session.get(SESSION_CAS_USER):
        return None
    ticket = request.args.get("ticket")
    service = service_url(cfg, uri)
    if not ticket:
        return redirect(f"{cfg.login_url}?service={quote_plus(service, safe='')}", 302)
    cas_user = validate_ticket(cfg, service, ticket)
    if cas_user is None:  # CAS_AuthenticationException, uncaught
        return empty_500()
    _rename_session(hashlib.sha256(ticket.encode("utf-8")).hexdigest())
    g.session[SESSION_CAS_USER] = cas_user
    return redirect(url_after_validation(cfg, uri), 302)


def validate_ticket(cfg: CasSettings, service: str, ticket: str) -> str | None:
    """CAS 2.0 ``serviceValidate``: the CAS username, or None when the IdP refuses the ticket or
    cannot be reached or trusted (the ticket itself is never logged)."""
    url = f"{cfg.service_validate_url}?{urlencode({'service': service, 'ticket': ticket})}"
    try:
        with urllib.request.urlopen(url, context=_tls_context(cfg), timeout=VALIDATION_TIMEOUT) as resp:
            body = resp.read()
    except (urllib.error.URLError, OSError, ssl.SSLError) as err:
        log.warning("CAS ticket validation failed: %s", getattr(err, "reason", err))
        return None
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        log.warning("CAS serviceValidate answered something that is not XML")
        return None
    user = root.find("cas:authenticationSuccess/cas:user", CAS_NS)
    if user is None or not (user.text or "").strip():
        failure = root.find("cas:authenticationFailure", CAS_NS)
        code = failure.get("code") if failure is not None else "?"
        log.warning("CAS ticket refused by the IdP (%s)", code)
        return None
    return user.text.strip()


def _tls_context(cfg: CasSettings) -> ssl.SSLContext:
    if cfg.no_server_validation:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    return ssl.create_default_context(cafile=cfg.ca_bundle) if cfg.ca_bundle else ssl.create_default_context()


def _rename_session(new_sid: str) -> None:
    st = web.state()
    data = dict(g.session)
    st.sessions.drop(g.sid)
    g.sid, g.session = st.sessions.new(data, sid=new_sid)
    g.set_cookie = True


def empty_500():
    return current_app.response_class(b"", status=500, mimetype="text/html")


# ---------------------------------------------------------------- URLs
def _base(cfg: CasSettings) -> str:
    return cfg.service_base_url or request.host_url.rstrip("/")


def service_url(cfg: CasSettings, uri: str) -> str:
    """``service_base_url`` + the requested URI minus any ``ticket`` parameter (others kept as sent)."""
    path, _, query = uri.partition("?")
    kept = [part for part in query.split("&") if part and unquote_plus(part.split("=", 1)[0]) != "ticket"]
    return _base(cfg) + path + ("?" + "&".join(kept) if kept else "")


def url_after_validation(cfg: CasSettings, uri: str) -> str:
    """Where phpCAS sends the browser once the ticket validated: the service URL rebuilt without
    ``ticket`` and without empty parameters (``…&gradebook=0&origin=`` → ``…&gradebook=0``)."""
    path, _, query = uri.partition("?")
    pairs = [(k, v) for k, v in parse_qsl(query) if k != "ticket"]
    return _base(cfg) + path + ("?" + urlencode(pairs) if pairs else "")


# ---------------------------------------------------------------- logout (online_logout)
def logout_target(user: dict | None) -> str | None:
    """The IdP's logout URL (no ``service``) when ``user``'s auth_source is cas, else None."""
    cfg = settings()
    if cfg is None or user is None or not cfg.is_cas_user(user["username"]):
        return None
    return cfg.logout_url
