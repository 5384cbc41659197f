"""Steps every procedure starts with: log in, open the course from "My courses"."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Error as PlaywrightError, Response

from robot.config import Secret
from robot.engine.steps import StepContext, step
from robot.errors import AuthError, CourseError, SessionExpired, StepFailed, TransientError


@dataclass
class Site:
    """Where and who: shared by every flow."""

    base_url: str
    username: str
    password: Secret | None


@dataclass
class CourseParams:
    site: Site
    course: str
    extra: dict[str, Any] = field(default_factory=dict)


def url(s: StepContext, path: str) -> str:
    return s.params.site.base_url.rstrip("/") + path


# --- logging in ------------------------------------------------------------------------------

@step("open_login_page", en="Open the Chamilo site", fr="Ouvrir le site Chamilo",
      target=lambda k: k.urls.login, handles_secret=True)
def open_login_page(s: StepContext) -> None:
    s.goto(url(s, s.k.urls.login))
    s.page.locator(s.k.login.username).wait_for(state="visible", timeout=s.timeout_ms)


@step("fill_credentials", en="Type your username and password", fr="Saisir votre identifiant et votre mot de passe",
      target=lambda k: f"{k.login.username} + {k.login.password}", handles_secret=True, replay_from="open_login_page")
def fill_credentials(s: StepContext) -> None:
    site: Site = s.params.site
    if not site.password:
        raise AuthError("no password given (CHAMILO_PASSWORD, .env or the prompt)")
    s.page.locator(s.k.login.username).fill(site.username)
    s.mark(s.page.locator(s.k.login.password))
    s.page.locator(s.k.login.password).fill(site.password.reveal())


@step("submit_login", en="Click “Login”", fr="Cliquer sur « Connexion »", target=lambda k: k.login.submit,
      handles_secret=True, replay_from="open_login_page")
def submit_login(s: StepContext) -> None:
    s.click(s.page.locator(s.k.login.submit))
    if s.k.login.failed_marker in s.page.url:
        raise AuthError(f"the site refused the login of {s.params.site.username!r} (wrong username or password); "
                        "not retried, so the account is not locked")
    if s.page.locator(s.k.login.form_present).count():
        raise AuthError("the login form is still shown after submitting: the site did not accept the login")


LOGIN_STEPS = [open_login_page, fill_credentials, submit_login]


def session_check(s: StepContext, response: Response) -> None:
    """After every navigation: Chamilo's own error pages get named at once (they answer HTTP 200,
    and waiting for a field they will never have would cost the whole step timeout, retries
    included); a login form inside the site means the session expired."""
    if not _is_site_page(s, response):
        return
    try:
        shown = s.page.evaluate(s.k.site_errors.classify_js, s.k.site_errors.selectors(s.k.login.form_present))
    except PlaywrightError:
        return  # the page went away under us: the step's own wait will say what happened
    step_ = s.current
    where = s.page.url
    if shown == "database_down":
        raise StepFailed("the site answers “This portal is currently experiencing database issues”: Chamilo "
                         "cannot reach its database", kind="database_down",
                         hint="the site's database is down — tell the Chamilo site's administrator; run the "
                              "command again once the site works (nothing more was done)")
    if shown == "login_form" and step_ is not None and not step_.handles_secret:
        raise SessionExpired("the site shows its login form: the session expired", kind="session_expired")
    if shown == "not_allowed" and step_ is not None and step_.changes_site:
        # after a change was sent: a repeated request (the browser resends on a cut connection)
        # whose security token was already spent — the first one may have done the work
        raise TransientError(f"the site answered its “not allowed” page to this change ({where})",
                             kind="not_allowed_after_change")
    if shown == "not_allowed":
        raise NotAllowedPage(f"the site says you are not allowed to see this page ({where})",
                          hint=f"is {s.params.site.username!r} a teacher of this course? The site may also "
                               "have closed the course or ended the session")
    if shown == "truncated":
        raise StepFailed(f"Chamilo stopped in the middle of the page ({where}): a PHP fatal error on the server",
                         kind="php_fatal",
                         hint="the server's PHP failed while doing this step — ask the site's administrator to "
                              "look at the PHP error log (a full disk or an unwritable folder is common); "
                              "the robot does not repeat it")
    if shown == "blank":
        raise TransientError(f"the site answered a blank page ({where})", kind="blank_page")


class NotAllowedPage(CourseError):
    """Chamilo's "not allowed" page. A flow that knows why (the course is not yours, the account may
    not create courses) catches it around its navigation and says so."""


def _is_site_page(s: StepContext, response: Response) -> bool:
    """An HTML page of the Chamilo site (not the identity provider's, not a file)."""
    base = s.params.site.base_url.rstrip("/")
    if not response.url.startswith(base):
        return False
    kind = (response.headers.get("content-type") or "").lower()
    return "html" in kind or not kind


# --- opening the course ----------------------------------------------------------------------

@step("open_course_home", en="Open the course from “My courses”", fr="Ouvrir le cours depuis « Mes cours »",
      target=lambda k: k.portal.course_link("<CODE>"))
def open_course_home(s: StepContext) -> None:
    code = s.params.course
    if s.k.urls.user_portal not in s.page.url:
        s.goto(url(s, s.k.urls.user_portal))
    link = s.page.locator(s.k.portal.course_link(code))
    try:
        if link.count():
            s.click(link)
        else:  # a platform admin may reach courses that are not in "My courses"
            s.goto(url(s, s.k.urls.course_home(code)))
        allowed = s.page.locator(s.k.home.maintenance_link).count() > 0
    except NotAllowedPage:
        allowed = False
    if not allowed:
        raise CourseError(f"course {code} was not found, or {s.params.site.username!r} is not one of its teachers "
                          "(its course home shows no Administration tools)")


def require(s: StepContext, selector: str, what: str) -> None:
    """Fail clearly when the page lacks what the next click needs (the site changed?)."""
    if not s.page.locator(selector).count():
        raise StepFailed(f"{what} is not on the page ({selector}); the page is {s.page.url}")
