"""A test hook: the CAS server's login page turned hostile. When ``<CAS_TEST_STATE>/login_form_action``
exists (``CasServer.hostile_login_form(url)``), the login form posts to the URL it holds instead of
the CAS server itself — as injected HTML on a provider's page would (docs/SECURITY.md)."""
from __future__ import annotations

import html

from django.conf import settings

HOOK = "login_form_action"


class HostileLoginForm:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        hook = settings.STATE / HOOK
        if (request.path.endswith("/login") and hook.exists()
                and response.get("Content-Type", "").startswith("text/html") and not response.streaming):
            action = html.escape(hook.read_text(encoding="utf-8").strip(), quote=True)
            page = response.content.decode("utf-8").replace('<form class="form-login"',
                                                            f'<form class="form-login" action="{action}"', 1)
            response.content = page.encode("utf-8")
            response["Content-Length"] = str(len(response.content))
        return response
