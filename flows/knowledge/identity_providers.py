"""The sign-in forms of identity providers (single sign-on), as standard products name them.

Facts: ../shared/chamilo/UI-REFERENCE.md §13.6 (django-mama-cas verified on captures 30a / 30g;
Apereo CAS 3-6 and Shibboleth IdP 2-5 from their stock templates). Selectors by name, never by
label. Nothing here is Chamilo's: a site may send its users to any of these.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IdpForm:
    kind: str          # what to call it in messages
    username: str
    password: str
    submit: str


FORMS: tuple[IdpForm, ...] = (
    # django-mama-cas (form.form-login, no action), Apereo CAS 5/6 (form#fm1, hidden execution and
    # _eventId=submit), Jasig CAS 3-4 (form#fm1, input[type=submit][name=submit])
    IdpForm("CAS", username='input[name="username"]', password='input[name="password"]',
            submit='form:has(input[name="password"]) button[type="submit"], '
                   'form:has(input[name="password"]) input[type="submit"]'),
    # Shibboleth IdP 3+ (button _eventId_proceed) and 2.x (login.jsp, a plain submit)
    IdpForm("Shibboleth", username='input[name="j_username"]', password='input[name="j_password"]',
            submit='button[name="_eventId_proceed"], form:has(input[name="j_password"]) input[type="submit"]'),
)

# Any known form's password field (what to wait for on the identity provider's page).
KNOWN_PASSWORD_FIELDS = ", ".join(form.password for form in FORMS)

# §13.6 robot check: a page off the site with a password field is a sign-in page.
ANY_PASSWORD_FIELD = 'input[type="password"]'


def by_kind(kind: str) -> IdpForm:
    return next(form for form in FORMS if form.kind == kind)


def describe() -> str:
    """The fields the robot fills, for --dry-run plans and messages."""
    return " / ".join(f"{f.kind}: {f.username} + {f.password}" for f in FORMS)


# §13.3: the CAS server sends the browser back to the site with this parameter (ST-…)
TICKET_PARAM = "ticket="
