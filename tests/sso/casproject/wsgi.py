"""WSGI entry for gunicorn: prepares the database and the test accounts on first load.

CAS_TEST_USERS: "name:password,name:password" (default: teacher, admin, colleague, stranger, each
with its name as password)."""
from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casproject.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

DEFAULT_USERS = "teacher:teacher,admin:admin,colleague:colleague,stranger:stranger"


def prepare() -> None:
    settings.STATE.mkdir(parents=True, exist_ok=True)
    if settings.DATABASES["default"]["NAME"].exists():
        return
    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    from django.contrib.auth.models import User
    for pair in os.environ.get("CAS_TEST_USERS", DEFAULT_USERS).split(","):
        name, _, password = pair.partition(":")
        User.objects.create_user(name, email=f"{name}@example.edu", password=password or name)


prepare()
application = get_wsgi_application()
