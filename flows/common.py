"""What every procedure shares: the site and course parameters, opening the course, the check of every
page (``session_check``). Procedures start signed in: the runner puts the sign-in steps of the chosen
``--login`` mode in front of them (flows/login.py, robot/commands/run/common.py)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Error as PlaywrightError, Response

from robot.config import Secret
from robot.engine.steps import StepContext, step
from robot.errors import CourseError, SessionExpired, StepFailed, TransientError

from .knowledge import identity_providers


@dataclass
class Site:
    """Where and who: shared by every flow. ``login``: how to sign in (flows/login.py)."""

    base_url: str
    username: str
    password: Secret | None
    login: str = "form"
    allow_insecure_http: bool = False  # an identity provider on plain http (never, but for tests)


@dataclass
class CourseParams:
    site: Site
    course: str
    extra: dict[str, Any] = field(default_factory=dict)


def url(s: StepContext, path: str) -> str:
    return s.params.site.base_url.rstrip("/") + path


def session_check(s: StepContext, response: Response) -> None:
    """After every navigation: Chamilo's own error pages get named at once (they answer HTTP 200,
    and waiting for a field they will never have would cost the whole step timeout, retries
    included); a login form inside the site means the session expired."""
    if not _is_site_page(s, response):
        _sign_in_page_elsewhere(s, response)
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


def _sign_in_page_elsewhere(s: StepContext, response: Response) -> None:
    """A page off the site with a password field, reached by a step that is not a login: the site
    sent the browser to its identity provider, whose session expired too (§13.5, capture 30f)."""
    step_ = s.current
    if step_ is None or step_.handles_secret:
        return
    if "html" not in (response.headers.get("content-type") or "").lower():
        return
    try:
        shown = s.page.locator(identity_providers.ANY_PASSWORD_FIELD).count() > 0
    except PlaywrightError:
        return
    if shown:
        raise SessionExpired("the site sent the browser to its identity provider's sign-in page: the session "
                             "expired", kind="session_expired")


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
