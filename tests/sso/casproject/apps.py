"""Counts the CAS server's password logins: one line per successful login form, in
<CAS_TEST_STATE>/logins.log (a service ticket issued from an existing SSO session is no login)."""
from __future__ import annotations

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.signals import user_logged_in


def record_login(sender, request, user, **kwargs) -> None:
    with open(settings.STATE / "logins.log", "a", encoding="utf-8") as log:
        log.write(user.get_username() + "\n")


class CasProjectConfig(AppConfig):
    name = "casproject"

    def ready(self) -> None:
        user_logged_in.connect(record_login, dispatch_uid="casproject.record_login")
