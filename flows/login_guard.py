"""Where the password goes: checked before the robot types it, and again right before it submits.

The password belongs to one place: the site (``--login form``) or the identity provider the robot
has accepted (``--login sso``: https, or the loopback by address). Before typing it, the robot
checks that the page is still on that origin and that the login form's *resolved* destination —
its ``action`` (the page's own address when it has none), or the ``formaction`` of the button the
robot clicks — is on that same origin, over https or to the loopback by address (robot/origins.py).
Right before clicking the button it checks again: a script may have changed the form, or moved the
page elsewhere, after the first check. A mismatch stops the run (exit 2, never retried), naming the
origin the form would send to; the first check comes before anything is typed, the second before
anything is sent.

While the robot types the password and clicks, ``password_stays`` also watches the wire: a request
of the browser that carries the password (as typed or encoded, in its address or its body) to
another origin is refused before it leaves — a script that changes the form as it is submitted
(its "submit" handler runs after the second check), or sends the field's value with fetch then.

What this does not cover (docs/SECURITY.md): a script of the site's (or the provider's) own origin
that reads the field and sends it later, or disguised — the robot trusts the origin it signs in
to, as a person does.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Iterator
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError, Route

from robot.engine.failure_page import needles
from robot.engine.steps import StepContext
from robot.errors import AuthError
from robot.origins import DEFAULT_PORTS, origin, password_may_travel, show_origin

# The form of the password field and where it would be sent: the form's resolved action and, when
# the button the robot clicks belongs to that form and has its own formaction, that one too. The
# field and the button are the elements the robot's locators find (Playwright's CSS pierces open
# shadow roots, document.querySelector does not: a form inside a shadow root would go unchecked).
_DESTINATION_JS = """
([field, button]) => {
  const form = field.form;
  if (!form) return {form: false};
  // the prototype's getter: a field named "action" inside the form would shadow form.action
  const action = Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, "action").get.call(form);
  const destinations = [action || document.URL];
  if (button && button.form === form && button.hasAttribute("formaction")) destinations.push(button.formAction);
  return {form: true, destinations};
}
"""


class PasswordWouldLeave(AuthError):
    """The login page would send the password somewhere else than where it belongs (exit 2)."""

    def __init__(self, message: str, **kw: Any) -> None:
        kw.setdefault("kind", "password_destination")
        kw.setdefault("hint", "is CHAMILO_URL the site's real address? A page that sends a password elsewhere "
                              "may be a forgery, or a site whose sign-in moved: ask the site's administrator")
        super().__init__(message, **kw)


def check_destination(s: StepContext, *, belongs_to: str, password: str, submit: str | None,
                      before_submit: bool = False) -> None:
    """Raise ``PasswordWouldLeave`` unless the page is on ``belongs_to``'s origin and its form holding
    ``password`` (a selector) would send it there (see the module's docstring). ``before_submit``:
    the second check, after the password was typed and before ``submit`` is clicked."""
    allow_http = bool(getattr(s.params.site, "allow_insecure_http", False))
    where = show_origin(belongs_to)
    done = "nothing was sent" if before_submit else "nothing was typed"
    here = s.page.url
    if origin(here) != origin(belongs_to):
        raise PasswordWouldLeave(f"the sign-in page moved to {show_origin(here)}, away from {where}: the robot does "
                                 f"not give it the password ({done})")
    field = s.page.locator(password).first  # the element the robot types into
    if not field.count():
        return  # no password field to type into: the step's own wait says so
    button = s.page.locator(submit).first if submit else None
    handles = [field.element_handle(timeout=s.timeout_ms),
               button.element_handle(timeout=s.timeout_ms) if button is not None and button.count() else None]
    try:
        info = s.page.evaluate(_DESTINATION_JS, handles)
    finally:
        for handle in handles:
            if handle is not None:
                handle.dispose()
    if not info.get("form"):
        raise PasswordWouldLeave(f"the password field of {where} belongs to no form: the robot cannot tell where "
                                 f"the page would send the password ({done})")
    for destination in info.get("destinations") or []:
        if origin(destination) != origin(belongs_to) or not password_may_travel(destination,
                                                                                allow_insecure_http=allow_http):
            changed = " was changed after the robot checked it and" if before_submit else ""
            raise PasswordWouldLeave(f"the login form of {where}{changed} would send the password to "
                                     f"{show_origin(destination)}, not to {where}: refused ({done})")


def _other_origins(url: str) -> re.Pattern[str]:
    """A pattern of every URL not on ``url``'s origin, written as the browser writes URLs (scheme and
    host in lower case, no default port). Playwright matches a regular expression in its driver,
    so the requests of the site itself (its pages, scripts, pictures) are not handed to Python one
    by one; every character but letters and digits escaped as \\xHH (the same in Python and JavaScript)."""
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    prefix = f"{scheme}://{netloc}/"
    escaped = "".join(c if c.isascii() and c.isalnum() else f"\\x{ord(c):02x}" for c in prefix)
    return re.compile(f"^(?!{escaped})")


@contextmanager
def password_stays(s: StepContext, *, belongs_to: str, secret: str) -> Iterator[None]:
    """Around the robot's typing and clicking: every request of the browser context that carries
    ``secret`` (any of its encoded forms, in its URL or body) to an origin other than ``belongs_to``'s
    is aborted, and ``PasswordWouldLeave`` raised once the action is over (or failed)."""
    wanted = [form.encode() for form in needles([secret])]
    home = origin(belongs_to)
    stopped: list[str] = []

    def guard(route: Route) -> None:
        request = route.request
        if wanted and origin(request.url) != home:  # (the pattern let through the home origin's own)
            try:
                carried = request.url.encode() + (request.post_data_buffer or b"")
            except Exception:  # noqa: BLE001 - a body Playwright cannot give: judge by the address
                carried = request.url.encode()
            if any(form in carried for form in wanted):
                stopped.append(show_origin(request.url))
                route.abort("blockedbyclient")
                return
        route.fallback()

    def refused() -> PasswordWouldLeave:
        return PasswordWouldLeave(f"the sign-in page of {show_origin(belongs_to)} tried to send the password to "
                                  f"{stopped[0]}: the robot stopped that request (nothing was sent there)")

    context = s.page.context
    elsewhere = _other_origins(belongs_to)  # matched in the browser's driver: the site's own requests never wait
    context.route(elsewhere, guard)
    try:
        yield
    except Exception as err:
        if stopped:
            raise refused() from err
        raise
    finally:
        try:
            context.unroute(elsewhere, guard)
        except PlaywrightError:  # the browser went away meanwhile: nothing left to guard
            pass
    if stopped:
        raise refused()
