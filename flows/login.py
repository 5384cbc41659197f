"""Signing in the way the site wants it (--login, CHAMILO_LOGIN), and signing out.

``form``     Chamilo's own form (the home page's login form) — the default.
``sso``      the site sends the browser to its identity provider (CAS, Shibboleth): the robot fills
             the provider's standard form (knowledge/identity_providers.py) and comes back signed
             in (UI-REFERENCE §13.2-13.3).
``session``  never a password: only a session saved by `robot login`, still alive on the site (or
             on the identity provider, which then signs the browser in without a form, §13.5 30e).

Each mode's first step opens the site and looks whether the browser is signed in already (a saved
session reused, or the identity provider's session sending it straight back): then the steps that
would type the password do nothing. Every step of a login handles a secret (``handles_secret``): no
trace sees it. Flows start signed in: the runner puts ``steps_for(mode)`` in front of a flow's steps
(robot/commands/run/common.py), and runs them again when the session expires.
"""
from __future__ import annotations

import time
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Error as PlaywrightError, Page, TimeoutError as PlaywrightTimeout

from robot.engine.steps import Step, StepContext, step
from robot.errors import AuthError, StepFailed, UsageError
from robot.origins import password_may_travel, show_origin

from .knowledge import identity_providers as idp
from .login_guard import PasswordWouldLeave, check_destination, password_stays
from .site_language import choose_site_language

SIGNED_IN = "signed_in"        # ctx.data: the login steps found (or made) the browser signed in
IDP_FORM = "idp_form"          # ctx.data: the kind of identity provider form found (sso)
IDP_PAGE = "idp_page"          # ctx.data: the identity provider's page accepted (https or loopback)
EXPIRED = "the saved session has expired: run `robot login`"


def _base(s: StepContext) -> str:
    return s.params.site.base_url.rstrip("/")


def _url(s: StepContext, path: str) -> str:
    return _base(s) + path


def on_site(base_url: str, page_url: str) -> bool:
    """``page_url`` is a page of the site at ``base_url`` (same scheme, host, port, under its path)."""
    base, page = urlsplit(base_url.rstrip("/")), urlsplit(page_url)
    return ((base.scheme, base.netloc.lower()) == (page.scheme, page.netloc.lower())
            and (page.path + "/").startswith(base.path.rstrip("/") + "/"))


def signed_in_here(page: Page, k: Any, base_url: str) -> bool:
    """The page is the site's and shows the signed-in user's logout link."""
    try:
        return on_site(base_url, page.url) and page.locator(k.session.logout_link).count() > 0
    except PlaywrightError:
        return False


def _mark(s: StepContext, signed: bool) -> bool:
    s.data[SIGNED_IN] = signed
    return signed


def _navigate(s: StepContext, go: Callable[[], Any]) -> None:
    """Run a navigation (a goto, a click), naming the failures of a sign-in: an untrusted
    certificate on the way, an empty error page after the identity provider's ticket (§13.3).
    That page is an HTTP 500 with nothing in it: the desktop Chromium fails the navigation
    (net::ERR_HTTP_RESPONSE_CODE_FAILURE), the headless shell shows the empty page."""
    tickets: list[str] = []
    answers: list[Any] = []

    def on_request(request: Any) -> None:
        if request.is_navigation_request() and idp.TICKET_PARAM in request.url:
            tickets.append(request.url)

    def on_response(response: Any) -> None:
        if tickets and response.request.is_navigation_request():  # the ticket's answer, and where it leads
            answers.append(response)

    s.page.on("request", on_request)
    s.page.on("response", on_response)
    try:
        go()
    except PlaywrightError as err:
        text = str(err)
        if "net::ERR_CERT" in text:
            raise StepFailed("a TLS certificate on the way to the sign-in page is not trusted (the site's or its "
                             f"identity provider's): {text.strip().splitlines()[0]}", kind="tls_untrusted",
                             hint="give the certificate authority with --ca-bundle / ROBOT_CA_BUNDLE") from err
        if tickets and ("ERR_HTTP_RESPONSE_CODE_FAILURE" in text or _ticket_refused(answers)):
            raise _refused_ticket(s) from err
        raise
    except Exception as err:
        if _ticket_refused(answers):  # the page check named the empty page first (a blank page)
            raise _refused_ticket(s) from err
        raise
    finally:
        s.page.remove_listener("request", on_request)
        s.page.remove_listener("response", on_response)
    if _ticket_refused(answers):
        raise _refused_ticket(s)


def _ticket_refused(answers: list[Any]) -> bool:
    """The site answered the identity provider's ticket (or the redirect that follows its
    validation, where Chamilo looks for the user) with an empty HTTP 5xx page."""
    for response in answers:
        if response.status >= 500:
            try:
                return not (response.body() or b"").strip()
            except PlaywrightError:
                return True  # the body is gone with the failed navigation: nothing was shown
    return False


def _refused_ticket(s: StepContext) -> AuthError:
    return AuthError("the site answered an empty error page (HTTP 500) after the identity provider's ticket: the "
                     f"ticket was refused, or {s.params.site.username!r} is not a user of this Chamilo",
                     hint="ask the site's administrator whether your institutional account is linked to a Chamilo "
                          "user")


def _goto(s: StepContext, target: str) -> None:
    _navigate(s, lambda: s.goto(target))


# --- form: Chamilo's own form -------------------------------------------------------------------

def _sent_elsewhere(s: StepContext) -> UsageError:
    where = urlsplit(s.page.url)
    return UsageError(f"the site sends the browser to a sign-in page elsewhere ({where.scheme}://{where.netloc}"
                      f"{where.path}): it signs its users in through an identity provider (single sign-on), "
                      "which the default --login form cannot fill",
                      hint="run with --login sso (CHAMILO_LOGIN=sso), or sign in once with `robot login` "
                           "(--headed for a second factor) and run with --login session")


@step("open_login_page", en="Open the Chamilo site", fr="Ouvrir le site Chamilo",
      target=lambda k: k.urls.login, handles_secret=True)
def open_login_page(s: StepContext) -> None:
    _goto(s, _url(s, s.k.urls.login))
    if not on_site(_base(s), s.page.url):
        raise _sent_elsewhere(s)
    s.page.locator(f"{s.k.login.username}, {s.k.session.logout_link}").first.wait_for(
        state="attached", timeout=s.timeout_ms)
    if _mark(s, signed_in_here(s.page, s.k, _base(s))):
        return
    choose_site_language(s)
    s.page.locator(s.k.login.username).wait_for(state="visible", timeout=s.timeout_ms)


@step("fill_credentials", en="Type your username and password", fr="Saisir votre identifiant et votre mot de passe",
      target=lambda k: f"{k.login.username} + {k.login.password}", handles_secret=True, replay_from="open_login_page")
def fill_credentials(s: StepContext) -> None:
    if s.data.get(SIGNED_IN):
        return
    site = s.params.site
    if not site.password:
        raise AuthError("no password given (CHAMILO_PASSWORD, .env or the prompt)")
    _check_site_form(s)
    s.page.locator(s.k.login.username).fill(site.username)
    s.mark(s.page.locator(s.k.login.password))
    with password_stays(s, belongs_to=_base(s), secret=site.password.reveal()):
        s.page.locator(s.k.login.password).fill(site.password.reveal())


@step("submit_login", en="Click “Login”", fr="Cliquer sur « S'identifier »", target=lambda k: k.login.submit,
      handles_secret=True, replay_from="open_login_page")
def submit_login(s: StepContext) -> None:
    if s.data.get(SIGNED_IN):
        return
    _check_site_form(s, before_submit=True)
    with password_stays(s, belongs_to=_base(s), secret=s.params.site.password.reveal()):
        s.click(s.page.locator(s.k.login.submit))
    if s.k.login.failed_marker in s.page.url:
        raise AuthError(f"the site refused the login of {s.params.site.username!r} (wrong username or password); "
                        "not retried, so the account is not locked")
    if s.page.locator(s.k.login.form_present).count():
        raise AuthError("the login form is still shown after submitting: the site did not accept the login")
    _mark(s, True)


# --- sso: the identity provider's form ----------------------------------------------------------

def _open_towards_idp(s: StepContext) -> bool:
    """Open the site; when it shows its own form, take its single sign-on entry (§13.4). True when
    the browser ends signed in on the site (no form to fill), False when on the provider's page."""
    _goto(s, _url(s, s.k.urls.login))
    if on_site(_base(s), s.page.url):
        if signed_in_here(s.page, s.k, _base(s)):
            return True
        _goto(s, _url(s, s.k.urls.sso_entry))  # CAS on but not forced: its entry point
        if on_site(_base(s), s.page.url):
            if signed_in_here(s.page, s.k, _base(s)):
                return True
            raise UsageError("the site shows its own login form and sends nobody to an identity provider",
                             hint="sign in with --login form (CHAMILO_LOGIN=form)")
    return False


def _check_idp_address(s: StepContext) -> None:
    """The identity provider's page may receive the password: https, or the loopback by address."""
    if not password_may_travel(s.page.url, allow_insecure_http=getattr(s.params.site, "allow_insecure_http", False)):
        raise UsageError(f"the identity provider {show_origin(s.page.url)} is not https: the password would "
                         "travel in clear, so the robot does not type it", hint="--allow-insecure-http if you really mean it")
    s.data[IDP_PAGE] = s.page.url


def _check_site_form(s: StepContext, *, before_submit: bool = False) -> None:
    """Chamilo's form: on the site, and sending the password to the site (flows/login_guard.py)."""
    if not on_site(_base(s), s.page.url):
        raise PasswordWouldLeave(f"the login page moved to {s.page.url.split('?')[0]}, off the site {_base(s)}: the "
                                 "robot does not give it the password")
    check_destination(s, belongs_to=_base(s), password=s.k.login.password, submit=s.k.login.submit,
                      before_submit=before_submit)


def _check_idp_form(s: StepContext, form: idp.IdpForm, *, before_submit: bool = False) -> None:
    """The identity provider's form: on the provider accepted, sending the password there."""
    check_destination(s, belongs_to=s.data[IDP_PAGE], password=form.password, submit=form.submit,
                      before_submit=before_submit)


def _wait_for_idp_form(s: StepContext) -> idp.IdpForm:
    try:
        s.page.locator(idp.KNOWN_PASSWORD_FIELDS).first.wait_for(state="visible", timeout=s.timeout_ms)
    except PlaywrightTimeout:
        raise StepFailed(f"the identity provider's page ({s.page.url.split('?')[0]}) shows no sign-in form the robot "
                         f"knows ({idp.describe()})", kind="unknown_idp",
                         hint="sign in once by hand with `robot login --headed`, then run with --login session") from None
    for form in idp.FORMS:
        if s.page.locator(form.password).count() and s.page.locator(form.username).count():
            return form
    raise StepFailed(f"the identity provider's form at {s.page.url.split('?')[0]} has a password field but no "
                     "username field the robot knows", kind="unknown_idp",
                     hint="sign in once by hand with `robot login --headed`, then run with --login session")


@step("open_sign_in_page", en="Open the Chamilo site: it sends you to your institution's sign-in page",
      fr="Ouvrir le site Chamilo : il vous envoie vers la page de connexion de votre établissement",
      target=lambda k: f"{k.urls.login} (or {k.urls.sso_entry}) → the identity provider", handles_secret=True)
def open_sign_in_page(s: StepContext) -> None:
    if _mark(s, _open_towards_idp(s)):
        return
    _check_idp_address(s)
    s.data[IDP_FORM] = _wait_for_idp_form(s).kind


@step("fill_idp_credentials", en="Type your username and password on your institution's sign-in page",
      fr="Saisir votre identifiant et votre mot de passe sur la page de connexion de votre établissement",
      target=lambda k: idp.describe(), handles_secret=True, replay_from="open_sign_in_page")
def fill_idp_credentials(s: StepContext) -> None:
    if s.data.get(SIGNED_IN):
        return
    site = s.params.site
    if not site.password:
        raise AuthError("no password given (CHAMILO_PASSWORD, .env or the prompt) to type on the identity "
                        "provider's page", hint="or sign in once with `robot login` and run with --login session")
    form = idp.by_kind(s.data[IDP_FORM])
    _check_idp_form(s, form)
    s.page.locator(form.username).first.fill(site.username)
    s.mark(s.page.locator(form.password))
    with password_stays(s, belongs_to=s.data[IDP_PAGE], secret=site.password.reveal()):
        s.page.locator(form.password).first.fill(site.password.reveal())


@step("submit_idp_login", en="Click “Login” on your institution's sign-in page",
      fr="Cliquer sur « Se connecter » sur la page de connexion de votre établissement",
      target=lambda k: " / ".join(f.submit for f in idp.FORMS), retry="never", handles_secret=True,
      replay_from="open_sign_in_page")
def submit_idp_login(s: StepContext) -> None:
    if s.data.get(SIGNED_IN):
        return
    form = idp.by_kind(s.data[IDP_FORM])
    _check_idp_form(s, form, before_submit=True)
    with password_stays(s, belongs_to=s.data[IDP_PAGE], secret=s.params.site.password.reveal()):
        _navigate(s, lambda: s.click(s.page.locator(form.submit)))
    base = _base(s)
    if not on_site(base, s.page.url):
        if s.page.locator(idp.ANY_PASSWORD_FIELD).count():
            raise AuthError(f"the identity provider refused the login of {s.params.site.username!r} (wrong username "
                            "or password); not retried, so the account is not locked")
        try:  # a SAML answer posted back by the page, a redirect not yet done
            s.page.wait_for_url(lambda u: on_site(base, u), timeout=s.timeout_ms)
            s.page.wait_for_load_state("load", timeout=s.timeout_ms)
        except PlaywrightTimeout:
            raise AuthError("the identity provider asks for more than a password (a second factor, a consent "
                            f"page?) at {s.page.url.split('?')[0]}",
                            hint="sign in once by hand with `robot login --headed`, then run with --login session") from None
    if not _mark(s, signed_in_here(s.page, s.k, base)):
        raise AuthError(f"back on the site from the identity provider, but not signed in ({s.page.url.split('?')[0]})")


# --- session: a saved session, never a password -------------------------------------------------

@step("open_site_signed_in", en="Open the Chamilo site, signed in by the saved session",
      fr="Ouvrir le site Chamilo, connecté par la session enregistrée", target=lambda k: k.urls.login,
      handles_secret=True)
def open_site_signed_in(s: StepContext) -> None:
    try:
        signed = _open_towards_idp(s)
    except UsageError:  # the site's own form, and no identity provider to sign in silently
        signed = False
    if not _mark(s, signed):
        raise AuthError(EXPIRED, hint="`robot login` signs in again and saves the session (add --headed to "
                                      "sign in by hand); or run with --login form / sso to let the robot "
                                      "sign in with the password")


# --- robot login --headed: a person signs in, the robot waits ------------------------------------

@step("sign_in_by_hand", en="Sign in yourself in the browser window: the robot waits until you are on the site",
      fr="Connectez-vous vous-même dans la fenêtre du navigateur : le robot attend votre arrivée sur le site",
      target=lambda k: f"{k.session.logout_link} on a page of the site", handles_secret=True, retry="never")
def sign_in_by_hand(s: StepContext) -> None:
    """Open the site (towards its identity provider with sso / session); type the password when
    one was given and the form is one the robot knows; then wait — a person completes what the
    robot can't (second factor, consent) — until the browser is on the site, signed in."""
    site, base = s.params.site, _base(s)
    deadline = time.monotonic() + float(getattr(s.params, "wait_seconds", 600.0))
    try:
        if site.login == "form":
            _goto(s, _url(s, s.k.urls.login))
            signed = signed_in_here(s.page, s.k, base)
        else:
            signed = _open_towards_idp(s)
    except UsageError:  # the site's own form: the person (or the robot, below) fills it
        signed = False
    if not signed and site.password:
        _type_password_if_the_form_is_known(s)
    while not signed_in_here(s.page, s.k, base):
        if s.page.is_closed():
            raise AuthError("the browser window was closed before the sign-in was finished")
        if time.monotonic() > deadline:
            raise AuthError(f"nobody finished signing in within {getattr(s.params, 'wait_seconds', 600.0):.0f} s",
                            hint="run `robot login --headed` again (--wait S gives more time)")
        try:
            s.page.wait_for_timeout(500)
        except PlaywrightError:
            raise AuthError("the browser window was closed before the sign-in was finished") from None
    _mark(s, True)


def _type_password_if_the_form_is_known(s: StepContext) -> None:
    """Best effort: a person finishes whatever this leaves (a refused password is retyped by hand)."""
    site = s.params.site
    try:
        if on_site(_base(s), s.page.url):
            fields = (s.k.login.username, s.k.login.password, s.k.login.submit)
            check: Callable[..., None] = _check_site_form
            belongs_to = _base(s)
        else:
            form = next((f for f in idp.FORMS if s.page.locator(f.password).count()), None)
            if form is None:
                return
            fields = (form.username, form.password, form.submit)
            check = _headed_idp_check(s, form)
            belongs_to = s.data[IDP_PAGE]
        username, password, submit = (s.page.locator(sel).first for sel in fields)
        if not (username.is_visible() and password.is_visible()):
            return
        check(s)
        with password_stays(s, belongs_to=belongs_to, secret=site.password.reveal()):
            username.fill(site.username)
            password.fill(site.password.reveal())
            check(s, before_submit=True)
            submit.click(timeout=s.timeout_ms)
            s.page.wait_for_load_state("load", timeout=s.timeout_ms)
    except PlaywrightError:
        return


def _headed_idp_check(s: StepContext, form: idp.IdpForm) -> Callable[..., None]:
    """``robot login --headed`` meets the identity provider's page: the same address rule as
    ``--login sso`` before the robot types anything there, then the same form checks."""
    _check_idp_address(s)
    return lambda s, before_submit=False: _check_idp_form(s, form, before_submit=before_submit)


FORM_STEPS: list[Step] = [open_login_page, fill_credentials, submit_login]
SSO_STEPS: list[Step] = [open_sign_in_page, fill_idp_credentials, submit_idp_login]
SESSION_STEPS: list[Step] = [open_site_signed_in]
BY_HAND_STEPS: list[Step] = [sign_in_by_hand]


def steps_for(mode: str) -> list[Step]:
    try:
        return list({"form": FORM_STEPS, "sso": SSO_STEPS, "session": SESSION_STEPS}[mode])
    except KeyError:
        raise UsageError(f"unknown login mode {mode!r} (form, sso, session)") from None


# --- signing out ---------------------------------------------------------------------------------

def log_out(page: Page, k: Any, base_url: str, *, site_only: bool = False, timeout_ms: float = 15_000) -> bool:
    """Follow the site's logout link (found by its href on the page, else on the home page), so that
    the session cookie dies on the server. For a user of the identity provider, Chamilo then sends
    the browser to the provider's logout too (§13.5 30h), ending its session: ``site_only`` first
    drops every cookie but the site's own session from this browser context, so that a provider
    session shared with other browsers survives. True when the logout link was followed."""
    base = base_url.rstrip("/")
    link = page.locator(k.session.logout_link)
    if not on_site(base, page.url) or not link.count():
        page.goto(base + k.urls.login, timeout=timeout_ms, wait_until="domcontentloaded")
        if not signed_in_here(page, k, base):
            return False
    href = link.first.get_attribute("href") or ""
    target = urljoin(page.url, href)
    if not on_site(base, target):
        return False
    if site_only:
        context = page.context
        keep = [c for c in context.cookies(base) if c.get("name") in k.session.cookie_names]
        context.clear_cookies()
        context.add_cookies(keep)  # type: ignore[arg-type]
    if any(c.get("name") not in k.session.cookie_names for c in page.context.cookies()):
        # an identity provider's session too: the browser follows Chamilo to the provider's logout
        # (its certificate is trusted by the browser, not necessarily by a bare request)
        page.goto(target, timeout=timeout_ms, wait_until="domcontentloaded")
    else:  # the site's session only: one request with the browser's cookies, no page to render
        page.context.request.get(target, timeout=timeout_ms, max_redirects=20)
    return True

